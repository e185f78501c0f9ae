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
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import softmaxlab.view.Charts;
import softmaxlab.view.Fixtures;
import softmaxlab.view.Renderers;
import softmaxlab.view.Tables;

/** Drives JJava 1.0-a6's real {@link Renderer} and kernel lifecycle ({@code notebookKernel()}, extensions). */
class JJavaFrontendTest {

    @Test
    void tableChartAndMatrixRenderRichly() {
        Renderer renderer = new Renderer();
        JJavaFrontend.register(renderer, Renderers.standard());
        DisplayData table = renderer.render(Tables.matrix("W", new DMatrixRMaj(30, 2)));
        assertTrue(((String) table.getData(MIMEType.TEXT_HTML)).contains("showing 20 of 30 rows"));
        DisplayData chart = renderer.render(Charts.loss(2.0, 1.0));
        assertTrue(((String) chart.getData(MIMEType.IMAGE_PNG)).startsWith("iVBOR"), "base64 of a PNG signature");
        assertFalse(chart.hasDataForType(MIMEType.IMAGE_SVG));
        assertTrue(((String) renderer.renderAs(Charts.loss(1.0), "image/svg+xml").getData(MIMEType.IMAGE_SVG))
                .contains("<svg"));
        assertEquals("$$ \\begin{bmatrix} 0 \\end{bmatrix} $$",
                renderer.render(new DMatrixRMaj(1, 1)).getData(MIMEType.TEXT_LATEX));
    }

    @Test
    void toolkitObjectsRenderAsMarkdownAndHtml() {
        Renderer renderer = new Renderer();
        JJavaFrontend.register(renderer, Renderers.standard());
        DisplayData expansion = renderer.render(Fixtures.expansion000());
        assertTrue(((String) expansion.getData(MIMEType.TEXT_MARKDOWN)).startsWith("$$\\frac{\\partial L}"));
        String verdict = (String) renderer.render(Fixtures.falseNumber()).getData(MIMEType.TEXT_HTML);
        assertTrue(verdict.contains("✗</span> <b>002 softmax([2,3,4])[0]</b>"), verdict);
        String claims = (String) renderer.render(Fixtures.claims()).getData(MIMEType.TEXT_MARKDOWN);
        assertTrue(claims.startsWith("1 of 2 claims hold; 1 false"), claims);
        String check = (String) renderer.render(Fixtures.failingCheck()).getData(MIMEType.TEXT_HTML);
        assertTrue(check.contains("<tr style=\"background-color"), "failing row highlighted");
    }

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
    }

    /** The smallest JJava kernel: real renderer, IO and lifecycle; evaluation only records the code. */
    static final class TestKernel extends BaseKernel {
        final List<String> evaluated = new ArrayList<>();

        TestKernel() {
            super("test", "0", null, List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(),
                    new Renderer(), null, null, false, new StringStyler.Builder().build());
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
