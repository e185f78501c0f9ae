package softmaxlab.kernel.jjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import softmaxlab.view.Charts;
import softmaxlab.view.Fixtures;
import softmaxlab.view.Renderers;
import softmaxlab.view.Tables;

/**
 * The JJava glue against JJava's real {@link Renderer} and {@link DisplayStream}. Runs twice in {@code mvn verify}:
 * against the 1.0-a6 API jar from Maven Central, and (profile {@code jjava-pip}) against the jar the pip-installed
 * kernel ships, so a changed binary signature fails here and not in a workshop.
 */
class JJavaDisplayTest {

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
        assertTrue(((String) expansion.getData(MIMEType.TEXT_MARKDOWN)).startsWith("$$\\begin{aligned}\\frac{\\partial L}"));
        String verdict = (String) renderer.render(Fixtures.falseNumber()).getData(MIMEType.TEXT_HTML);
        assertTrue(verdict.contains("✗</span> <b>002 softmax([2,3,4])[0]</b>"), verdict);
        String claims = (String) renderer.render(Fixtures.claims()).getData(MIMEType.TEXT_MARKDOWN);
        assertTrue(claims.startsWith("1 of 2 claims hold; 1 false"), claims);
        String check = (String) renderer.render(Fixtures.failingCheck()).getData(MIMEType.TEXT_HTML);
        assertTrue(check.contains("<tr style=\"background-color"), "failing row highlighted");
    }

    @Test
    void displayCarriesAnIdThatUpdatesReplace() {
        Recording stream = new Recording();
        JJavaFrontend frontend = new JJavaFrontend(new Renderer(), stream);
        String id = frontend.display(Renderers.standard().render(Charts.loss(2.0, 1.0)));
        frontend.updateDisplay(id, Renderers.standard().render(Charts.loss(2.0, 1.0, 0.5)));
        assertEquals(1, stream.shown.size());
        assertEquals(id, stream.shown.get(0).getDisplayId(), "the id travels in the output's transient data");
        assertEquals(List.of(id), stream.updatedIds);
        assertTrue(stream.updated.get(0).hasDataForType(MIMEType.IMAGE_PNG));
        assertTrue(frontend.updatesInPlace());
    }

    /** A display stream that records what the kernel would publish. */
    static final class Recording extends DisplayStream {
        final List<DisplayData> shown = new ArrayList<>();
        final List<String> updatedIds = new ArrayList<>();
        final List<DisplayData> updated = new ArrayList<>();

        @Override
        public void display(DisplayData data) {
            shown.add(data);
        }

        @Override
        public void updateDisplay(String id, DisplayData data) {
            updatedIds.add(id);
            updated.add(data);
        }
    }
}
