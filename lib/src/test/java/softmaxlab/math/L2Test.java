package softmaxlab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import softmaxlab.check.GradientCheck;
import org.junit.jupiter.api.Test;

class L2Test {

    static final double ROUNDING = 1e-12;

    /** W with sum of squares 1 + 4 + 9 + 16 = 30. */
    private final DMatrixRMaj w = Matrices.of(new double[][] {{1, -2}, {3, 4}});

    @Test
    void halfNormIsHalfLambdaTimesTheSquaredNorm() {
        L2 reg = L2.halfNorm(0.1);
        assertEquals(0.05 * 30, reg.penalty(w), ROUNDING);
        assertArrayEquals(new double[] {0.1, -0.2, 0.3, 0.4}, reg.gradient(w).data, ROUNDING);
    }

    @Test
    void perSampleDividesByTwiceTheNumberOfSamples() {
        L2 reg = L2.perSample(0.1, 5);
        assertEquals(0.1 / 10 * 30, reg.penalty(w), ROUNDING);
        assertArrayEquals(new double[] {0.02, -0.04, 0.06, 0.08}, reg.gradient(w).data, ROUNDING);
    }

    @Test
    void noneIsZero() {
        assertEquals(0, L2.NONE.penalty(w));
        assertArrayEquals(new double[4], L2.NONE.gradient(w).data, 0.0);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        DMatrixRMaj v = TestData.randn(new Random(3), 3, 4);
        L2 reg = L2.perSample(0.7, 3);
        GradientCheck.dense("dR/dW", reg::penalty, v, reg.gradient(v)).requirePassed();
    }

    @Test
    void rejectsANegativeLambda() {
        var e = assertThrows(IllegalArgumentException.class, () -> L2.halfNorm(-0.5));
        assertEquals("lambda = -0.5; expected a finite number >= 0", e.getMessage());
    }

    @Test
    void rejectsANonPositiveSampleCount() {
        var e = assertThrows(IllegalArgumentException.class, () -> L2.perSample(0.1, 0));
        assertEquals("n = 0; expected a positive integer", e.getMessage());
    }

    @Test
    void noPenaltyIsZeroEvenForHugeWeights() {
        assertEquals(0.0, L2.NONE.penalty(Matrices.row(1e200, -1e200)));
    }

    @Test
    void aPenaltyWhoseSquaresOverflowIsStillComputedWhenFinite() {
        // (1e-300 / 2) (1e200^2 + 1e200^2) = 1e100, though 1e200^2 overflows
        assertEquals(1e100, L2.halfNorm(1e-300).penalty(Matrices.row(1e200, 1e200)), 1e86);
    }

    @Test
    void aPenaltyThatOverflowsIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> L2.halfNorm(1).penalty(Matrices.row(1e200)));
        assertTrue(e.getMessage().startsWith("the L2 penalty lambda/(2 divisor) sum w^2 of W: (1, 1) overflows"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new L2(1e308, 1e-300));
        assertEquals("lambda / divisor = 1.0E308 / 1.0E-300 overflows; expected a finite strength per divisor",
                e.getMessage());
    }

    @Test
    void addGradientInPlaceRejectsAGradientOfAnotherShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> L2.halfNorm(1).addGradientInPlace(new DMatrixRMaj(3, 2), new DMatrixRMaj(2, 3)));
        assertEquals("dW has shape (3, 2); expected (2, 3) to match W: (2, 3)", e.getMessage());
    }
}
