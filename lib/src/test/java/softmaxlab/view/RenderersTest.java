package softmaxlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;

class RenderersTest {

    final Renderers renderers = Renderers.standard();

    @Test
    void tableRendersAsHtmlAndText() {
        MimeBundle b = renderers.render(Tables.matrix("W", new DMatrixRMaj(30, 2)));
        assertEquals(List.of(MimeBundle.TEXT, MimeBundle.HTML), List.copyOf(b.data().keySet()));
        assertTrue(b.get(MimeBundle.HTML).orElseThrow().contains("showing 20 of 30 rows"));
        assertTrue(b.text().endsWith("showing 20 of 30 rows × 2 columns"), b.text());
    }

    @Test
    void chartRendersAsPngAndSvgOnRequest() throws Exception {
        MimeBundle b = renderers.render(Charts.loss(1.0, 0.5));
        assertFalse(b.has(MimeBundle.SVG));
        byte[] png = Base64.getDecoder().decode(b.get(MimeBundle.PNG).orElseThrow());
        ChartsTest.assertDrawn(png, Charts.WIDTH, Charts.HEIGHT);
        assertTrue(b.text().startsWith("XYChart 'loss' (600x400), series [loss]"), b.text());
        MimeBundle svg = renderers.render(Charts.loss(1.0, 0.5), "svg");
        assertTrue(svg.get(MimeBundle.SVG).orElseThrow().contains("<svg"));
        assertFalse(svg.has(MimeBundle.PNG));
    }

    @Test
    void matricesRenderAsLatex() {
        DMatrixRMaj m = new DMatrixRMaj(new double[][]{{2, 3, 4}});
        MimeBundle b = renderers.render(m);
        assertEquals("$$ \\begin{bmatrix} 2 & 3 & 4 \\end{bmatrix} $$", b.get(MimeBundle.LATEX).orElseThrow());
        assertTrue(b.text().startsWith("DMatrixRMaj (1, 3)"), b.text());
        MimeBundle simple = renderers.render(SimpleMatrix.wrap(m));
        assertEquals(b.get(MimeBundle.LATEX), simple.get(MimeBundle.LATEX));
        assertTrue(simple.text().startsWith("SimpleMatrix (1, 3)"), simple.text());
        MimeBundle array = renderers.render(new double[] {2, 3, 4});
        assertEquals(b.get(MimeBundle.LATEX), array.get(MimeBundle.LATEX));
        assertTrue(array.text().startsWith("double[] (1, 3)") && array.text().contains("4"), array.text());
    }

    @Test
    void unknownTypesAndUnsupportedRequestsFallBackToText() {
        assertEquals(List.of(MimeBundle.TEXT), List.copyOf(renderers.render(42).data().keySet()));
        assertEquals("42", renderers.render(42).text());
        MimeBundle b = renderers.render(new DMatrixRMaj(1, 1), "png");
        assertEquals(List.of(MimeBundle.TEXT), List.copyOf(b.data().keySet()));
    }

    @Test
    void entryRequiresTextAndPreferredAmongSupported() {
        assertThrows(IllegalArgumentException.class, () -> new Renderers().register(String.class,
                List.of(MimeBundle.HTML), List.of(MimeBundle.HTML), (s, mime) -> s));
        assertThrows(IllegalArgumentException.class, () -> MimeBundle.normalize(" "));
        assertEquals(MimeBundle.SVG, MimeBundle.normalize("svg"));
    }
}
