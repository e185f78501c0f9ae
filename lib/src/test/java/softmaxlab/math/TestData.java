package softmaxlab.math;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** Seeded random inputs for the math tests. */
final class TestData {

    private TestData() {
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

    /** {@code sum_ij G_ij S_ij}: a scalar loss whose gradient with respect to S is G. */
    static double weightedSum(DMatrixRMaj g, DMatrixRMaj s) {
        double sum = 0;
        for (int k = 0; k < g.getNumElements(); k++) {
            sum += g.data[k] * s.data[k];
        }
        return sum;
    }

    /**
     * {@code max_ij |A_ij - E_ij| <= tolerance * max_ij |E_ij|}: equal up to rounding relative to the matrix's scale
     * (an entry-wise relative bound fails on entries that are sums cancelling to almost 0).
     */
    static void assertRelativelyEqual(DMatrixRMaj expected, DMatrixRMaj actual, double tolerance) {
        org.junit.jupiter.api.Assertions.assertEquals(Matrices.shape(expected), Matrices.shape(actual));
        double scale = 0;
        double worst = 0;
        for (int k = 0; k < expected.getNumElements(); k++) {
            scale = Math.max(scale, Math.abs(expected.data[k]));
            worst = Math.max(worst, Math.abs(actual.data[k] - expected.data[k]));
        }
        if (worst > tolerance * scale) {
            org.junit.jupiter.api.Assertions.fail("max |difference| = " + worst + " > " + tolerance + " * max |expected| = "
                    + tolerance * scale + " for " + Matrices.shape(expected));
        }
    }

    /** {@code |a - e| <= tolerance * |e|}. */
    static void assertRelativelyEqual(double expected, double actual, double tolerance) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual, tolerance * Math.abs(expected));
    }
}
