package softmaxlab.kernel.ijava;

import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import softmaxlab.kernel.Frontend;
import softmaxlab.kernel.RanSnippets;
import softmaxlab.view.MimeBundle;
import softmaxlab.view.Renderers;

/**
 * IJava 1.3 (on jupyter-jvm-basekernel 2.3): renderers are registered with the kernel's {@link Renderer}, which
 * renders a cell's last expression and IJava's {@code display(...)}; outputs go through the kernel's display stream.
 */
public final class IJavaFrontend implements Frontend {

    /** IJava's entry class; its static {@code getKernelInstance()} is the running kernel, or null. */
    public static final String KERNEL_CLASS = "io.github.spencerpark.ijava.IJava";

    /** Renderers already registered with, so install() twice does not register twice. */
    private static final Map<Renderer, Boolean> INSTALLED = Collections.synchronizedMap(new WeakHashMap<>());

    private final BaseKernel kernel;

    IJavaFrontend(BaseKernel kernel) {
        this.kernel = kernel;
    }

    /**
     * The running IJava kernel's front end, or null. IJava's own class is not on the library's compile class path
     * (it is not published to Maven Central), so this one lookup is reflective; the rest is typed basekernel API.
     */
    public static Frontend running() {
        try {
            Object instance = Class.forName(KERNEL_CLASS, true, IJavaFrontend.class.getClassLoader())
                    .getMethod("getKernelInstance").invoke(null);
            return instance instanceof BaseKernel k ? new IJavaFrontend(k) : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    @Override
    public String name() {
        return "IJava";
    }

    @Override
    public void install(Renderers renderers) {
        register(kernel.getRenderer(), renderers);
        IJavaDerivationMagic.register(kernel);
        RanSnippets.dropOnceRun(kernel);
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
        data.setDisplayId(id);
        kernel.getIO().display.display(data);
        return id;
    }

    @Override
    public void updateDisplay(String id, MimeBundle bundle) {
        kernel.getIO().display.updateDisplay(id, toDisplayData(bundle));
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
