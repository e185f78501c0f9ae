package softmaxlab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.ejml.EjmlUnitTests;
import org.ejml.data.DMatrixRMaj;
import softmaxlab.check.GradientCheck;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

    /** Document 002 prints three decimals of five; we check five. */
    static final double PRINTED_DIGITS = 1e-5;
    /** Identities that hold up to a few roundings of O(1) numbers. */
    static final double ROUNDING = 1e-12;

    @Test
    void softmaxOfTwoThreeFourMatchesTheKnownValues() {
        DMatrixRMaj a = Softmax.rows(Matrices.row(2, 3, 4));
        assertArrayEquals(new double[] {0.09003, 0.24473, 0.66524}, a.data, PRINTED_DIGITS);
    }

    @Test
    void largeScoresStayFiniteWhileTheNaiveFormOverflows() {
        DMatrixRMaj z = Matrices.of(new double[][] {{1000, -1000, 0}, {-1000, -1000, -1000}});
        DMatrixRMaj a = Softmax.rows(z);
        assertArrayEquals(new double[] {1, 0, 0, 1 / 3.0, 1 / 3.0, 1 / 3.0}, a.data, ROUNDING);
        assertArrayEquals(new double[] {1000, -1000 + Math.log(3)}, Softmax.logSumExp(z).data, ROUNDING);
        assertEquals(-2000, Softmax.logRows(z).get(0, 1), ROUNDING);
        assertTrue(Double.isNaN(Softmax.naiveRows(z).get(0, 0)), "e^1000 / e^1000 = Inf / Inf is NaN");
    }

    @Test
    void naiveRowsEqualsRowsOnModerateScores() {
        DMatrixRMaj z = TestData.randn(new Random(7), 4, 5);
        EjmlUnitTests.assertEquals(Softmax.rows(z), Softmax.naiveRows(z), ROUNDING);
    }

    @Test
    void jacobianEqualsCentralDifferencesOfSoftmax() {
        DMatrixRMaj z = TestData.randn(new Random(11), 1, 5);
        // J[j, k] = d a_j / d z_k
        GradientCheck.jacobian("da/dz", Softmax::rows, z, Softmax.jacobian(Softmax.rows(z))).requirePassed();
    }

    @Test
    void jacobianHasTheTwoCasesOfDocument003() {
        DMatrixRMaj a = Matrices.column(0.2, 0.3, 0.5);
        DMatrixRMaj j = Softmax.jacobian(a);
        assertEquals(0.2 * (1 - 0.2), j.get(0, 0), ROUNDING);
        assertEquals(-0.2 * 0.5, j.get(0, 2), ROUNDING);
        assertEquals(-0.3 * 0.5, j.get(2, 1), ROUNDING);
    }

    @Test
    void jacobianRejectsAMatrixOfSeveralSamples() {
        var e = assertThrows(IllegalArgumentException.class, () -> Softmax.jacobian(new DMatrixRMaj(2, 3)));
        assertEquals("a has shape (2, 3); expected one sample as a row (1, C) or a column (C, 1)", e.getMessage());
    }

    @Test
    void rejectsNaNScores() {
        DMatrixRMaj z = Matrices.row(1, Double.NaN);
        var e = assertThrows(IllegalArgumentException.class, () -> Softmax.rows(z));
        assertEquals("z[0, 1] = NaN in z: (1, 2); expected finite values", e.getMessage());
    }

    @Test
    void rejectsInfiniteScores() {
        DMatrixRMaj z = Matrices.row(Double.POSITIVE_INFINITY, 0);
        var e = assertThrows(IllegalArgumentException.class, () -> Softmax.logSumExp(z));
        assertEquals("z[0, 0] = Infinity in z: (1, 2); expected finite values", e.getMessage());
    }

    @Test
    void rejectsAnEmptyBatch() {
        var e = assertThrows(IllegalArgumentException.class, () -> Softmax.rows(new DMatrixRMaj(0, 3)));
        assertEquals("z has shape (0, 3); expected at least one row and one column (an empty batch has no mean loss)",
                e.getMessage());
    }

    @Property(tries = 50, seed = "20261121")
    void rowsArePositiveAndSumToOne(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n,
            @ForAll @IntRange(min = 1, max = 8) int c, @ForAll @DoubleRange(min = 0.1, max = 500) double scale) {
        DMatrixRMaj z = Matrices.gaussian(n, c, scale, new Random(seed));
        DMatrixRMaj a = Softmax.rows(z);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < c; j++) {
                assertTrue(a.get(i, j) >= 0 && a.get(i, j) <= 1, "a in [0, 1]");
                sum += a.get(i, j);
            }
            assertEquals(1.0, sum, ROUNDING);
        }
    }

    @Property(tries = 50, seed = "20261121")
    void addingAConstantToARowChangesNothing(@ForAll long seed,
            @ForAll @DoubleRange(min = -1e3, max = 1e3) double shift) {
        DMatrixRMaj z = TestData.randn(new Random(seed), 3, 4);
        DMatrixRMaj shifted = z.copy();
        for (int k = 0; k < 4; k++) {
            shifted.set(1, k, z.get(1, k) + shift);
        }
        // rounding of z + shift is ~1e-13 * |shift|
        EjmlUnitTests.assertEquals(Softmax.rows(z), Softmax.rows(shifted), 1e-10);
    }

    @Property(tries = 50, seed = "20261121")
    void logRowsIsTheLogOfRows(@ForAll long seed) {
        DMatrixRMaj z = TestData.randn(new Random(seed), 3, 4);
        DMatrixRMaj a = Softmax.rows(z);
        DMatrixRMaj logA = Softmax.logRows(z);
        for (int k = 0; k < a.getNumElements(); k++) {
            assertEquals(Math.log(a.data[k]), logA.data[k], ROUNDING);
        }
    }

    @Test
    void scoresNearTheLargestDoubleGiveFiniteResults() {
        DMatrixRMaj z = Matrices.row(Double.MAX_VALUE, -Double.MAX_VALUE, 0);
        DMatrixRMaj a = Softmax.rows(z);
        assertEquals(1.0, a.get(0, 0));
        assertEquals(0.0, a.get(0, 1));
        assertEquals(Double.MAX_VALUE, Softmax.logSumExp(z).get(0, 0));
        // log a_2 = -2 MAX_VALUE is not a double: refused, naming the row and its range
        var e = assertThrows(IllegalArgumentException.class, () -> Softmax.logRows(z));
        assertTrue(e.getMessage().startsWith("z row 0 spans [" + -Double.MAX_VALUE + ", " + Double.MAX_VALUE
                + "]: max - min overflows"), e.getMessage());
        assertEquals(-1e308, Softmax.logRows(Matrices.row(1e308, 0)).get(0, 1));
    }

    @Test
    void jacobianRejectsWhatIsNotAProbabilityVector() {
        var e = assertThrows(IllegalArgumentException.class, () -> Softmax.jacobian(Matrices.row(2, 3, 4)));
        assertEquals("a[0, 0] = 2.0; expected a probability in [0, 1] (the softmax output of one sample)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Softmax.jacobian(Matrices.column(0.5, 0.2)));
        assertEquals("a row 0 sums to 0.7; expected rows that sum to 1 (the softmax output of one sample)",
                e.getMessage());
    }
}
