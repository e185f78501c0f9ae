package softmaxlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import softmaxlab.check.GradientCheck;
import softmaxlab.check.ClaimsReport;
import softmaxlab.check.DerivationCell;
import softmaxlab.check.Verdict;
import softmaxlab.graph.Expansion;
import softmaxlab.train.History;
import tech.tablesaw.api.Table;

class ToolkitRenderingTest {

    final Renderers renderers = Renderers.standard();

    static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void expansionShowsItsEquationsAndFactors() {
        Expansion e = Fixtures.expansion000();
        MimeBundle b = renderers.render(e);
        assertEquals(List.of(MimeBundle.TEXT, MimeBundle.MARKDOWN, MimeBundle.HTML), List.copyOf(b.data().keySet()));
        String md = b.get(MimeBundle.MARKDOWN).orElseThrow();
        // one path a line: the sum wraps instead of running past the notebook's edge
        assertTrue(md.startsWith("$$\\begin{aligned}" + e.latexLeft() + " &= " + e.paths().get(0).latexSymbolic()
                + " \\\\ &\\quad + " + e.paths().get(1).latexSymbolic() + "\\end{aligned}$$"), md);
        assertTrue(md.contains(" \\\\ &= " + Markdown.sumLatex(e) + "\\end{aligned}$$"), md);
        assertTrue(md.endsWith("2 paths from $L$ to $w_{21}$"), md);
        String html = b.get(MimeBundle.HTML).orElseThrow();
        assertEquals(3, count(html, "<div>$$"));
        assertTrue(html.contains("6 rows × 6 columns"), "3 factors on each of 2 paths");
        assertTrue(b.text().startsWith("dL/dw21 = " + Text.number(e.sum()) + " (2 paths)\n  path 1: L -> o1 -> y1 -> w21: ("),
                b.text());
        Table factors = Tables.expansion(e);
        assertEquals(e.paths().get(1).product(), factors.doubleColumn("value").get(3) * factors.doubleColumn("value").get(4)
                * factors.doubleColumn("value").get(5), 1e-15);
    }

    @Test
    void verdictsCarryCheckMarks() {
        Verdict wrong = Fixtures.falseNumber();
        MimeBundle b = renderers.render(wrong);
        String html = b.get(MimeBundle.HTML).orElseThrow();
        assertTrue(html.contains("<p><span style=\"color:#d62728\">✗</span> <b>002 softmax([2,3,4])[0]</b>: $0.0903$ "
                + "false (max discrepancy"), html);
        assertTrue(html.contains("Corrected: $0.0900$ <span style=\"color:#2a9d2a\">✓</span> holds"), html);
        String md = b.get(MimeBundle.MARKDOWN).orElseThrow();
        assertTrue(md.startsWith("✗ **002 softmax([2,3,4])[0]**: $0.0903$ false"), md);
        assertTrue(b.text().startsWith("✗ 002 softmax([2,3,4])[0]: 0.0903 false"), b.text());
        assertTrue(renderers.render(Fixtures.trueNumber()).get(MimeBundle.HTML).orElseThrow().contains("✓</span>"));
    }

    @Test
    void aBrokenChainNamesItsStepAndItsSource() {
        Verdict chain = Fixtures.brokenChain();
        String html = renderers.render(chain).get(MimeBundle.HTML).orElseThrow();
        assertTrue(html.contains("<b>case one (ours)</b>"), html);
        assertTrue(html.contains("The first = that breaks is between step 2 and step 3: $-\\frac{1}{a_4} a_4(1-a_4) "
                + "\\ne 1-a_4$ at $z_4 = 2$, $z_5 = 3$"), html);
        assertTrue(html.contains("$$\\begin{aligned}\\frac{\\partial Loss}{\\partial z_4} &amp;= -\\frac{1}{a_4} "
                + "a_4(1-a_4) \\\\ &amp;= 1-a_4 &amp;&amp; \\text{(breaks here)}\\end{aligned}$$"), "one step a line: " + html);
        String text = renderers.render(chain).text();
        assertTrue(text.contains("∂Loss/∂z_4 = -1/a_4 a_4(1-a_4)\n      = 1-a_4 (breaks here)"), text);
        assertFalse(text.contains("\\"), "no LaTeX in text/plain: " + text);
        Table t = Tables.claims(new ClaimsReport().add(Fixtures.trueNumber()).add(chain));
        assertEquals(List.of("printed", "ours"), t.stringColumn("source").asList());
        assertTrue(t.stringColumn("counterexample").get(1).startsWith("the first = that breaks"));
        assertEquals("1 of 1 claim holds; apart from these: 1 of ours (0 hold)",
                new ClaimsReport().add(Fixtures.trueNumber()).add(chain).counts());
    }

    @Test
    void aCounterexampleShowsTheLeavesItDependsOnAndTheRestOnRequest() {
        DerivationCell cell = DerivationCell.check("slip", """
                point: h_1 = 1, h_2 = 2, w_{11} = 0.1, w_{12} = 0.4, w_{21} = -0.2, w_{22} = 0.3
                forward: y_1 = w_{11}h_1+w_{21}h_2
                         y_2 = w_{12}h_1+w_{22}h_2
                claim: \\frac{\\partial y_1}{\\partial w_{21}} = h_1
                """);
        String html = renderers.render(cell).get(MimeBundle.HTML).orElseThrow();
        assertTrue(html.contains("Counterexample at $h_1 = 1$, $h_2 = 2$, $w_{11} = 0.1$, $w_{21} = -0.2$ (what it "
                + "depends on) <details style=\"display:inline\"><summary>the other 2 leaves</summary>"
                + "$w_{12} = 0.4$, $w_{22} = 0.3$</details>: printed 1, true 2."), html);
        assertTrue(renderers.render(cell).text().startsWith("✗ slip 1: false"), renderers.render(cell).text());
    }

    @Test
    void aRefusedClaimShowsItsReasonInPlainNotationNotRawLatex() {
        DerivationCell cell = DerivationCell.check("slip", """
                point: z = (1, -0.5, 0.2)
                forward: a = \\operatorname{softmax}(z)
                claim a^T a: \\frac{\\partial a}{\\partial z} = \\operatorname{diag}(a) - a^\\top a
                expect: refused
                """);
        MimeBundle b = renderers.render(cell);
        String html = b.get(MimeBundle.HTML).orElseThrow();
        assertTrue(html.contains("<b>a^T a</b>: refused, as expected: "), html);
        assertTrue(html.contains("do not fit: a sum of 3×3 and 1×1"), html);
        assertFalse(html.contains("\\"), "no raw LaTeX for the page to show untypeset: " + html);
        assertTrue(b.text().startsWith("✓ a^T a: refused, as expected: "), b.text());
    }

    @Test
    void claimsReportHighlightsFalseClaims() {
        MimeBundle b = renderers.render(Fixtures.claims());
        String html = b.get(MimeBundle.HTML).orElseThrow();
        assertTrue(html.contains("1 of 2 claims hold; 1 false"), html);
        assertEquals(1, count(html, Html.HIGHLIGHT), "the false claim's row");
        assertTrue(html.contains("<span style=\"color:#d62728\">✗</span> false<br><small>max discrepancy"), html);
        assertTrue(html.contains("<span style=\"color:#2a9d2a\">✓</span> holds<br><small>max discrepancy"), html);
        assertTrue(html.contains("<table class=\"softmaxlab\" style=\"width:100%"), "fits the notebook: " + html);
        assertTrue(b.get(MimeBundle.MARKDOWN).orElseThrow().contains("| $0.0903$ | ✗ false (max"), b.get(MimeBundle.MARKDOWN).orElseThrow());
    }

    @Test
    void gradientCheckPutsFailuresFirstAndHighlightsThem() {
        GradientCheck.Result check = Fixtures.failingCheck();
        Table t = Tables.gradientCheck(check);
        assertFalse(t.booleanColumn("pass").get(0), "the failing entry first");
        assertEquals(1, t.intColumn("col").get(0));
        String html = renderers.render(check).get(MimeBundle.HTML).orElseThrow();
        assertEquals(1, count(html, Html.HIGHLIGHT));
        assertTrue(html.contains("FAILED: 1 of 3 entries"), html);
        assertTrue(html.startsWith("<p><span style=\"color:#d62728\">✗</span> "), html);
        String report = renderers.render(GradientCheck.report(check, check)).get(MimeBundle.HTML).orElseThrow();
        assertEquals(2, count(report, Html.HIGHLIGHT));
        assertTrue(renderers.render(check).text().startsWith(check.verdict() + "\n"));
    }

    @Test
    void historiesAsTableAndCurves() throws Exception {
        History h = Fixtures.history();
        assertTrue(renderers.render(h).get(MimeBundle.HTML).orElseThrow().contains("3 rows × 4 columns"));
        Map<String, History> runs = new LinkedHashMap<>();
        runs.put("lr 0.1", h);
        runs.put("lr 1", new History(h.epochs().subList(0, 2)));
        Table side = Tables.histories("runs", runs);
        assertEquals(List.of("epoch", "lr 0.1 loss", "lr 0.1 train accuracy", "lr 0.1 validation accuracy",
                "lr 1 loss", "lr 1 train accuracy", "lr 1 validation accuracy"), side.columnNames());
        assertTrue(side.doubleColumn("lr 1 loss").isMissing(2), "the shorter run has no epoch 2");
        assertEquals(2, side.intColumn("epoch").get(2));
        ChartsTest.assertDrawn(Charts.png(Charts.histories(runs)), Charts.WIDTH, Charts.HEIGHT);
        assertEquals(4, Charts.accuracies(runs).getSeriesMap().size());
        assertEquals(0.0, Charts.loss(h).getSeriesMap().get("loss").getXMin());
    }
}
