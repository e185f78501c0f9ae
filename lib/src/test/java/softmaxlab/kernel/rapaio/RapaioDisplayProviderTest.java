package softmaxlab.kernel.rapaio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplaySystem;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

import softmaxlab.view.Charts;
import softmaxlab.view.Fixtures;
import softmaxlab.view.Tables;

/**
 * Drives rapaio 3.0.1's real {@link DisplaySystem}: it finds our provider with its own ServiceLoader (as after
 * {@code %jars}) and renders a cell's value with mime null, or {@code display(mime, value)} with a mime.
 */
class RapaioDisplayProviderTest {

    final DisplaySystem display = DisplaySystem.inst();

    @Test
    void providerIsDiscoveredByServiceLoader() {
        List<DisplayProvider> found = new ArrayList<>();
        ServiceLoader.load(DisplayProvider.class).forEach(found::add);
        assertTrue(found.stream().anyMatch(p -> p instanceof RapaioDisplayProvider));
    }

    @Test
    void tableRendersAsHtmlWithRowCount() {
        DisplayData d = display.render(Tables.matrix("W", new DMatrixRMaj(30, 2)));
        String html = (String) d.data().get("text/html");
        assertTrue(html.startsWith("<table"), html);
        assertTrue(html.contains("showing 20 of 30 rows × 2 columns"));
        assertTrue(((String) d.data().get("text/plain")).startsWith("W\n"));
    }

    @Test
    void chartRendersAsPngAndSvgOnRequest() {
        DisplayData d = display.render(Charts.loss(2.0, 1.0));
        assertTrue(((String) d.data().get("image/png")).startsWith("iVBOR"), "base64 of a PNG signature");
        assertFalse(d.data().containsKey("image/svg+xml"));
        DisplayData svg = display.render("svg", Charts.loss(2.0, 1.0));
        assertTrue(((String) svg.data().get("image/svg+xml")).contains("<svg"));
        assertFalse(svg.data().containsKey("image/png"));
    }

    @Test
    void matricesRenderAsLatex() {
        String latex = "$$ \\begin{bmatrix} 1 & 2 \\end{bmatrix} $$";
        DMatrixRMaj m = new DMatrixRMaj(new double[][]{{1, 2}});
        assertEquals(latex, display.render(m).data().get("text/latex"));
        assertEquals(latex, display.render(SimpleMatrix.wrap(m)).data().get("text/latex"));
        assertEquals(latex, display.render("latex", m).data().get("text/latex"));
    }

    @Test
    void toolkitObjectsRenderAsMarkdownAndHtml() {
        DisplayData expansion = display.render(Fixtures.expansion000());
        assertTrue(((String) expansion.data().get("text/markdown")).startsWith("$$\\begin{aligned}\\frac{\\partial L}"));
        String verdict = (String) display.render(Fixtures.falseNumber()).data().get("text/html");
        assertTrue(verdict.contains("✗</span> <b>002 softmax([2,3,4])[0]</b>"), verdict);
        String claims = (String) display.render(Fixtures.claims()).data().get("text/html");
        assertTrue(claims.contains("✗</span> false"), claims);
        String check = (String) display.render(Fixtures.failingCheck()).data().get("text/html");
        assertTrue(check.contains("<tr style=\"background-color"), "failing row highlighted");
        assertTrue(((String) display.render(Fixtures.history()).data().get("text/html")).contains("<table"));
    }

    @Test
    void imagesRenderAsPng() {
        DisplayData d = display.render(Charts.imageGrid(new DMatrixRMaj(2, 4), 2, 2));
        assertTrue(((String) d.data().get("image/png")).startsWith("iVBOR"));
    }
}
