package softmaxlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import softmaxlab.check.Ledger;
import softmaxlab.check.NumberClaim;

class LedgersTest {

    static Ledger ledger() {
        Ledger l = Ledger.parse("002.tsv", List.of(String.join("\t", Ledger.COLUMNS),
                "002-01\tnumber\t[0.0903, ...]\tthe first probability <is> 0.0903\tfalse\t0.0900\t(举例说明) The example",
                "002-02\topinion\t是不是非常简单\tisn't it very simple\topinion\t\t"));
        l.record("002-01", NumberClaim.of("p1", "0.0903", 0.09003057).check());
        return l;
    }

    @Test
    void htmlWrapsWithinTheWidthAndLinksTheSection() {
        String html = Ledgers.html(ledger());
        assertTrue(html.startsWith("<p>002.tsv: 2 rows: 1 false, 1 opinion</p>"), html);
        assertTrue(html.contains("table-layout:fixed;width:100%"), html);
        assertTrue(html.contains("overflow-wrap:anywhere"), html);
        assertEquals(100, java.util.Arrays.stream(Ledgers.WIDTHS).sum());
        assertEquals(Ledgers.HEADERS.size(), Ledgers.WIDTHS.length);
        assertTrue(html.contains("<a href=\"#(举例说明)-The-example\">(举例说明) The example</a>"), html);
        assertTrue(html.contains("the first probability &lt;is&gt; 0.0903"), html);
        assertTrue(html.contains("title=\"p1: 0.0903 is false"), html);
        assertTrue(html.contains(Html.FAIL + " false"), html);
        assertTrue(html.contains("0.0900<br><small>computed: p1: 0.0903 is false"), html);
        assertTrue(html.contains("<tr style=\"" + Html.HIGHLIGHT + "\">"), html);
    }

    @Test
    void textHasOneLinePerRow() {
        assertEquals("""
                002.tsv: 2 rows: 1 false, 1 opinion
                002-01 [number] false: [0.0903, ...] | the first probability <is> 0.0903 | 0.0900 ((举例说明) The example)
                002-02 [opinion] opinion: 是不是非常简单 | isn't it very simple""", Ledgers.text(ledger()));
    }

    @Test
    void aLedgerRendersAsHtmlInANotebook() {
        assertTrue(Renderers.standard().render(ledger()).data().get(MimeBundle.HTML).contains("table-layout:fixed"));
    }
}
