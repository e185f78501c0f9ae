package softmaxlab.kernel.jjava;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import softmaxlab.kernel.RanSnippets;

/**
 * JJava's extension hook (listed in {@code META-INF/services/org.dflib.jjava.jupyter.Extension}): JJava loads it when
 * the jar is added with {@code %classpath}/{@code %jars}. JJava loads extensions in a class loader of their own, so
 * registering here would register that loader's copies of Table, XYChart, ...; instead this asks the notebook's own
 * JShell to run {@code Notebook.install()}, which registers the classes notebook code actually uses. It also
 * registers {@code %%derivation} and has the kernel's JShell drop statements once run ({@link RanSnippets}).
 */
public final class JJavaExtension implements Extension {

    /** The statement evaluated in the notebook. */
    static final String INSTALL = "softmaxlab.kernel.Notebook.install();";

    @Override
    public void install(BaseKernel kernel) {
        kernel.eval(INSTALL);
        JJavaDerivationMagic.register(kernel);
        RanSnippets.dropOnceRun(kernel);
    }
}
