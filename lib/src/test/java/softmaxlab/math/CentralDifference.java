package softmaxlab.math;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;

/**
 * Test-scope central differences, {@code df/dx_k ~ (f(x + h e_k) - f(x - h e_k)) / 2h}, until the library's
 * gradient check is available to these tests.
 */
final class CentralDifference {

    /** Step h: truncation error ~h^2, rounding error ~1e-16/h; both near 1e-10 here. */
    static final double STEP = 1e-5;
    /** Allowed |analytic - numeric| is ABSOLUTE + RELATIVE * max(|analytic|, |numeric|). */
    static final double ABSOLUTE_TOLERANCE = 1e-8;
    static final double RELATIVE_TOLERANCE = 1e-6;

    private CentralDifference() {
    }

    /** Numeric gradient of f at x; perturbs x's entries in place and restores each one. */
    static DMatrixRMaj gradient(ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj x) {
        DMatrixRMaj numeric = new DMatrixRMaj(x.numRows, x.numCols);
        for (int k = 0; k < x.getNumElements(); k++) {
            double original = x.data[k];
            x.data[k] = original + STEP;
            double plus = f.applyAsDouble(x);
            x.data[k] = original - STEP;
            double minus = f.applyAsDouble(x);
            x.data[k] = original;
            numeric.data[k] = (plus - minus) / (2 * STEP);
        }
        return numeric;
    }

    /** Asserts that {@code analytic} matches the central-difference gradient of f at x, entry by entry. */
    static void assertGradient(String name, DMatrixRMaj analytic, ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj x) {
        DMatrixRMaj numeric = gradient(f, x);
        assertTrue(analytic.numRows == x.numRows && analytic.numCols == x.numCols,
                name + ": analytic " + Matrices.shape(analytic) + " vs parameter " + Matrices.shape(x));
        for (int k = 0; k < x.getNumElements(); k++) {
            double a = analytic.data[k];
            double n = numeric.data[k];
            double allowed = ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(n));
            assertTrue(Math.abs(a - n) <= allowed,
                    name + " entry " + k + ": analytic " + a + ", numeric " + n + ", allowed " + allowed);
        }
    }

    /** {@code sum_ij G_ij S_ij}: a scalar loss whose gradient with respect to S is G. */
    static double weightedSum(DMatrixRMaj g, DMatrixRMaj s) {
        double sum = 0;
        for (int k = 0; k < g.getNumElements(); k++) {
            sum += g.data[k] * s.data[k];
        }
        return sum;
    }

    /** {@code (rows, cols)} standard normal entries from {@code random}. */
    static DMatrixRMaj randn(Random random, int rows, int cols) {
        return Matrices.gaussian(rows, cols, 1.0, random);
    }

    /** {@code n} labels in {@code [0, classes)} from {@code random}. */
    static int[] labels(Random random, int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(classes);
        }
        return y;
    }
}
