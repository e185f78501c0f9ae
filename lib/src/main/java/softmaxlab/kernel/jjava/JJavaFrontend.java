package softmaxlab.kernel.jjava;

import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import softmaxlab.kernel.Frontend;
import softmaxlab.view.MimeBundle;
import softmaxlab.view.Renderers;

/**
 * JJava (org.dflib.jjava, 1.0-a6 to 1.0a8): the kernel is {@link BaseKernel#notebookKernel()}; renderers are
 * registered with its {@link Renderer}. Installed automatically by {@link JJavaExtension} when the jar is added to the
 * class path. Same registration scheme as IJava's basekernel, against JJava's own (renamed) API types.
 * <p>
 * Binary compatibility: this class calls only JJava members whose signatures are the same in every release from
 * 1.0-a6 on (checked by {@code JJavaBinaryCompatibilityTest} against the jar the pip-installed kernel ships). For
 * example {@code DisplayData.setDisplayId} returned {@code void} in 1.0-a6 and {@code DisplayData} later, so the
 * display id is set with {@code putTransientData}, unchanged since 1.0-a6.
 */
public final class JJavaFrontend implements Frontend {

    private static final Map<Renderer, Boolean> INSTALLED = Collections.synchronizedMap(new WeakHashMap<>());

    /** Jupyter's key for a display id in an output's transient data (the message specification's name). */
    static final String DISPLAY_ID = "display_id";

    private final Renderer renderer;
    private final DisplayStream display;

    JJavaFrontend(Renderer renderer, DisplayStream display) {
        this.renderer = renderer;
        this.display = display;
    }

    /** The running JJava kernel's front end, or null outside the notebook lifecycle. */
    public static Frontend running() {
        try {
            BaseKernel kernel = BaseKernel.notebookKernel();
            return new JJavaFrontend(kernel.getRenderer(), kernel.getIO().display);
        } catch (NullPointerException e) {
            // notebookKernel() documents this exception for "no kernel running"
            return null;
        }
    }

    @Override
    public String name() {
        return "JJava";
    }

    @Override
    public void install(Renderers renderers) {
        register(renderer, renderers);
    }

    /** Registers each entry of {@code renderers} with {@code renderer}, once per renderer. Modified: renderer. */
    public static void register(Renderer renderer, Renderers renderers) {
        if (INSTALLED.putIfAbsent(renderer, Boolean.TRUE) == null) {
            renderers.entries().forEach(e -> register(renderer, e));
        }
    }

    private static <T> void register(Renderer renderer, Renderers.Entry<T> entry) {
        MIMEType[] supported = entry.supported().stream().map(MIMEType::parse).toArray(MIMEType[]::new);
        MIMEType[] preferred = entry.preferred().stream().map(MIMEType::parse).toArray(MIMEType[]::new);
        renderer.createRegistration(entry.type()).preferring(preferred).supporting(supported)
                .register((value, context) -> {
                    for (MIMEType mime : supported) {
                        context.renderIfRequested(mime, () -> entry.content(value, mime.toString()));
                    }
                });
    }

    @Override
    public String display(MimeBundle bundle) {
        DisplayData data = toDisplayData(bundle);
        String id = UUID.randomUUID().toString();
        data.putTransientData(DISPLAY_ID, id);
        display.display(data);
        return id;
    }

    @Override
    public void updateDisplay(String id, MimeBundle bundle) {
        display.updateDisplay(id, toDisplayData(bundle));
    }

    @Override
    public boolean updatesInPlace() {
        return true;
    }

    static DisplayData toDisplayData(MimeBundle bundle) {
        DisplayData data = new DisplayData();
        bundle.data().forEach(data::putData);
        return data;
    }
}
