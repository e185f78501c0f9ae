package softmaxlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;

import softmaxlab.graph.Graph;

/** Document 000's two-class network written as a derivation cell, and the errors a learner meets. */
class DerivationCellTest {

    static final String BINARY = """
            % document 000, at an example of ours
            point: h_1 = 1, h_2 = 2, h_3 = 0.5, t_1 = 1, t_2 = 0,
                   w_{11} = 0.1, w_{12} = 0.4, w_{21} = -0.2, w_{22} = 0.3, w_{31} = 0.5, w_{32} = -0.1
            forward: y_1 = w_{11}h_1+w_{21}h_2+w_{31}h_3
                     y_2 = w_{12}h_1+w_{22}h_2+w_{32}h_3
                     o_1 = \\frac{e^{y_1}}{\\sum_{i=1}^2{e^{y_i}}}
                     o_2 = \\frac{e^{y_2}}{\\sum_{i=1}^2{e^{y_i}}}
                     L = -t_1\\log{o_1}-t_2\\log{o_2}
            fixed: t_1, t_2
            tolerance: 1e-6
            claim dL/do_1: \\frac{\\partial L}{\\partial o_1} = -\\frac{t_1}{o_1}
            claim dL/dw_21: \\frac{\\partial L}{\\partial w_{21}}
                = \\left(-\\frac{t_1}{o_1}(o_1-o_1^2) - \\frac{t_2}{o_2}(-o_2o_1)\\right)h_2
                = (t_1-o_1)h_2   % the slip: the sign
            corrected: (o_1-t_1)h_2
            expect: breaks after step 2
            claim propagated: \\frac{\\partial L}{\\partial y_j} = o_j - t_j
            over: j = 1..2
            source: ours
            expect: holds
            """;

    @Test
    void aCellBuildsItsGraphAndChecksEachClaim() {
        DerivationCell cell = DerivationCell.check("binary", BINARY);
        assertEquals(List.of("dL/do_1", "dL/dw_21", "propagated"), cell.verdicts().stream().map(Verdict::label)
                .toList());
        assertTrue(cell.verdict("dL/do_1").holds());
        Verdict slip = cell.verdict("dL/dw_21");
        assertFalse(slip.holds());
        assertEquals(OptionalInt.of(2), slip.brokenStep());
        assertTrue(slip.correctionHolds());
        assertEquals(Verdict.Source.OURS, cell.verdict("propagated").source());
        assertEquals(5, cell.forward().size());
        assertEquals(1e-6, slip.tolerance());
        assertSame(cell, DerivationCell.named("binary"));
        assertEquals("1 of 2 claims hold; 1 false; apart from these: 1 of ours (1 hold)", cell.report().counts());
    }

    @Test
    void aCounterexampleNamesTheLeavesTheFailingStepDependsOn() {
        DerivationCell.check("binary", BINARY);
        Verdict v = DerivationCell.check("slip", """
                on: binary
                fixed: t_1, t_2
                claim: \\frac{\\partial y_1}{\\partial w_{21}} = h_1
                """).verdicts().get(0);
        assertFalse(v.holds());
        Verdict.Focus focus = v.focus().orElseThrow();
        // y_1 = w_{11}h_1+w_{21}h_2+w_{31}h_3: not the weights of y_2
        assertEquals(Set.of("h1", "h2", "h3", "w11", "w21", "w31"), focus.dependsOn());
        assertEquals(List.of("h_1", "h_2", "h_3", "w_{11}", "w_{12}", "w_{21}", "w_{22}", "w_{31}", "w_{32}"),
                focus.latex());
    }

    @Test
    void aLaterCellChecksClaimsOnAnEarlierCellsGraph() {
        DerivationCell.check("binary", BINARY);
        DerivationCell later = DerivationCell.check("later", """
                on: binary
                fixed: t_1, t_2
                samples: 0
                claim: \\frac{\\partial L}{\\partial y_1} = o_1 - t_1
                """);
        assertEquals(1, later.verdicts().get(0).points(), "the point only");
        assertSame(DerivationCell.named("binary").graph(), later.graph());
        assertEquals("later 1", later.verdicts().get(0).label());
        assertTrue(later.verdicts().get(0).holds());
    }

    @Test
    void aCellOnAGraphBuiltInJavaAddsLeavesAndNodesToIt() {
        Graph sigmoid = Graph.fromLatex("z = 0.3", "a = \\frac{1}{1+e^{-z}}");
        assertSame(sigmoid, DerivationCell.of("javaGraph", sigmoid).graph());
        DerivationCell cell = DerivationCell.check("bce", """
                on: javaGraph
                point: y = 1
                forward: L = -y\\ln a - (1-y)\\ln(1-a)
                fixed: y
                scale: 0.5
                claim: \\frac{\\partial L}{\\partial z} = a - y
                """);
        assertSame(sigmoid, cell.graph());
        assertEquals(List.of("L = -y\\ln a - (1-y)\\ln(1-a)"), cell.forward());
        assertTrue(cell.verdicts().get(0).holds());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> DerivationCell.check(
                "bad", "on: javaGraph\nscale: 0\nclaim: a = a\n"));
        assertTrue(zero.getMessage().startsWith("derivation cell, line 2, column 8: scale: \"0\"; expected a "
                + "positive number"), zero.getMessage());
    }

    @Test
    void aFormulaErrorPointsAtItsLineAndColumnInTheCell() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DerivationCell.check("bad",
                """
                point: a = 1
                forward: b = 2 a
                claim: \\frac{\\partial b}{\\partial a} = 2 \\foo a
                """, 2));
        assertTrue(e.getMessage().startsWith("derivation cell, line 4, column 42: cannot read \"\\foo\""),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("\n    claim: \\frac{\\partial b}{\\partial a} = 2 \\foo a\n"
                + "    " + " ".repeat(41) + "^"), e.getMessage());
    }

    @Test
    void aContinuedChainErrorPointsAtTheContinuationLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DerivationCell.check("bad",
                """
                point: a = 1
                forward: b = 2 a
                claim: \\frac{\\partial b}{\\partial a}
                     = 2 ^
                """));
        assertTrue(e.getMessage().startsWith("derivation cell, line 4, column 11: "), e.getMessage());
    }

    @Test
    void unknownKeywordsAndMisplacedOptionsAreNamed() {
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> DerivationCell.check("bad", "point: a = 1\nforwards: b = a\n"));
        assertTrue(word.getMessage().startsWith("derivation cell, line 2, column 1: \"forwards\" is not keyword"),
                word.getMessage());
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class, () -> DerivationCell.check(
                "bad", "point: a = 1\nforward: b = a\nclaim: b = a\nfixed: a\n"));
        assertTrue(late.getMessage().contains("line 4, column 8: fixed: applies to the whole cell"),
                late.getMessage());
        IllegalArgumentException symbol = assertThrows(IllegalArgumentException.class, () -> DerivationCell.check(
                "bad", "point: a = 1\nforward: b = a\nclaim: b = c\n"));
        assertTrue(symbol.getMessage().startsWith("derivation cell, line 3, column 12: cannot read \"c\" at column 5: "
                + "no node named c in the graph"), symbol.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DerivationCell.check("not a name", "point: a = 1"));
        IllegalArgumentException java = assertThrows(IllegalArgumentException.class, () -> DerivationCell.check(
                "bad", "point: a = 1\nforward: b = \frac{a}{2}\n"));
        assertTrue(java.getMessage().startsWith("derivation cell, line 2, column 14: a form feed where LaTeX has a "
                + "backslash: a Java string read \\f as an escape"), java.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DerivationCell.named("never"));
    }

    @Test
    void anExpectationThatFailsStopsWithTheVerdict() {
        AssertionError e = assertThrows(AssertionError.class, () -> DerivationCell.check("bad",
                "point: a = 1\nforward: b = 2 a\nclaim: \\frac{\\partial b}{\\partial a} = 3\nexpect: holds\n"));
        assertTrue(e.getMessage().startsWith("derivation cell, line 4 (expect): expected the claim to hold: "),
                e.getMessage());
    }

    private static final String SOFTMAX = """
            point: z_1 = 2, z_2 = 3, z_3 = 4, y_1 = 0, y_2 = 0, y_3 = 1
            forward: a_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}
            over: j = 1..3
            forward: C = -\\sum_k y_k \\ln a_k
            fixed: y_1, y_2, y_3
            claim output - label: \\frac{\\partial C}{\\partial z_j} = a_j - y_j
            over: j = 1..3
            """;

    @Test
    void anOverBelowAForwardEntryAssignsEachOfItsLinesForEachValue() {
        DerivationCell cell = DerivationCell.check("softmax", SOFTMAX);
        double sum = Math.exp(2) + Math.exp(3) + Math.exp(4);
        assertEquals(Math.exp(3) / sum, cell.graph().node("a2").value(), 1e-15);
        assertEquals(-Math.log(Math.exp(4) / sum), cell.graph().node("C").value(), 1e-12);
        assertTrue(cell.verdict("output - label").holds());
        assertEquals(List.of("a_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}", "C = -\\sum_k y_k \\ln a_k"), cell.forward());
    }

    @Test
    void reuseAssignsAnEarlierCellsForwardFormulasOnThisCellsPointOverANewRange() {
        DerivationCell.check("softmax", SOFTMAX);
        DerivationCell five = DerivationCell.check("five", """
                point: z_1 = 0, z_2 = 1, z_3 = 2, z_4 = 3, z_5 = \\ln 0.5, y_1 = 0, y_2 = 0, y_3 = 0, y_4 = 0, y_5 = 1
                reuse: softmax
                over: j = 1..5
                forward: Q = C + 1
                fixed: y_1, y_2, y_3, y_4, y_5
                samples: 0
                claim: \\frac{\\partial Q}{\\partial z_5} = a_5 - 1
                """);
        double sum = 1 + Math.E + Math.exp(2) + Math.exp(3) + 0.5;
        assertEquals(0.5 / sum, five.graph().node("a5").value(), 1e-15);
        assertEquals(1 - Math.log(0.5 / sum), five.graph().node("Q").value(), 1e-12);
        assertTrue(five.verdicts().get(0).holds());
        assertEquals(3, five.forward().size(), "the reused formulas and its own");
        DerivationCell again = DerivationCell.check("again", "point: z_1 = 1, z_2 = 1, z_3 = 1, y_1 = 1, y_2 = 0, "
                + "y_3 = 0\nreuse: softmax\n");
        assertEquals(1.0 / 3, again.graph().node("a3").value(), 1e-15, "the range as written there: 1..3");
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class, () -> DerivationCell.check(
                "cut", "point: z_1 = 1, z_2 = 1, z_3 = 1, z_4 = 1, y_1 = 0, y_2 = 0, y_3 = 0, y_4 = 1\nreuse: softmax\n"));
        assertTrue(cut.getMessage().contains("its symbols are known for different k"), "a_4 missing, not a cost "
                + "of 0: " + cut.getMessage());
    }

    @Test
    void reuseRefusesALetterItsFormulasAreNotIndexedByAndAGraphWithoutFormulas() {
        DerivationCell.check("softmax", SOFTMAX);
        IllegalArgumentException letter = assertThrows(IllegalArgumentException.class, () -> DerivationCell.check(
                "bad", "point: z_1 = 1, y_1 = 1\nreuse: softmax\nover: k = 1..1\n"));
        assertTrue(letter.getMessage().startsWith("derivation cell, line 3, column 7: over: k after reuse: softmax, "
                + "whose formulas are indexed by [j]; expected one of those letters"), letter.getMessage());
        DerivationCell.of("bare", Graph.fromLatex("x = 1"));
        IllegalArgumentException bare = assertThrows(IllegalArgumentException.class, () -> DerivationCell.check(
                "bad", "point: x = 1\nreuse: bare\n"));
        assertTrue(bare.getMessage().contains("reuse: bare has no forward formulas"), bare.getMessage());
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class, () -> DerivationCell.check(
                "bad", "point: x = 1\nfixed: x\nover: j = 1..2\n"));
        assertTrue(alone.getMessage().contains("or directly below a forward: or reuse: entry"), alone.getMessage());
    }

    @Test
    void aClaimExpectedToBeRefusedKeepsTheRefusalAndFailsWhenItIsChecked() {
        DerivationCell tie = DerivationCell.check("tie", """
                point: s_1 = 0.5, s_2 = 0.5
                forward: m = \\max(s_1, s_2)
                samples: 0
                claim at the tie: \\frac{\\partial m}{\\partial s_1} = 1
                expect: refused
                """);
        assertTrue(tie.verdicts().isEmpty());
        assertTrue(tie.refusal("at the tie").contains("central difference"), tie.refusal("at the tie"));
        assertTrue(tie.summary().startsWith("at the tie: refused, as expected: "), tie.summary());
        AssertionError checked = assertThrows(AssertionError.class, () -> DerivationCell.check("fine", """
                point: s_1 = 0.5, s_2 = 0.2
                forward: m = \\max(s_1, s_2)
                samples: 0
                claim away from the tie: \\frac{\\partial m}{\\partial s_1} = 1
                expect: refused
                """));
        assertTrue(checked.getMessage().startsWith("derivation cell, line 5 (expect): expected the library to refuse "
                + "the claim"), checked.getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> DerivationCell.check(
                "typo", "point: s = 1\nforward: m = 2 s\nclaim: m = 2 s\nover: j = 1\nexpect: refused\n"));
        assertTrue(typo.getMessage().startsWith("derivation cell, line 4"), "the cell's own text is never a "
                + "refusal: " + typo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tie.refusal("nothing"));
    }
}
