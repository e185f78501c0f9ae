package softmaxlab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ejml.EjmlUnitTests;
import org.ejml.data.DMatrixRMaj;
import softmaxlab.check.GradientCheck;
import org.junit.jupiter.api.Test;

class LinearSoftmaxTest {

    /** The brief's bound for the per-sample loops against the matrix form. */
    static final double NAIVE_AGREEMENT = 1e-10;

    @Property(tries = 50, seed = "20261121")
    void naiveLoopsAgreeWithTheVectorizedForm(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int n,
            @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 2, max = 5) int c) {
        Random random = new Random(seed);
        DMatrixRMaj x = TestData.randn(random, n, d);
        DMatrixRMaj w = TestData.randn(random, d, c);
        int[] y = TestData.labels(random, n, c);
        L2 reg = L2.halfNorm(0.3);
        LinearSoftmax.LossAndGradient fast = LinearSoftmax.lossAndGradient(w, x, y, reg);
        LinearSoftmax.LossAndGradient naive = LinearSoftmax.lossAndGradientNaive(w, x, y, reg);
        assertEquals(fast.loss(), naive.loss(), NAIVE_AGREEMENT);
        EjmlUnitTests.assertEquals(fast.dW(), naive.dW(), NAIVE_AGREEMENT);
    }

    @Property(tries = 30, seed = "20261121")
    void gradientsMatchCentralDifferences(@ForAll long seed) {
        Random random = new Random(seed);
        DMatrixRMaj x = TestData.randn(random, 6, 4);
        int[] y = TestData.labels(random, 6, 3);
        LinearSoftmax model = new LinearSoftmax(TestData.randn(random, 4, 3),
                TestData.randn(random, 1, 3));
        L2 reg = L2.perSample(0.5, 6);
        Model.Evaluation e = model.evaluate(x, y, reg);
        assertEquals(model.loss(x, y, reg), e.loss(), 1e-12);
        GradientCheck.dense("dW", model.lossOf(x, y, reg), model.w(), e.gradients().get(0)).requirePassed();
        GradientCheck.dense("db", model.lossOf(x, y, reg), model.b(), e.gradients().get(1)).requirePassed();
    }

    @Test
    void initialLossIsLogCForTinyWeights() {
        Random random = new Random(1);
        DMatrixRMaj x = TestData.randn(random, 200, 10);
        int[] y = TestData.labels(random, 200, 4);
        LinearSoftmax model = LinearSoftmax.init(10, 4, 1e-6, 2);
        // every a_j ~ 1/C, so -log a_y ~ log C
        assertEquals(Math.log(4), model.loss(x, y, L2.NONE), 1e-4);
        assertEquals(List.of("W", "b"), model.parameterNames());
    }

    @Test
    void scoresOfPlusMinusThousandGiveFiniteLossAndGradient() {
        // X W = [[1000, -1000]]: the vectorized loss is 2000 exactly, the per-sample loops take log(0)
        DMatrixRMaj x = Matrices.row(1);
        DMatrixRMaj w = Matrices.row(1000, -1000);
        LinearSoftmax.LossAndGradient fast = LinearSoftmax.lossAndGradient(w, x, new int[] {1}, L2.NONE);
        assertEquals(2000, fast.loss(), 1e-12);
        assertArrayEquals(new double[] {1, -1}, fast.dW().data, 1e-12);
        LinearSoftmax.LossAndGradient naive = LinearSoftmax.lossAndGradientNaive(w, x, new int[] {1}, L2.NONE);
        assertTrue(Double.isInfinite(naive.loss()), "-log(a_y) with a_y rounded to 0");
    }

    @Test
    void predictPicksTheLargestScore() {
        LinearSoftmax model = new LinearSoftmax(Matrices.of(new double[][] {{1, 0}, {0, 1}}), Matrices.row(0, 0.5));
        assertArrayEquals(new int[] {0, 1, 1}, model.predict(Matrices.of(new double[][] {{2, 0}, {0, 2}, {1, 1}})));
    }

    @Test
    void rejectsWeightsThatDoNotMatchTheInputs() {
        var e = assertThrows(IllegalArgumentException.class, () -> LinearSoftmax.lossAndGradientNaive(
                new DMatrixRMaj(3, 5), new DMatrixRMaj(2, 4), new int[] {0, 1}, L2.NONE));
        assertEquals("W has shape (3, 5); expected 4 rows to match X: (2, 4)", e.getMessage());
    }

    @Test
    void rejectsInfiniteInputs() {
        DMatrixRMaj x = Matrices.row(1, Double.NEGATIVE_INFINITY);
        var e = assertThrows(IllegalArgumentException.class,
                () -> LinearSoftmax.lossAndGradient(new DMatrixRMaj(2, 3), x, new int[] {0}, L2.NONE));
        assertEquals("X[0, 1] = -Infinity in X: (1, 2); expected finite values", e.getMessage());
    }

    @Test
    void lossOfRejectsACopyOfAParameter() {
        LinearSoftmax model = LinearSoftmax.init(2, 3, 0.1, 1);
        var f = model.lossOf(new DMatrixRMaj(1, 2), new int[] {0}, L2.NONE);
        var e = assertThrows(IllegalArgumentException.class, () -> f.applyAsDouble(model.w().copy()));
        assertEquals("parameter (2, 3) is not one of this model's parameters [W, b]; expected the model's own matrix,"
                + " which the check perturbs in place", e.getMessage());
    }

    @Test
    void rejectsANonPositiveInitScale() {
        var e = assertThrows(IllegalArgumentException.class, () -> LinearSoftmax.init(2, 3, 0, 1));
        assertEquals("scale = 0.0; expected a positive finite number", e.getMessage());
    }
}
