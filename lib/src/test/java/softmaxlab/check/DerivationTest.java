package softmaxlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static softmaxlab.check.ClaimTest.assertMessage;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import softmaxlab.graph.Graph;
import softmaxlab.graph.TestGraphs;

/** Document 002's three-class derivation and document 000's dL/dw21, checked from their own LaTeX. */
class DerivationTest {

    static final String POINT_000 = "h_1=1, h_2=2, h_3=0.5, w_{11}=0.1, w_{12}=0.4, w_{21}=-0.2, w_{22}=0.3, "
            + "w_{31}=0.5, w_{32}=-0.1, t_1=1, t_2=0";

    static Derivation d002() {
        return Derivation.on(Graph.fromLatex(TestGraphs.POINT_002, TestGraphs.FORWARD_002)).fixed("y_4, y_5, y_6");
    }

    static Derivation d000() {
        return Derivation.on(Graph.fromLatex(POINT_000, TestGraphs.FORWARD_000)).fixed("t_1, t_2");
    }

    @Test
    void caseOneJEqualsIChainRuleAndFactorsHold() {
        Derivation d = d002();
        assertTrue(d.check("002 (情况一) chain", "\\frac{\\partial Loss}{\\partial w_{41}}=\\frac{\\partial Loss}"
                + "{\\partial a_4} \\times \\frac{\\partial a_4}{\\partial z_4} \\times \\frac{\\partial z_4}"
                + "{\\partial w_{41}}").holds());
        assertTrue(d.check("002 (情况一) dLoss/da4", "\\frac{\\partial Loss}{\\partial a_4}=-\\frac{1}{a_4}").holds());
        assertTrue(d.check("002 (情况一) dz4/dw41", "\\frac{\\partial z_4}{\\partial w_{41}} =o_1").holds());
    }

    @Test
    void caseOneQuotientLosesItsSquareAndTheResultItsSign() {
        Derivation d = d002();
        Verdict quotient = d.claim("002 (情况一) da4/dz4", "\\frac{\\partial a_4}{\\partial z_4} &= "
                        + "\\frac{e^{z_4}(e^{z_5}+e^{z_6})}{e^{z_4}+e^{z_5}+e^{z_6}} \\\\ &= a_4(1-a_4)")
                .corrected("\\frac{\\partial a_4}{\\partial z_4} = \\frac{e^{z_4}(e^{z_5}+e^{z_6})}"
                        + "{(e^{z_4}+e^{z_5}+e^{z_6})^2} = a_4(1-a_4)").check();
        assertFalse(quotient.holds());
        assertEquals(OptionalInt.of(1), quotient.brokenStep());
        assertTrue(quotient.correctionHolds());

        Verdict result = d.claim("002 (情况一) dLoss/dw41", "\\frac{\\partial Loss}{\\partial w_{41}} &=-\\frac{1}"
                + "{a_4} \\times a_4(1-a_4) \\times o_1 \\\\ &=(1-a_4) \\times o_1").corrected("(a_4-1) \\times o_1").check();
        assertFalse(result.holds());
        // the first = holds; the sign is lost between step 2 and step 3
        assertEquals(OptionalInt.of(2), result.brokenStep());
        assertEquals(List.of("\\frac{\\partial Loss}{\\partial w_{41}}", "-\\frac{1}{a_4} \\times a_4(1-a_4) \\times o_1",
                "(1-a_4) \\times o_1"), result.steps());
        assertTrue(result.breakText().startsWith("the first = that breaks is between step 2 (-\\frac{1}{a_4} \\times "
                + "a_4(1-a_4) \\times o_1) and step 3 ((1-a_4) \\times o_1): at (o1 = 1, o2 = 0, o3 = 0, w41 = 2,"),
                result.breakText());
        // shown at the document's own example, where it fails: a_4 = e^2 / (e^2 + e^3 + e^4)
        double a4 = Math.exp(2) / (Math.exp(2) + Math.exp(3) + Math.exp(4));
        Verdict.Sample at = result.counterexample().orElseThrow();
        assertEquals(1 - a4, at.printed(), 1e-12);
        assertEquals(a4 - 1, at.truth(), 1e-12);
        assertEquals(2, at.point()[3]);
        assertTrue(result.correctionHolds());
        assertTrue(result.summary().contains("(tolerance 1e-06)"), result.summary());
    }

    @Test
    void caseTwoJNotEqualIDerivativeWrittenAsDa4Da5() {
        Derivation d = d002();
        assertTrue(d.check("002 (情况二) dLoss/dw51", "\\frac{\\partial Loss}{\\partial w_{51}} &=-\\frac{1}{a_4} "
                + "\\times (-a_4a_5) \\times o_1 \\\\ &=a_5 \\times o_1").holds());
        Verdict asPrinted = d.claim("002 (情况二) da4/dz5 printed as da4/da5", "\\frac{\\partial a_4}{\\partial a_5} "
                        + "&=-\\frac{e^{z_4}e^{z_5}}{(e^{z_4}+e^{z_5}+e^{z_6})^2} \\\\ &= -a_4a_5")
                .corrected("\\frac{\\partial a_4}{\\partial z_5} =-\\frac{e^{z_4}e^{z_5}}{(e^{z_4}+e^{z_5}+e^{z_6})^2}"
                        + " = -a_4a_5").check();
        // a_4 does not depend on a_5: the first = breaks; the two formulas on the right agree
        assertEquals(OptionalInt.of(1), asPrinted.brokenStep());
        assertTrue(asPrinted.correctionHolds());
        assertTrue(d.check("002 'keep the result'", "\\frac{\\partial Loss}{\\partial z_5} = a_5").holds());
        assertFalse(d.check("002 'subtract 1', as a typo", "\\frac{\\partial Loss}{\\partial z_4} = a_4").holds());
    }

    @Test
    void aFormulasDerivativeStepsRelativeToASmallNode() {
        // d(ln a)/da = 1/a at a = 4e-4: a fixed step of 1e-5 would be off by 2e-4 relative
        Derivation d = Derivation.on(Graph.fromLatex("a=0.0004", "L = -\\ln a")).sampled(0, 1, 1);
        assertTrue(d.check("c", "\\frac{\\partial L}{\\partial a} = -\\frac{\\partial \\ln a}{\\partial a} "
                + "= -\\frac{1}{a}").holds());
    }

    @Test
    void aClaimOverAnIndexIsCheckedForEachValue() {
        Verdict general = d002().claim("002 dLoss/dz = a - y", "\\frac{\\partial Loss}{\\partial z_j} = a_j - y_j")
                .over("j", 4, 6).check();
        assertTrue(general.holds(), general.summary());
        assertEquals(3 * 51, general.points());
        Verdict slip = d002().claim("slip", "\\frac{\\partial Loss}{\\partial z_j} = y_j - a_j").over("j", 4, 6).check();
        assertTrue(slip.counterexampleText().startsWith("at (j = 4, o1 = 1, "), slip.counterexampleText());
        assertMessage("index = \"jk\"; expected one letter", () -> d002().claim("c", "a_4 = a_4").over("jk", 1, 2));
        assertMessage("index j from 2 to 1; expected from <= to", () -> d002().claim("c", "a_4 = a_4").over("j", 2, 1));
    }

    @Test
    void document000DLossDw21PathByPathAndClosedForm() {
        Derivation d = d000();
        String paths = "\\frac{\\partial L}{\\partial w_{21}} = \\frac{\\partial L}{\\partial o_1}\\frac{\\partial o_1}"
                + "{\\partial y_1}\\frac{\\partial y_1}{\\partial w_{21}} + \\frac{\\partial L}{\\partial o_2}"
                + "\\frac{\\partial o_2}{\\partial y_1}\\frac{\\partial y_1}{\\partial w_{21}}";
        assertTrue(d.check("000 dL/dw21", paths + " = (o_1-t_1)h_2").holds());
        Verdict slip = d.check("000 dL/dw21 with a slip", paths + " = (t_1-o_1)h_2");
        assertFalse(slip.holds());
        assertEquals(OptionalInt.of(2), slip.brokenStep());
        assertSame(slip, slip.requireBreakAt(2));
        assertThrows(AssertionError.class, () -> slip.requireBreakAt(1));
        assertThrows(AssertionError.class, () -> d.check("000 dL/dw21", paths + " = (o_1-t_1)h_2").requireBreakAt(2));
        assertMessage("step = 3 for a chain of 3 sides; expected 1 to 2: the = between step k and step k+1",
                () -> slip.requireBreakAt(3));
        assertTrue(d.check("000 do1/dy1", "\\frac{\\partial{o_1}}{\\partial{y_1}}=\\frac{e^{y_1}{\\sum_{i=1}^2{e^{y_i}}}}"
                + "{(\\sum_{i=1}^2{e^{y_i}})^2}-\\frac{e^{y_1}e^{y_1}}{(\\sum_{i=1}^2{e^{y_i}})^2}=o_1-o_1^2").holds());
        assertTrue(d.check("000 do2/dy1", "\\frac{\\partial{o_2}}{\\partial{y_1}}=-o_2o_1").holds());
        assertFalse(d.check("000 one-hot: -log o_j is the gradient", "\\frac{\\partial L}{\\partial y_1} = "
                + "-\\log{o_1}").holds());
    }

    @Test
    void theReadmeExampleSigmoidWithBinaryCrossEntropy() {
        Graph g = Graph.fromLatex("z=0.3, y=1", "a = \\frac{1}{1+e^{-z}}", "L = -y\\ln a - (1-y)\\ln(1-a)");
        Derivation d = Derivation.on(g).fixed("y");
        Verdict v = d.check("sigmoid + BCE", "\\frac{\\partial L}{\\partial z} = "
                + "\\frac{\\partial L}{\\partial a}\\frac{\\partial a}{\\partial z} = a - y");
        assertTrue(v.holds(), v.summary());
        Verdict slip = d.check("a slip", "\\frac{\\partial L}{\\partial z} = \\frac{\\partial L}{\\partial a}"
                + "\\frac{\\partial a}{\\partial z} = \\left(-\\frac{y}{a}\\right) a(1-a) = y - a");
        assertEquals(OptionalInt.of(3), slip.brokenStep(), slip.summary());
    }

    @Test
    void samePointsSameVerdictAndTheGraphIsRestored() {
        Derivation d = d002();
        double before = d.graph().node("Loss").value();
        Verdict a = d.check("c", "\\frac{\\partial Loss}{\\partial w_{42}} = (1-a_4) \\times o_2");
        Verdict b = d002().check("c", "\\frac{\\partial Loss}{\\partial w_{42}} = (1-a_4) \\times o_2");
        assertEquals(a.summary(), b.summary());
        assertEquals(51, a.points());
        assertEquals(before, d.graph().node("Loss").value(), 0);
        assertEquals(1, d.sampled(0, 1, 1).check("c", "a_4 = a_4").points());
    }

    @Test
    void sourcesAreCountedApart() {
        Derivation d = d002();
        ClaimsReport report = new ClaimsReport()
                .add(d.check("printed", "\\frac{\\partial Loss}{\\partial z_4} = a_4 - 1"))
                .add(d.claim("image", "\\frac{\\partial Loss}{\\partial z_5} = a_5").reconstructed().check())
                .add(d.claim("ours", "a_4 + a_5 + a_6 = 1").ours().check())
                .add(d.claim("ours, false", "a_4 = 1").ours().check());
        assertEquals("1 of 1 claim holds; apart from these: 1 reconstruction (1 hold), 2 of ours (1 hold)",
                report.counts());
        assertEquals(List.of("printed", "reconstructed", "ours", "ours"),
                report.rows().stream().map(ClaimsReport.Row::source).toList());
        assertEquals(1e-6, report.rows().get(0).tolerance());
    }

    @Test
    void verdictsComeOnlyFromChecks() {
        assertEquals(0, Verdict.class.getConstructors().length);
        assertTrue(Arrays.stream(Verdict.class.getDeclaredConstructors()).noneMatch(c -> Modifier.isPublic(c.getModifiers())));
    }

    @Test
    void errorsNameWhatIsWrong() {
        Derivation d = d002();
        assertMessage("\"a_4\" has no =; expected a claim A = B", () -> d.check("c", "a_4"));
        assertMessage("at column 1: no node named a7 in the graph; nearest: a4, a5, a6\n    a_7 = 1\n    ^",
                () -> d.check("c", "a_7 = 1"));
        assertMessage("fixed: a_4 is computed by the graph; expected a leaf", () -> d002().fixed("a_4"));
        assertMessage("fixed: \"y_4+1\" is not a symbol", () -> d002().fixed("y_4+1"));
        assertMessage("n = -1; expected 0 to 10000", () -> d002().sampled(-1, 1, 1));
        assertMessage("scale = 0.0", () -> d002().sampled(1, 1, 0));
        assertMessage("label is blank", () -> d.check(" ", "a_4 = 1"));
        assertMessage("graph is null", () -> Derivation.on(null));
        Derivation logOfX = Derivation.on(Graph.fromLatex("x=0.5", "y = \\ln x"));
        assertMessage("is refused: forward pass: y = NaN", () -> logOfX.check("c", "y = \\ln x"));
        assertMessage("keep such leaves fixed(...) or sample closer", () -> logOfX.check("c", "y = \\ln x"));
        assertMessage("n = 2147483647; expected 0 to 10000", () -> d002().sampled(Integer.MAX_VALUE, 1, 1));
        assertMessage("make 5100000 evaluations; expected at most 100000",
                () -> d002().sampled(5099, 1, 1).claim("c", "a_j = a_j").over("j", 1, 1000).check());
        Derivation many = d002().sampled(Derivation.MAX_SAMPLES, 1, 1);
        IllegalStateException tooMuch = assertThrows(IllegalStateException.class,
                () -> many.check("c", "\\frac{\\partial Loss}{\\partial z_4} = a_4 - y_4"));
        assertTrue(tooMuch.getMessage().contains("the check needs more than 300000"), tooMuch.getMessage());
        AssertionError wrongFix = assertThrows(AssertionError.class,
                () -> d.claim("c", "a_4 = 1").corrected("2").check());
        assertTrue(wrongFix.getMessage().contains("the corrected form does not hold"), wrongFix.getMessage());
        Derivation kink = Derivation.on(Graph.fromLatex("x=0, y=0", "m = \\max(x, y)"));
        IllegalStateException notSmooth = assertThrows(IllegalStateException.class,
                () -> kink.check("c", "\\frac{\\partial m}{\\partial x} = 1"));
        assertTrue(notSmooth.getMessage().contains("central difference 0.5 and backprop 1.0 disagree"),
                notSmooth.getMessage());
    }

    static final double EXACT = 1e-12;

    // sigmoid with binary cross-entropy, a derivation of our own: dL/dz = a - y
    static Derivation sigmoid() {
        return Derivation.on(Graph.fromLatex("z=0.3, y=1", "a = \\frac{1}{1+e^{-z}}",
                "L = -y\\ln a - (1-y)\\ln(1-a)")).fixed("y");
    }

    @Test
    void alongEvaluatesEverySideOverTheLeafAndRestoresIt() {
        Derivation d = sigmoid();
        Derivation.Curves c = d.along("z", -4, 4, 9, "\\frac{\\partial L}{\\partial z} = a - y");
        assertEquals("z", c.leaf());
        assertEquals(List.of("\\frac{\\partial L}{\\partial z}", "a - y"), c.sides());
        double[] x = c.x();
        double[][] v = c.values();
        assertEquals(9, x.length);
        for (int k = 0; k < x.length; k++) {
            assertEquals(-4 + k, x[k], EXACT);
            double a = 1 / (1 + Math.exp(-x[k]));
            assertEquals(a - 1, v[0][k], 1e-9, "dL/dz by backprop at z = " + x[k]);
            assertEquals(a - 1, v[1][k], EXACT);
        }
        assertTrue(c.maxDiscrepancy() <= 1e-9, "" + c.maxDiscrepancy());
        assertEquals(0.3, d.graph().node("z").value(), 0);
        // a slip: the sign; its sides part everywhere but where a = y
        Derivation.Curves slip = d.along("z", -4, 4, 9, "\\frac{\\partial L}{\\partial z} = y - a");
        assertEquals(2 * (1 - 1 / (1 + Math.exp(4))), slip.maxDiscrepancy(), 1e-9);
    }

    @Test
    void alongRefusesBadArguments() {
        Derivation d = sigmoid();
        String claim = "\\frac{\\partial L}{\\partial z} = a - y";
        assertMessage("leaf \"a\" is not a leaf of the graph; expected one of [z, y]", () -> d.along("a", 0, 1, 2,
                claim));
        assertMessage("no node named \"q\"", () -> d.along("q", 0, 1, 2, claim));
        assertMessage("from = 1.0, to = 1.0; expected from < to", () -> d.along("z", 1, 1, 2, claim));
        assertMessage("n = 1; expected 2 to 10000", () -> d.along("z", 0, 1, 1, claim));
        assertMessage("has no =", () -> d.along("z", 0, 1, 2, "a - y"));
        assertMessage("expected a narrower range of z", () -> d.along("z", -1000, 1000, 3, claim));
        assertEquals(0.3, d.graph().node("z").value(), 0);
        assertMessage("step 2 (e^{e^{10}}) is Infinity at z = 0.0; expected a finite value along z",
                () -> d.along("z", 0, 1, 2, "\\frac{\\partial L}{\\partial z} = e^{e^{10}}"));
        assertMessage("step 2 (\\ln(-1)) is NaN at z = 0.0", () -> d.along("z", 0, 1, 2, "a = \\ln(-1)"));
        assertMessage("values[1]", () -> new Derivation.Curves("z", new double[]{0, 1}, List.of("a", "b"),
                new double[][]{{0, 1}, {Double.NaN, 1}}));
        double[][] huge = {{Double.MAX_VALUE, 0}, {-Double.MAX_VALUE, 0}};
        assertEquals(2, new Derivation.Curves("z", new double[]{0, 1}, List.of("a", "b"), huge).maxDiscrepancy(),
                EXACT);
        assertMessage("values has 1 rows; expected 2, one per side",
                () -> new Derivation.Curves("z", new double[]{1}, List.of("a", "b"), new double[][]{{1}}));
    }
}
