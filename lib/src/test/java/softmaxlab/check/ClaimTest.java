package softmaxlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import softmaxlab.graph.Graph;
import softmaxlab.graph.GraphFunction;
import softmaxlab.graph.Nets;

class ClaimTest {

    static final double H = 1e-5;
    static final int SAMPLES = 40;
    static final long SEED = 20190226;

    // document 002's example: o = (1, 0, 0) and w_{41}, w_{51}, w_{61} = 2, 3, 4 give the scores z = (2, 3, 4);
    // label a_4 (t = (1, 0, 0)). Points are its leaves (o_1..o_3, w_{41}..w_{63}).
    static final Graph NET = Nets.document002(new double[]{1, 0, 0}, new double[][]{{2, 0, 0}, {3, 0, 0}, {4, 0, 0}},
            new double[]{1, 0, 0});
    static final GraphFunction AT = new GraphFunction(NET);
    static final double[] DOCUMENT_POINT = AT.point();
    static final List<String> VARIABLES = List.of(AT.variables());

    static double value(double[] p, String node) {
        return AT.value(node).applyAsDouble(p);
    }

    // the truth by central differences on the graph, independent of backprop and of any printed formula
    static ToDoubleFunction<double[]> dLossBy(String weight) {
        return AT.numericDerivative("Loss", weight, H);
    }

    static double[] randomPoint(Random r) {
        double[] p = new double[12];
        for (int i = 0; i < 12; i++) {
            p[i] = i < 3 ? r.nextDouble() : r.nextGaussian();
        }
        return p;
    }

    static Claim caseOne() {
        return Claim.of("002 (情况一) dLoss/dw41", "(1-a_4) \\times o_1",
                        p -> (1 - value(p, "a4")) * p[0], dLossBy("w41"))
                .variables(VARIABLES.toArray(String[]::new))
                .at(DOCUMENT_POINT)
                .sampled(SAMPLES, SEED, ClaimTest::randomPoint);
    }

    @Test
    void printedCaseOneIsFalseWithACounterexampleAndTheCorrectionHolds() {
        Verdict v = caseOne().corrected("(a_4-1) \\times o_1", p -> (value(p, "a4") - 1) * p[0]).check();
        assertFalse(v.holds());
        assertEquals(SAMPLES + 1, v.points());
        // the printed form has the opposite sign: at the document's point (1 - a_4) - (a_4 - 1) = 2 (1 - a_4)
        double a4 = Math.exp(2) / (Math.exp(2) + Math.exp(3) + Math.exp(4));
        Verdict.Sample doc = v.atDocument().orElseThrow();
        assertEquals(1 - a4, doc.printed(), 1e-12);
        assertEquals(a4 - 1, doc.truth(), 1e-8);
        Verdict.Sample counter = v.counterexample().orElseThrow();
        assertEquals(-counter.truth(), counter.printed(), 1e-8);
        // it fails at the document's own example, so that is the counterexample shown
        org.junit.jupiter.api.Assertions.assertArrayEquals(DOCUMENT_POINT, counter.point());
        assertTrue(v.maxDiscrepancy() > 0.5, v.summary());
        assertTrue(v.counterexampleText().startsWith("at (o1 = "), v.counterexampleText());
        assertTrue(v.correctionHolds());
        assertEquals("(a_4-1) \\times o_1", v.correctedLatex());
        assertTrue(v.summary().contains("is false"), v.summary());
        assertTrue(v.summary().contains("corrected (a_4-1) \\times o_1 holds"), v.summary());
    }

    @Test
    void printedCaseTwoHolds() {
        Verdict v = Claim.of("002 (情况二) dLoss/dw51", "a_5 \\times o_1", p -> value(p, "a5") * p[0], dLossBy("w51"))
                .at(DOCUMENT_POINT)
                .sampled(SAMPLES, SEED, ClaimTest::randomPoint)
                .check();
        assertTrue(v.holds(), v.summary());
        assertTrue(v.maxDiscrepancy() <= Claim.DEFAULT_TOLERANCE);
        assertTrue(v.counterexample().isEmpty());
        assertEquals("", v.counterexampleText());
        assertEquals("", v.correctedLatex());
    }

    @Test
    void aCorrectionThatFailsThrows() {
        // the printed form again, offered as a "correction": the notebook run must fail
        Claim wrong = caseOne().corrected("(1-a_4) \\times o_1 \\text{ again}", p -> (1 - value(p, "a4")) * p[0]);
        AssertionError e = assertThrows(AssertionError.class, wrong::check);
        assertTrue(e.getMessage().contains("002 (情况一) dLoss/dw41"), e.getMessage());
        assertTrue(e.getMessage().contains("FAILS: at (o1 = "), e.getMessage());
    }

    @Test
    void aPrintedFormThatIsNaNIsFalseNotAnError() {
        Verdict v = Claim.of("nan", "0/0", p -> Double.NaN, p -> 1.0).at(1.0).check();
        assertFalse(v.holds());
        assertTrue(Double.isNaN(v.maxDiscrepancy()));
        assertEquals("at (x1 = 1): printed NaN, true 1", v.counterexampleText());
    }

    @Test
    void sameSeedSameVerdict() {
        assertEquals(caseOne().check().maxDiscrepancy(), caseOne().check().maxDiscrepancy());
        // and the seed is used: another seed draws other points, so another worst discrepancy
        Claim otherSeed = caseOne().sampled(SAMPLES, SEED + 1, ClaimTest::randomPoint);
        assertNotEquals(caseOne().check().maxDiscrepancy(), otherSeed.check().maxDiscrepancy());
    }

    @Test
    void printedSoftmaxNumbers() {
        // softmax([2, 3, 4]), computed here from its definition e^{z_j} / sum_k e^{z_k}
        double sum = Math.exp(2) + Math.exp(3) + Math.exp(4);
        double[] a = {Math.exp(2) / sum, Math.exp(3) / sum, Math.exp(4) / sum};
        ClaimsReport report = new ClaimsReport()
                .addNumbers("002 softmax([2,3,4])", List.of("0.0903", "0.2447", "0.665"), a)
                .add(NumberClaim.of("002 gradient[1]", "-0.7553", a[1] - 1));
        List<Verdict> v = report.verdicts();
        assertFalse(v.get(0).holds(), v.get(0).summary());
        assertTrue(v.get(1).holds(), v.get(1).summary());
        assertTrue(v.get(2).holds(), v.get(2).summary());
        assertTrue(v.get(3).holds(), v.get(3).summary());
        assertEquals(5e-5, v.get(0).tolerance(), 1e-20);
        assertEquals(Math.abs(0.0903 - a[0]), v.get(0).maxDiscrepancy(), 1e-15);
        assertEquals("printed 0.0903, true 0.0900306", v.get(0).counterexampleText());
        assertEquals(List.of("false", "holds", "holds", "holds"), report.rows().stream().map(ClaimsReport.Row::verdict).toList());
        // 0.0903 is false and has no corrected form yet
        AssertionError e = assertThrows(AssertionError.class, report::requireAllCorrectionsHold);
        assertTrue(e.getMessage().contains("002 softmax([2,3,4])[0]"), e.getMessage());

        Verdict corrected = NumberClaim.of("002 softmax([2,3,4])[0]", "0.0903", a[0]).corrected("0.0900").check();
        assertFalse(corrected.holds());
        assertTrue(corrected.correctionHolds());
        ClaimsReport fixed = new ClaimsReport().add(corrected).add(v.get(1)).add(v.get(2));
        fixed.requireAllCorrectionsHold();
        ClaimsReport.Row row = fixed.rows().get(0);
        assertEquals(List.of("002 softmax([2,3,4])[0]", "0.0903", "false", "printed 0.0903, true 0.0900306", "0.0900"),
                List.of(row.label(), row.printedLatex(), row.verdict(), row.counterexample(), row.correctedLatex()));
        assertEquals(Math.abs(0.0903 - a[0]), row.maxDiscrepancy(), 1e-15);
        assertThrows(AssertionError.class,
                () -> NumberClaim.of("002 softmax([2,3,4])[0]", "0.0903", a[0]).corrected("0.0901").check());
    }

    @Test
    void halfAUnitInTheLastPrintedDigit() {
        assertEquals(5e-5, NumberClaim.halfUnit("0.0903"), 1e-20);
        assertEquals(5e-4, NumberClaim.halfUnit("0.665"), 1e-20);
        assertEquals(5e-5, NumberClaim.halfUnit("1.2e-3"), 1e-20);
        assertEquals(0.5, NumberClaim.halfUnit("2447"), 1e-20);
        // rounding is not an error; a wrong digit is
        assertTrue(NumberClaim.of("r", "0.0900", 0.09003).check().holds());
        assertFalse(NumberClaim.of("r", "0.0903", 0.09003).check().holds());
        assertTrue(NumberClaim.of("r", "0.665", 0.66524).check().holds());
        // the boundary is judged on the exact value: 0.125 prints as 0.13 (half up) or 0.12 (half even), both allowed
        assertTrue(NumberClaim.of("r", "0.13", 0.125).check().holds());
        assertTrue(NumberClaim.of("r", "0.12", 0.125).check().holds());
        assertFalse(NumberClaim.of("r", "0.12", 0.1250001).check().holds());
    }

    @Test
    void reportRowsAndCorrections() {
        ClaimsReport report = new ClaimsReport()
                .add(caseOne().corrected("(a_4-1) \\times o_1", p -> (value(p, "a4") - 1) * p[0]))
                .add(Claim.of("002 (情况二) dLoss/dw51", "a_5 \\times o_1", p -> value(p, "a5") * p[0], dLossBy("w51"))
                        .at(DOCUMENT_POINT));
        List<ClaimsReport.Row> rows = report.rows();
        assertEquals(2, rows.size());
        assertEquals("false", rows.get(0).verdict());
        assertEquals("(a_4-1) \\times o_1", rows.get(0).correctedLatex());
        assertFalse(rows.get(0).counterexample().isEmpty());
        assertEquals("holds", rows.get(1).verdict());
        assertEquals("", rows.get(1).correctedLatex());
        assertEquals(1, report.falseClaims().size());
        assertEquals(2, report.summary().lines().count());
        report.requireAllCorrectionsHold();
    }

    @Test
    void badInputIsNamed() {
        ToDoubleFunction<double[]> one = p -> 1.0;
        assertMessage("claim c has no points; expected at(documentPoint)", () -> Claim.of("c", "1", one, one).check());
        assertMessage("variables has 1 names [a]; expected 2",
                () -> Claim.of("c", "1", one, one).variables("a").at(1, 2).check());
        assertMessage("point 1 of c has length 3; expected 2",
                () -> Claim.of("c", "1", one, one).at(1, 2).sampled(1, 1, r -> new double[3]).check());
        assertMessage("truth = NaN for c at [1.0]; expected a finite value",
                () -> Claim.of("c", "1", one, p -> Double.NaN).at(1).check());
        assertMessage("point[0] = NaN; expected a finite number", () -> Claim.of("c", "1", one, one).at(Double.NaN));
        assertMessage("n = 0; expected a positive integer", () -> Claim.of("c", "1", one, one).sampled(0, 1, r -> null));
        assertMessage("label is blank", () -> Claim.of(" ", "1", one, one));
        assertMessage("truth is null", () -> Claim.of("c", "1", one, null));
        assertMessage("tol = -1.0", () -> Claim.of("c", "1", one, one).tolerance(-1));
        assertMessage("printed = \"0,0903\" is not a decimal number", () -> NumberClaim.of("n", "0,0903", 0.09));
        assertMessage("computed = NaN; expected a finite number", () -> NumberClaim.of("n", "0.0903", Double.NaN));
        assertMessage("variables has 1 names [a]; expected 2, one per coordinate",
                () -> new Verdict.Sample(List.of("a"), new double[2], 0, 0));
        assertMessage("correction is null", () -> new Verdict("c", "1", true, 0, 1e-6, 1, Optional.empty(),
                Optional.empty(), null, Verdict.Source.PRINTED, List.of(), 0));
        assertMessage("computed has length 2; expected 3",
                () -> new ClaimsReport().addNumbers("v", List.of("1", "2", "3"), new double[2]));
    }

    static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> "message: " + e.getMessage() + "\nexpected: " + expected);
    }

    @Test
    void printedNumbersWithHugeExponentsAreRefusedAtOnce() {
        var e = assertThrows(IllegalArgumentException.class, () -> NumberClaim.of("x", "1e999999999", 1.0));
        assertEquals("printed = \"1e999999999\" has a magnitude of 10^999999999; expected a number within a "
                + "double's range: magnitude below 10^309, at most 400 digits after the point", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NumberClaim.halfUnit("1e-999999999"));
        assertTrue(e.getMessage().contains("has 999999999 digits after the point"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NumberClaim.halfUnit("1e-2147483648"));
        assertTrue(e.getMessage().contains("is not a decimal number"), e.getMessage());
        assertEquals(5e307, NumberClaim.halfUnit("1e308"));
    }

    @Test
    void expectAddsTheVerdictAndStopsWhenTheOutcomeIsNotTheAnnouncedOne() {
        ClaimsReport report = new ClaimsReport();
        Verdict holds = NumberClaim.of("half", "0.5", 0.5).check();
        assertTrue(report.expect(true, holds) == holds);
        var e = assertThrows(AssertionError.class, () -> report.expect(false, holds));
        assertTrue(e.getMessage().startsWith("expected the claim to be false: half"), e.getMessage());
        assertEquals(2, report.verdicts().size(), "added before the outcome is compared");
    }
}
