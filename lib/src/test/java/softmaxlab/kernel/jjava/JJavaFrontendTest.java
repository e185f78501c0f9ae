package softmaxlab.kernel.jjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import softmaxlab.view.Charts;
import softmaxlab.view.Fixtures;
import softmaxlab.view.Renderers;
import softmaxlab.view.Tables;

/**
 * Drives JJava 1.0-a6's kernel lifecycle ({@code notebookKernel()}, extensions) through a kernel subclass. Compiled
 * against 1.0-a6 only: {@code BaseKernel}'s constructor changed in 1.0-a7, so this test does not run against the
 * pip-installed jar; {@link JJavaDisplayTest} and {@link JJavaBinaryCompatibilityTest} do.
 */
class JJavaFrontendTest {

    @Test
    void runningKernelIsFoundAndInstalledInto() {
        assertNull(JJavaFrontend.running(), "no kernel outside the notebook lifecycle");
        TestKernel kernel = new TestKernel();
        kernel.onStartup();
        try {
            JJavaFrontend frontend = (JJavaFrontend) JJavaFrontend.running();
            frontend.install(Renderers.standard());
            DisplayData d = kernel.getRenderer().render(Tables.matrix("X", new DMatrixRMaj(2, 2)));
            assertTrue(((String) d.getData(MIMEType.TEXT_HTML)).contains("<table"));
            assertEquals("JJava", frontend.name());
        } finally {
            kernel.onShutdown(false);
        }
        assertNull(JJavaFrontend.running());
    }

    @Test
    void extensionIsListedAndAsksTheNotebookToInstall() {
        List<Extension> found = new ArrayList<>();
        ServiceLoader.load(Extension.class).forEach(found::add);
        assertTrue(found.stream().anyMatch(e -> e instanceof JJavaExtension), "listed in META-INF/services");
        TestKernel kernel = new TestKernel();
        new JJavaExtension().install(kernel);
        assertEquals(List.of("softmaxlab.kernel.Notebook.install();"), kernel.evaluated);
        assertTrue(kernel.getMagicsRegistry().getCellMagicNames().contains("derivation"));
    }

    @Test
    void theDerivationMagicEvaluatesInTheNotebooksShell() throws Exception {
        TestKernel kernel = new TestKernel();
        new JJavaExtension().install(kernel);
        kernel.getMagicsRegistry().evalCellMagic(kernel, "derivation", List.of("binary"), "point: a = 1\n");
        assertTrue(kernel.evaluated.get(1).startsWith("var binary = softmaxlab.check.DerivationCell.check("),
                kernel.evaluated.get(1));
        assertEquals("binary;", kernel.evaluated.get(2));
    }

    /** The smallest JJava kernel: real renderer, IO and lifecycle; evaluation only records the code. */
    static final class TestKernel extends BaseKernel {
        final List<String> evaluated = new ArrayList<>();

        TestKernel() {
            super("test", "0", null, List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(),
                    new Renderer(), null, new MagicsRegistry(), false, new StringStyler.Builder().build());
        }

        @Override
        public Object evalRaw(String source) {
            evaluated.add(source);
            return null;
        }

        @Override
        public DisplayData inspect(String code, int at, boolean extraDetail) {
            return null;
        }

        @Override
        public ReplacementOptions complete(String code, int at) {
            return null;
        }

        @Override
        public String isComplete(String code) {
            return IS_COMPLETE_YES;
        }
    }
}
