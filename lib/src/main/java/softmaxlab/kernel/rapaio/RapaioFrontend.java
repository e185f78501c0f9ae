package softmaxlab.kernel.rapaio;

import java.util.UUID;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplaySystem;

import softmaxlab.kernel.Frontend;
import softmaxlab.view.MimeBundle;
import softmaxlab.view.Renderers;

/**
 * rapaio-jupyter-kernel 3.0.1: renders a cell's last expression through its {@link DisplaySystem}, which finds
 * {@link RapaioDisplayProvider} with a {@code ServiceLoader} when {@code %jars} adds the library; outputs go through
 * {@link RapaioKernel#display} and {@link RapaioKernel#updateDisplay}.
 */
public final class RapaioFrontend implements Frontend {

    private final RapaioKernel kernel;

    RapaioFrontend(RapaioKernel kernel) {
        this.kernel = kernel;
    }

    /**
     * The running rapaio kernel's front end, or null when it is not connected. Call only from code a rapaio JShell
     * loaded: reading {@link MainApp#kernel} elsewhere would start a kernel.
     */
    public static Frontend running() {
        RapaioKernel kernel = MainApp.kernel;
        return kernel != null && kernel.channels() != null ? new RapaioFrontend(kernel) : null;
    }

    @Override
    public String name() {
        return "rapaio";
    }

    /**
     * Re-reads the display providers: {@code %jars} already does, but a jar put on the class path another way
     * (e.g. the kernel's RJK_CLASSPATH) is picked up here.
     */
    @Override
    public void install(Renderers renderers) {
        DisplaySystem.inst().refreshSpiDisplayHandlers();
    }

    @Override
    public String display(MimeBundle bundle) {
        DisplayData data = toDisplayData(bundle);
        String id = UUID.randomUUID().toString();
        data.setDisplayId(id);
        kernel.display(data);
        return id;
    }

    @Override
    public void updateDisplay(String id, MimeBundle bundle) {
        DisplayData data = toDisplayData(bundle);
        data.setDisplayId(id);
        kernel.updateDisplay(data);
    }

    @Override
    public boolean updatesInPlace() {
        return true;
    }

    static DisplayData toDisplayData(MimeBundle bundle) {
        DisplayData data = DisplayData.fromText(bundle.text());
        bundle.data().forEach(data::putData);
        return data;
    }
}
