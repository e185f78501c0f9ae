package softmaxlab.kernel.ijava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import softmaxlab.view.Charts;
import softmaxlab.view.Fixtures;
import softmaxlab.view.Renderers;
import softmaxlab.view.Tables;

/** Drives basekernel 2.3.0's real {@link Renderer}, the one IJava 1.3 renders cells and display(...) with. */
class IJavaFrontendTest {

    final Renderer renderer = new Renderer();

    IJavaFrontendTest() {
        IJavaFrontend.register(renderer, Renderers.standard());
    }

    @Test
    void tableRendersAsHtmlWithRowCount() {
        DisplayData d = renderer.render(Tables.matrix("W", new DMatrixRMaj(30, 2)));
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertTrue(html.startsWith("<table"), html);
        assertTrue(html.contains("showing 20 of 30 rows × 2 columns"), html);
        String text = (String) d.getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.startsWith("W\n") && text.endsWith("showing 20 of 30 rows × 2 columns"), text);
    }

    @Test
    void chartRendersAsPngAndSvgOnRequest() throws Exception {
        DisplayData d = renderer.render(Charts.loss(2.0, 1.0, 0.5));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG))));
        assertEquals(Charts.WIDTH, png.getWidth());
        assertFalse(d.hasDataForType(MIMEType.IMAGE_SVG), "SVG only on request");
        DisplayData svg = renderer.renderAs(Charts.loss(2.0, 1.0), "image/svg+xml");
        assertTrue(((String) svg.getData(MIMEType.IMAGE_SVG)).contains("<svg"));
    }

    @Test
    void matricesRenderAsLatex() {
        DMatrixRMaj m = new DMatrixRMaj(new double[][]{{2, 3, 4}});
        String latex = "$$ \\begin{bmatrix} 2 & 3 & 4 \\end{bmatrix} $$";
        assertEquals(latex, renderer.render(m).getData(MIMEType.TEXT_LATEX));
        assertEquals(latex, renderer.render(SimpleMatrix.wrap(m)).getData(MIMEType.TEXT_LATEX));
        assertTrue(((String) renderer.render(m).getData(MIMEType.TEXT_PLAIN)).startsWith("DMatrixRMaj (1, 3)"));
    }

    @Test
    void toolkitObjectsRenderAsMarkdownAndHtml() {
        DisplayData expansion = renderer.render(Fixtures.expansion000());
        assertTrue(((String) expansion.getData(MIMEType.TEXT_MARKDOWN)).startsWith("$$\\begin{aligned}\\frac{\\partial L}"));
        assertTrue(((String) expansion.getData(MIMEType.TEXT_HTML)).contains("<table"));
        String verdict = (String) renderer.render(Fixtures.falseNumber()).getData(MIMEType.TEXT_HTML);
        assertTrue(verdict.contains("✗</span> <b>002 softmax([2,3,4])[0]</b>"), verdict);
        String claims = (String) renderer.render(Fixtures.claims()).getData(MIMEType.TEXT_HTML);
        assertTrue(claims.contains("✗</span> false") && claims.contains("✓</span> holds"), claims);
        String check = (String) renderer.render(Fixtures.failingCheck()).getData(MIMEType.TEXT_HTML);
        assertTrue(check.contains("<tr style=\"background-color"), "failing row highlighted");
    }

    @Test
    void installRegistersWithTheKernelsRendererOnce() {
        TestKernel kernel = new TestKernel();
        IJavaFrontend frontend = new IJavaFrontend(kernel);
        assertNull(kernel.getRenderer().render(new DMatrixRMaj(1, 1)).getData(MIMEType.TEXT_LATEX));
        frontend.install(Renderers.standard());
        frontend.install(Renderers.standard());
        assertNotNull(kernel.getRenderer().render(new DMatrixRMaj(1, 1)).getData(MIMEType.TEXT_LATEX));
        assertNotNull(frontend.display(Renderers.standard().render(new DMatrixRMaj(1, 1))));
        assertTrue(frontend.updatesInPlace());
    }

    @Test
    void noIJavaOnTheClassPathMeansNotRunning() {
        assertNull(IJavaFrontend.running());
    }

    /** The smallest basekernel kernel: its renderer and display stream are the real ones. */
    static final class TestKernel extends BaseKernel {
        @Override
        public DisplayData eval(String expr) {
            return null;
        }

        @Override
        public LanguageInfo getLanguageInfo() {
            return null;
        }
    }
}
