package softmaxlab.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    /** Central differences of smooth O(1) functions with h = 1e-5 agree with the truth to ~1e-9. */
    static final double FD_TOL = 1e-8;

    // A small softmax cross-entropy, written out here so the check is tested without softmaxlab.math:
    // L(W) = log sum_j exp(s_j) - s_y with s = x W, x: (1, D), W: (D, C).
    static final double[] X = {0.5, -1.2, 2.0};
    static final int Y = 1;

    static double loss(DMatrixRMaj w) {
        double[] s = scores(w);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : s) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum) - s[Y];
    }

    static double[] scores(DMatrixRMaj w) {
        double[] s = new double[w.numCols];
        for (int j = 0; j < w.numCols; j++) {
            for (int i = 0; i < w.numRows; i++) {
                s[j] += X[i] * w.get(i, j);
            }
        }
        return s;
    }

    // dL/dW = x^T (a - onehot(y))
    static DMatrixRMaj gradient(DMatrixRMaj w) {
        double[] a = softmax(scores(w));
        DMatrixRMaj g = new DMatrixRMaj(w.numRows, w.numCols);
        for (int i = 0; i < w.numRows; i++) {
            for (int j = 0; j < w.numCols; j++) {
                g.set(i, j, X[i] * (a[j] - (j == Y ? 1 : 0)));
            }
        }
        return g;
    }

    static double[] softmax(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double[] a = new double[s.length];
        double sum = 0;
        for (int j = 0; j < s.length; j++) {
            a[j] = Math.exp(s[j] - max);
            sum += a[j];
        }
        for (int j = 0; j < s.length; j++) {
            a[j] /= sum;
        }
        return a;
    }

    static DMatrixRMaj randomW(long seed) {
        Random random = new Random(seed);
        DMatrixRMaj w = new DMatrixRMaj(3, 4);
        for (int i = 0; i < w.getNumElements(); i++) {
            w.data[i] = random.nextGaussian();
        }
        return w;
    }

    @Test
    void relativeErrorFollowsItsFormula() {
        assertEquals(0.0, GradientCheck.relativeError(0, 0));
        assertEquals(0.1 / 1.1, GradientCheck.relativeError(1.0, 1.1), 1e-15);
        assertEquals(1.0, GradientCheck.relativeError(1e-3, 0), 1e-15);
        // both below tiny: the denominator is tiny, not their size
        assertEquals(1e-13 / GradientCheck.TINY, GradientCheck.relativeError(1e-13, 0), 1e-15);
        assertEquals("analytic = NaN; expected a finite number", assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.relativeError(Double.NaN, 1)).getMessage());
        // no overflow in |a - n| for opposite extremes
        assertEquals(2.0, GradientCheck.relativeError(Double.MAX_VALUE, -Double.MAX_VALUE));
    }

    @Test
    void numericGradientMatchesTheAnalyticOneAndRestoresXExactly() {
        DMatrixRMaj w = randomW(7);
        // 0.1 + h - h is not 0.1 in binary; restoring must write the saved value back
        w.set(0, 0, 0.1);
        DMatrixRMaj before = w.copy();
        DMatrixRMaj numeric = GradientCheck.numericGradient(GradientCheckTest::loss, w, GradientCheck.DEFAULT_H);
        assertArrayEquals(before.data, w.data, 0.0);
        DMatrixRMaj analytic = gradient(w);
        for (int i = 0; i < analytic.getNumElements(); i++) {
            assertEquals(analytic.data[i], numeric.data[i], FD_TOL);
        }
    }

    @Test
    void xIsRestoredEvenWhenFThrows() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{0.1, 0.2}});
        DMatrixRMaj before = x.copy();
        ToDoubleFunction<DMatrixRMaj> failing = m -> {
            throw new IllegalStateException("boom");
        };
        assertThrows(IllegalStateException.class, () -> GradientCheck.numericGradient(failing, x, 1e-5));
        assertArrayEquals(before.data, x.data, 0.0);
    }

    @Test
    void denseCheckPassesForTheRightGradient() {
        DMatrixRMaj w = randomW(11);
        GradientCheck.Result result = GradientCheck.dense("W", GradientCheckTest::loss, w, gradient(w));
        assertTrue(result.passed(), result.verdict());
        assertEquals(12, result.entries().size());
        assertTrue(result.worst().relativeError() <= GradientCheck.DEFAULT_TOLERANCE);
        assertTrue(result.verdict().startsWith("W: (3, 4), 12 of 12 entries pass"), result.verdict());
        assertTrue(result.verdict().contains("tolerance 1e-06"), result.verdict());
        result.requirePassed();
    }

    @Test
    void denseCheckCatchesAWrongEntryAndNamesIt() {
        DMatrixRMaj w = randomW(13);
        DMatrixRMaj wrong = gradient(w);
        // the documents' kind of mistake: one sign dropped
        wrong.set(2, 1, -wrong.get(2, 1));
        GradientCheck.Result result = GradientCheck.dense("W", GradientCheckTest::loss, w, wrong);
        assertFalse(result.passed());
        assertEquals(1, result.failures());
        GradientCheck.Entry worst = result.worst();
        assertEquals(2, worst.row());
        assertEquals(1, worst.col());
        assertEquals(2.0, worst.relativeError(), 1e-6);
        AssertionError error = assertThrows(AssertionError.class, result::requirePassed);
        assertTrue(error.getMessage().contains("W[2, 1]"), error.getMessage());
        assertTrue(error.getMessage().contains("analytic " + GradientCheck.number(wrong.get(2, 1))),
                error.getMessage());
        assertTrue(error.getMessage().contains("tolerance 1e-06"), error.getMessage());
    }

    @Test
    void aZeroGradientIsNotFailedForTheDifferencesRoundingNoise() {
        // sin^2 + cos^2 = 1: its derivative is 0, its central difference is rounding noise of order 1e-11
        ToDoubleFunction<DMatrixRMaj> one = m -> Math.pow(Math.sin(m.data[0]), 2) + Math.pow(Math.cos(m.data[0]), 2);
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{0.7}});
        GradientCheck.Result result = GradientCheck.dense("x", one, x, new DMatrixRMaj(1, 1));
        assertTrue(result.passed(), result.verdict());
        // ...but a real error of the same function's size is caught
        DMatrixRMaj wrong = new DMatrixRMaj(new double[][]{{1e-6}});
        assertFalse(GradientCheck.dense("x", one, x, wrong).passed());
    }

    @Test
    void sparseCheckIsSeededAndPicksDistinctEntries() {
        DMatrixRMaj w = randomW(17);
        DMatrixRMaj wrong = gradient(w);
        wrong.set(0, 3, wrong.get(0, 3) + 0.5);
        GradientCheck.Result a = GradientCheck.sparse("W", GradientCheckTest::loss, w, wrong, 12, 42);
        GradientCheck.Result b = GradientCheck.sparse("W", GradientCheckTest::loss, w, wrong, 5, 42);
        // all 12 entries, each once: the wrong one is among them
        assertEquals(12, a.entries().stream().map(e -> e.row() * 4 + e.col()).distinct().count());
        assertFalse(a.passed());
        assertEquals(List.of(0, 3), List.of(a.worst().row(), a.worst().col()));
        // same seed, same first choices
        assertEquals(a.entries().subList(0, 5), b.entries());
    }

    @Test
    void jacobianCheckOfSoftmax() {
        // a = softmax(z), J = diag(a) - a a^T (rows = outputs a_i, columns = inputs z_j)
        Function<DMatrixRMaj, DMatrixRMaj> softmax = z -> new DMatrixRMaj(1, z.numCols, true, softmax(z.data));
        DMatrixRMaj z = new DMatrixRMaj(new double[][]{{2, 3, 4}});
        double[] a = softmax(z.data);
        DMatrixRMaj jacobian = new DMatrixRMaj(3, 3);
        DMatrixRMaj wrong = new DMatrixRMaj(3, 3);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                jacobian.set(i, j, (i == j ? a[i] : 0) - a[i] * a[j]);
                wrong.set(i, j, (i == j ? a[i] : 0) + a[i] * a[j]);
            }
        }
        GradientCheck.Result result = GradientCheck.jacobian("softmax", softmax, z, jacobian);
        assertTrue(result.passed(), result.verdict());
        assertEquals(List.of(3, 3), List.of(result.rows(), result.cols()));
        DMatrixRMaj numeric = GradientCheck.numericJacobian(softmax, z, GradientCheck.DEFAULT_H);
        for (int i = 0; i < 9; i++) {
            assertEquals(jacobian.data[i], numeric.data[i], FD_TOL);
        }
        assertFalse(GradientCheck.jacobian("softmax", softmax, z, wrong).passed());
    }

    @Test
    void reportCombinesParameters() {
        DMatrixRMaj w = randomW(19);
        GradientCheck.Result good = GradientCheck.dense("W1", GradientCheckTest::loss, w, gradient(w));
        DMatrixRMaj wrong = gradient(w);
        wrong.set(1, 1, 0.5 * wrong.get(1, 1));
        GradientCheck.Result bad = GradientCheck.dense("W2", GradientCheckTest::loss, w, wrong);
        GradientCheck.Report report = GradientCheck.report(good, bad);
        assertFalse(report.passed());
        assertEquals(24, report.entries().size());
        assertEquals("W2", report.worst().parameter());
        assertEquals(2, report.verdict().lines().count());
        AssertionError error = assertThrows(AssertionError.class, report::requirePassed);
        assertTrue(error.getMessage().contains("W2[1, 1]"), error.getMessage());
        assertFalse(error.getMessage().contains("W1"), error.getMessage());
        assertTrue(GradientCheck.report(good).passed());
        assertMessage("results[1] is null", () -> GradientCheck.report(good, null));
        assertMessage("entries is empty", () -> new GradientCheck.Result("W", 1, 1, 1e-5, 1e-6, List.of()));
    }

    @Test
    void badInputIsNamed() {
        DMatrixRMaj w = randomW(23);
        DMatrixRMaj g = gradient(w);
        assertMessage("h = 0.0; expected a finite step h > 0",
                () -> GradientCheck.dense("W", GradientCheckTest::loss, w, g, 0, 1e-6));
        assertMessage("h = NaN", () -> GradientCheck.numericGradient(GradientCheckTest::loss, w, Double.NaN));
        assertMessage("h = -1.0", () -> GradientCheck.centralDifference(Math::sin, 1, -1));
        assertMessage("tol = 0.0", () -> GradientCheck.dense("W", GradientCheckTest::loss, w, g, 1e-5, 0));
        assertMessage("analytic has shape (4, 3); expected (3, 4) to match x: (3, 4) (W)",
                () -> GradientCheck.dense("W", GradientCheckTest::loss, w, new DMatrixRMaj(4, 3)));
        assertMessage("k = 13; expected 1 <= k <= 12",
                () -> GradientCheck.sparse("W", GradientCheckTest::loss, w, g, 13, 1));
        assertMessage("k = 0", () -> GradientCheck.sparse("W", GradientCheckTest::loss, w, g, 0, 1));
        assertMessage("x has shape (0, 3); expected at least one entry",
                () -> GradientCheck.numericGradient(GradientCheckTest::loss, new DMatrixRMaj(0, 3), 1e-5));
        DMatrixRMaj nan = w.copy();
        nan.set(1, 2, Double.NaN);
        assertMessage("x[1, 2] = NaN; expected a finite number",
                () -> GradientCheck.numericGradient(GradientCheckTest::loss, nan, 1e-5));
        assertMessage("f is null", () -> GradientCheck.dense("W", null, w, g));
        assertMessage("name is blank", () -> GradientCheck.dense(" ", GradientCheckTest::loss, w, g));
        assertMessage("analyticJacobian has shape (3, 3); expected (1, 3)",
                () -> GradientCheck.jacobian("sum", x -> new DMatrixRMaj(1, 1, true, x.data[0] + x.data[1] + x.data[2]),
                        new DMatrixRMaj(1, 3), new DMatrixRMaj(3, 3)));
        assertMessage("results is empty", GradientCheck::report);
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> "message: " + e.getMessage() + "\nexpected: " + expected);
    }

    /** Law: for any weights, the analytic softmax cross-entropy gradient passes the dense check. */
    @Property(tries = 30, seed = "20180603")
    void theRightGradientAlwaysPasses(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        DMatrixRMaj w = randomW(seed);
        GradientCheck.dense("W", GradientCheckTest::loss, w, gradient(w)).requirePassed();
    }

    @Test
    void aFunctionThatIsNaNNearThePointIsNamedWithTheEvaluation() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{1, 2}});
        var e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.numericGradient(
                m -> m.get(0, 1) > 2 ? Double.NaN : m.get(0, 1), x, 1e-5));
        assertEquals("f(x + h e) at x[0, 1] = NaN (x[0, 1] = 2.0, h = 1.0E-5); expected f to be finite on both sides "
                + "of x, where the central difference evaluates it", e.getMessage());
        assertEquals(2.0, x.get(0, 1));
        e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.centralDifference(v -> v < 1 ? Double.NaN : v, 1, 1e-5));
        assertTrue(e.getMessage().startsWith("f(x - h) = NaN (x = 1.0, h = 1.0E-5)"), e.getMessage());
    }
}
