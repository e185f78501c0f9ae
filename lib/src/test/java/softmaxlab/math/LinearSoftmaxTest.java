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

    /** Issue 11's bound for the one-pass path against the matrix form, relative to the result's scale. */
    static final double FAST_PATH_AGREEMENT = 1e-12;

    /** One-pass loss and gradients against the matrix form, same data; scores of size about {@code scoreScale}. */
    static void assertOnePassEqualsMatrixForm(Random random, int n, int d, int c, double scoreScale) {
        DMatrixRMaj x = TestData.randn(random, n, d);
        // x . w_j has standard deviation scoreScale
        DMatrixRMaj w = Matrices.gaussian(d, c, scoreScale / Math.sqrt(d), random);
        DMatrixRMaj b = TestData.randn(random, 1, c);
        int[] y = TestData.labels(random, n, c);
        L2 reg = L2.halfNorm(0.1);
        LinearSoftmax.LossAndGradients fast = LinearSoftmax.lossAndGradients(w, b, x, y, reg);
        LinearSoftmax.LossAndGradients reference = LinearSoftmax.lossAndGradientsMatrixForm(w, b, x, y, reg);
        TestData.assertRelativelyEqual(reference.loss(), fast.loss(), FAST_PATH_AGREEMENT);
        TestData.assertRelativelyEqual(reference.dW(), fast.dW(), FAST_PATH_AGREEMENT);
        TestData.assertRelativelyEqual(reference.db(), fast.db(), FAST_PATH_AGREEMENT);
        LinearSoftmax.LossAndGradient noBias = LinearSoftmax.lossAndGradient(w, x, y, reg);
        LinearSoftmax.LossAndGradients noBiasReference = LinearSoftmax.lossAndGradientsMatrixForm(w,
                new DMatrixRMaj(1, c), x, y, reg);
        TestData.assertRelativelyEqual(noBiasReference.loss(), noBias.loss(), FAST_PATH_AGREEMENT);
        TestData.assertRelativelyEqual(noBiasReference.dW(), noBias.dW(), FAST_PATH_AGREEMENT);
    }

    @Property(tries = 60, seed = "20261111")
    void onePassEqualsTheMatrixForm(@ForAll long seed, @ForAll @IntRange(min = 1, max = 13) int n,
            @ForAll @IntRange(min = 1, max = 40) int d, @ForAll @IntRange(min = 1, max = 12) int c) {
        assertOnePassEqualsMatrixForm(new Random(seed), n, d, c, 3.0);
    }

    @Property(tries = 20, seed = "20261112")
    void onePassEqualsTheMatrixFormForScoresOfAThousand(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 9) int n, @ForAll @IntRange(min = 1, max = 11) int c) {
        assertOnePassEqualsMatrixForm(new Random(seed), n, 17, c, 1000.0);
    }

    @Property(tries = 20, seed = "20261204")
    void evaluatePredictsAsTheSeparateForwardPass(@ForAll long seed, @ForAll @IntRange(min = 1, max = 90) int n,
            @ForAll @IntRange(min = 1, max = 40) int d, @ForAll @IntRange(min = 1, max = 12) int c) {
        Random random = new Random(seed);
        DMatrixRMaj x = TestData.randn(random, n, d);
        LinearSoftmax model = new LinearSoftmax(TestData.randn(random, d, c), TestData.randn(random, 1, c));
        int[] predicted = model.evaluate(x, TestData.labels(random, n, c), L2.NONE).predicted();
        assertArrayEquals(Matrices.argmaxRows(model.scores(x)), predicted);
    }

    @Test
    void theVectorPathRunsInTheseTests() {
        assertTrue(FusedSoftmax.VECTOR, "surefire starts the JVM with --add-modules jdk.incubator.vector");
        assertEquals(null, FusedSoftmax.C2_OFF, "surefire's JVM compiles with C2 (tiered, the default)");
        assertTrue(LinearSoftmax.path().startsWith("Vector API"), LinearSoftmax.path());
    }

    /**
     * Scalar and Vector API scores, each against the matrix form: rows past whole blocks, inputs past whole lanes,
     * widths on both sides of {@link FusedSoftmax#VECTOR_MIN_INPUTS}.
     */
    @Property(tries = 60, seed = "20261201")
    void bothScorePathsEqualTheMatrixForm(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @IntRange(min = 1, max = 70) int d, @ForAll @IntRange(min = 1, max = 16) int c,
            @ForAll boolean vector) {
        Random random = new Random(seed);
        DMatrixRMaj x = TestData.randn(random, n, d);
        DMatrixRMaj w = Matrices.gaussian(d, c, 3.0 / Math.sqrt(d), random);
        DMatrixRMaj b = TestData.randn(random, 1, c);
        int[] y = TestData.labels(random, n, c);
        FusedSoftmax.Result fast = FusedSoftmax.linear(x, w, b, y, vector);
        LinearSoftmax.LossAndGradients reference = LinearSoftmax.lossAndGradientsMatrixForm(w, b, x, y, L2.NONE);
        TestData.assertRelativelyEqual(reference.loss(), fast.loss(), FAST_PATH_AGREEMENT);
        TestData.assertRelativelyEqual(reference.dW(), fast.dW(), FAST_PATH_AGREEMENT);
        TestData.assertRelativelyEqual(reference.db(), fast.db(), FAST_PATH_AGREEMENT);
    }

    /**
     * The scalar and the Vector API path give the same bits (both sum each score in four lanes, in the same order),
     * so the library may run either at any call: rows past whole blocks, inputs past whole lanes and past a
     * score tile ({@link VectorPath#SCORE_TILE}), classes past groups of five, a bias.
     */
    @Property(tries = 40, seed = "20261203")
    void bothScorePathsGiveTheSameBits(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @IntRange(min = FusedSoftmax.VECTOR_MIN_INPUTS, max = 600) int d,
            @ForAll @IntRange(min = 1, max = 16) int c) {
        Random random = new Random(seed);
        DMatrixRMaj x = TestData.randn(random, n, d);
        DMatrixRMaj w = Matrices.gaussian(d, c, 3.0 / Math.sqrt(d), random);
        DMatrixRMaj b = TestData.randn(random, 1, c);
        int[] y = TestData.labels(random, n, c);
        assertSameBits(FusedSoftmax.linear(x, w, b, y, false), FusedSoftmax.linear(x, w, b, y, true));
    }

    /**
     * The default path: the scalar loops until the warm-up thread has measured the vector path faster (C2 has
     * compiled it), then the vector path; the same bits before and after.
     */
    @Test
    void theDefaultPathSwitchesToTheVectorPathOnceCompiledWithTheSameBits() throws InterruptedException {
        Random random = new Random(16);
        DMatrixRMaj x = TestData.randn(random, 70, 300);
        DMatrixRMaj w = Matrices.gaussian(300, 7, 0.1, random);
        int[] y = TestData.labels(random, 70, 7);
        FusedSoftmax.Result scalar = FusedSoftmax.linear(x, w, null, y, false);
        assertSameBits(scalar, FusedSoftmax.linear(x, w, null, y));
        // bounded: ~1 s of one core on a loaded 2-core machine
        for (int k = 0; k < 1200 && !VectorWarmup.compiled(); k++) {
            Thread.sleep(100);
        }
        assertTrue(VectorWarmup.compiled(), "C2 runs in surefire's JVM: the warm-up ends within 2 minutes");
        assertTrue(LinearSoftmax.path().contains("(it has;"), LinearSoftmax.path());
        assertSameBits(scalar, FusedSoftmax.linear(x, w, null, y));
    }

    private static void assertSameBits(FusedSoftmax.Result expected, FusedSoftmax.Result actual) {
        // without a delta JUnit compares doubles by their bits (0.0 and -0.0 differ)
        assertEquals(expected.loss(), actual.loss());
        assertArrayEquals(expected.dW().data, actual.dW().data);
        assertArrayEquals(expected.db().data, actual.db().data);
    }

    @Test
    void bothScorePathsNameANonFiniteEntryOfX() {
        Random random = new Random(15);
        // 40 rows of 40 inputs: whole blocks that the vector path reads straight from X
        DMatrixRMaj x = TestData.randn(random, 40, 40);
        x.set(20, 7, Double.NaN);
        DMatrixRMaj w = TestData.randn(random, 40, 10);
        for (boolean vector : new boolean[] {false, true}) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> FusedSoftmax.linear(x, w, null, new int[40], vector));
            assertEquals("X[20, 7] = NaN in X: (40, 40); expected finite values", e.getMessage());
        }
    }

    @Test
    void onePassEqualsTheMatrixFormWhenSplitIntoParts() {
        Random random = new Random(11);
        // N D C = 1.01e6 multiply-adds: 2 parts of whole blocks and a last block of 3 rows
        assertEquals(2, FusedSoftmax.parts(2023, 50, 10));
        assertOnePassEqualsMatrixForm(random, 2023, 50, 10, 3.0);
        // the most parts: 8; N = 4001 is 1 past a whole block
        assertEquals(FusedSoftmax.MAX_PARTS, FusedSoftmax.parts(4001, 1000, 10));
        assertOnePassEqualsMatrixForm(random, 4001, 1000, 10, 3.0);
    }

    @Test
    void onePassIsTheSameEveryTime() {
        Random random = new Random(12);
        // 2 parts, run on whichever threads are free: the sum is taken in part order all the same
        DMatrixRMaj x = TestData.randn(random, 2023, 400);
        DMatrixRMaj w = TestData.randn(random, 400, 10);
        int[] y = TestData.labels(random, 2023, 10);
        LinearSoftmax.LossAndGradient first = LinearSoftmax.lossAndGradient(w, x, y, L2.NONE);
        for (int run = 0; run < 3; run++) {
            LinearSoftmax.LossAndGradient again = LinearSoftmax.lossAndGradient(w, x, y, L2.NONE);
            assertEquals(first.loss(), again.loss(), 0.0);
            EjmlUnitTests.assertEquals(first.dW(), again.dW(), 0.0);
        }
    }

    /**
     * The same bits on 1, 2 and 3 threads and on both paths: the parts are fixed by the size, summed in part order.
     * Sizes of 1, 2 and 8 parts, with a last partial block, a D past whole lanes and a bias.
     */
    @Test
    void onePassIsTheSameOnAnyNumberOfThreads() throws Exception {
        Random random = new Random(14);
        for (int[] ndc : new int[][] {{37, 33, 10}, {131, 3073, 3}, {1601, 390, 10}}) {
            DMatrixRMaj x = TestData.randn(random, ndc[0], ndc[1]);
            DMatrixRMaj w = Matrices.gaussian(ndc[1], ndc[2], 1.0 / Math.sqrt(ndc[1]), random);
            DMatrixRMaj b = TestData.randn(random, 1, ndc[2]);
            int[] y = TestData.labels(random, ndc[0], ndc[2]);
            FusedSoftmax.Result one = onThreads(1, () -> FusedSoftmax.linear(x, w, b, y, false));
            for (boolean vector : new boolean[] {false, true}) {
                for (int threads : new int[] {1, 2, 3}) {
                    assertSameBits(one, onThreads(threads, () -> FusedSoftmax.linear(x, w, b, y, vector)));
                }
            }
        }
    }

    /** {@code task} run in a fork-join pool of {@code threads}: the parallel stream inside uses that pool. */
    private static <T> T onThreads(int threads, java.util.concurrent.Callable<T> task) throws Exception {
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try {
            return pool.submit(task).get();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void oneClassHasLossAndGradientZero() {
        Random random = new Random(13);
        LinearSoftmax.LossAndGradient r = LinearSoftmax.lossAndGradient(TestData.randn(random, 3, 1),
                TestData.randn(random, 5, 3), new int[5], L2.NONE);
        assertEquals(0.0, r.loss(), 0.0);
        EjmlUnitTests.assertEquals(new DMatrixRMaj(3, 1), r.dW(), 0.0);
    }

    @Test
    void rejectsScoresThatOverflow() {
        // 1e300 * 1e300 overflows to Infinity in S = XW
        DMatrixRMaj x = Matrices.of(new double[][] {{1, 2}, {1e300, 1}});
        DMatrixRMaj w = Matrices.of(new double[][] {{1e300, 0}, {0, 1}});
        var e = assertThrows(IllegalArgumentException.class,
                () -> LinearSoftmax.lossAndGradient(w, x, new int[] {0, 1}, L2.NONE));
        assertEquals("S = XW overflows at row 1 (a score is Infinity) with X: (2, 2) and W: (2, 2); expected finite"
                + " scores: scale X or W down", e.getMessage());
    }

    @Test
    void rejectsNaNInputsInAnyRow() {
        Random random = new Random(14);
        DMatrixRMaj x = TestData.randn(random, 9, 3);
        x.set(6, 2, Double.NaN);
        var e = assertThrows(IllegalArgumentException.class, () -> LinearSoftmax.lossAndGradients(
                TestData.randn(random, 3, 2), new DMatrixRMaj(1, 2), x, new int[9], L2.NONE));
        assertEquals("X[6, 2] = NaN in X: (9, 3); expected finite values", e.getMessage());
    }

    @Test
    void rejectsLabelsOutOfRangeAndBiasOfTheWrongShape() {
        DMatrixRMaj x = new DMatrixRMaj(2, 3);
        DMatrixRMaj w = new DMatrixRMaj(3, 4);
        var label = assertThrows(IllegalArgumentException.class,
                () -> LinearSoftmax.lossAndGradient(w, x, new int[] {0, 4}, L2.NONE));
        assertEquals("y[1] = 4 is out of range; expected a label in [0, 4), the classes of W: (3, 4)", label.getMessage());
        var bias = assertThrows(IllegalArgumentException.class,
                () -> LinearSoftmax.lossAndGradients(w, new DMatrixRMaj(1, 3), x, new int[] {0, 1}, L2.NONE));
        assertEquals("b has shape (1, 3); expected (1, 4) to match W: (3, 4)", bias.getMessage());
        var shape = assertThrows(IllegalArgumentException.class,
                () -> LinearSoftmax.lossAndGradient(new DMatrixRMaj(2, 4), x, new int[] {0, 1}, L2.NONE));
        assertEquals("W has shape (2, 4); expected 3 rows to match X: (2, 3)", shape.getMessage());
        var empty = assertThrows(IllegalArgumentException.class,
                () -> LinearSoftmax.lossAndGradient(w, new DMatrixRMaj(0, 3), new int[0], L2.NONE));
        assertEquals("X has shape (0, 3); expected at least one row and one column (an empty batch has no mean loss)",
                empty.getMessage());
    }

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
