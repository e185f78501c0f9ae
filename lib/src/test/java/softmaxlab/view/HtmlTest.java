package softmaxlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void tableFormatsNumbersAndCountsRows() {
        DMatrixRMaj m = new DMatrixRMaj(new double[][]{{0.40760596, 1e-12}});
        String html = Html.table(Tables.matrix("A<B", m));
        assertTrue(html.startsWith("<table"), html);
        assertTrue(html.contains("<caption>A&lt;B</caption>"), html);
        assertTrue(html.contains(">0.4076</td>"), html);
        assertTrue(html.contains(">1e-12</td>"), html);
        assertTrue(html.contains("1 row × 2 columns"), html);
    }

    @Test
    void longTableIsTruncatedAndHighlightsRows() {
        String html = Html.table(Tables.matrix("big", new DMatrixRMaj(100, 1)), 10, row -> row == 3);
        assertEquals(10, html.split("<tr", -1).length - 2, "10 body rows after the header row");
        assertTrue(html.contains("showing 10 of 100 rows"), html);
        assertEquals(1, html.split(java.util.regex.Pattern.quote(Html.HIGHLIGHT), -1).length - 1, "one highlighted row");
        assertFalse(Html.table(Tables.matrix("small", new DMatrixRMaj(2, 1))).contains("showing"));
    }

    @Test
    void escapesMarkup() {
        assertEquals("&lt;b&gt; &amp; &quot;", Html.escape("<b> & \""));
    }
}
