package softmaxlab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ejml.EjmlUnitTests;
import org.ejml.data.DMatrixRMaj;
import softmaxlab.check.GradientCheck;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class CrossEntropyTest {

    /** Identities that hold up to a few roundings of O(1) numbers. */
    static final double ROUNDING = 1e-12;

    @Test
    void document004ExampleRowGivesTheCorrectedGradient() {
        // document 004: f(x_i) = [0.1, 0.2, 0.25, 0.4, 0.05], y_i = 2, batch of N = 2
        DMatrixRMaj a = Matrices.of(new double[][] {{0.1, 0.2, 0.25, 0.4, 0.05}, {0.1, 0.2, 0.25, 0.4, 0.05}});
        DMatrixRMaj dz = CrossEntropy.gradientFromSoftmax(a, new int[] {2, 2});
        assertArrayEquals(new double[] {0.05, 0.1, -0.375, 0.2, 0.025}, rowOf(dz, 0), ROUNDING);
    }

    @Test
    void knownLossOfTwoThreeFour() {
        DMatrixRMaj z = Matrices.row(2, 3, 4);
        // -log(e^2 / (e^2 + e^3 + e^4))
        double expected = -Math.log(Math.exp(2) / (Math.exp(2) + Math.exp(3) + Math.exp(4)));
        assertEquals(expected, CrossEntropy.mean(z, new int[] {0}), ROUNDING);
    }

    @Test
    void scoresOfPlusMinusThousandGiveFiniteLossAndGradient() {
        DMatrixRMaj z = Matrices.of(new double[][] {{1000, -1000}, {-1000, 1000}});
        int[] y = {1, 1};
        // row 0: -z_1 + lse = 1000 + 1000; row 1: a_1 = 1, loss 0
        assertArrayEquals(new double[] {2000, 0}, CrossEntropy.perSample(z, y), ROUNDING);
        assertEquals(1000, CrossEntropy.mean(z, y), ROUNDING);
        DMatrixRMaj dz = CrossEntropy.gradient(z, y);
        // (A - Y)/N with A = [[1, 0], [0, 1]]
        assertArrayEquals(new double[] {0.5, -0.5, 0, 0}, dz.data, ROUNDING);
        assertEquals(1000, CrossEntropy.mean(z, Matrices.oneHot(y, 2)), ROUNDING);
    }

    @Test
    void ofProbabilitiesIsMinusSumTLogA() {
        DMatrixRMaj a = Matrices.row(0.1, 0.2, 0.7);
        assertEquals(-Math.log(0.7), CrossEntropy.ofProbabilities(a, Matrices.row(0, 0, 1)), ROUNDING);
        assertEquals(-(0.5 * Math.log(0.2) + 0.5 * Math.log(0.7)),
                CrossEntropy.ofProbabilities(a, Matrices.row(0, 0.5, 0.5)), ROUNDING);
    }

    @Test
    void ofProbabilitiesRefusesAZeroProbabilityOfATargetClassAndPointsToTheScores() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.ofProbabilities(Matrices.of(new double[][] {{0.5, 0.5}, {1, 0}}),
                        Matrices.of(new double[][] {{1, 0}, {0.25, 0.75}})));
        assertEquals("a[1, 1] = 0.0 where t[1, 1] = 0.75, so -t log a = +Infinity; expected a > 0 wherever t > 0, or "
                + "the scores z: CrossEntropy.sum(z, t) gives the same cost, finite", e.getMessage());
        // where the softmax rounds to 0 the scores still give the cost: 1000 = lse - z_1
        DMatrixRMaj z = Matrices.row(1000, 0);
        DMatrixRMaj t = Matrices.row(0, 1);
        assertEquals(0, Softmax.rows(z).get(0, 1));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.ofProbabilities(Softmax.rows(z), t));
        assertEquals(1000, CrossEntropy.sum(z, t), ROUNDING);
        // a 0 where the target is 0 counts 0
        assertEquals(0, CrossEntropy.ofProbabilities(Matrices.row(1, 0), Matrices.row(1, 0)));
    }

    @Test
    void gradientIsTheJacobianTransposeTimesDLossDA() {
        DMatrixRMaj z = TestData.randn(new Random(5), 1, 4);
        DMatrixRMaj t = Matrices.row(0.1, 0.6, 0.3, 0.0);
        DMatrixRMaj a = Softmax.rows(z);
        // dL/da_k = -t_k / a_k for L = -sum_k t_k log a_k
        DMatrixRMaj dLda = new DMatrixRMaj(4, 1);
        for (int k = 0; k < 4; k++) {
            dLda.data[k] = -t.data[k] / a.data[k];
        }
        // dL/dz = J^T dL/da
        DMatrixRMaj composed = CommonOps_DDRM.multTransA(Softmax.jacobian(a), dLda, null);
        CommonOps_DDRM.transpose(composed);
        EjmlUnitTests.assertEquals(composed, CrossEntropy.gradient(z, t), ROUNDING);
    }

    @Test
    void rejectsALabelOutOfRange() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.mean(new DMatrixRMaj(5, 5), new int[] {0, 1, 2, 3, 7}));
        assertEquals("y[4] = 7 is out of range; expected a label in [0, 5), the classes of z: (5, 5)", e.getMessage());
    }

    @Test
    void rejectsANegativeLabel() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.gradient(new DMatrixRMaj(2, 3), new int[] {-1, 0}));
        assertEquals("y[0] = -1 is out of range; expected a label in [0, 3), the classes of z: (2, 3)", e.getMessage());
    }

    @Test
    void rejectsOneLabelTooFew() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.perSample(new DMatrixRMaj(3, 2), new int[] {0, 1}));
        assertEquals("y has length 2; expected 3 labels, one per row of z: (3, 2)", e.getMessage());
    }

    @Test
    void rejectsTargetsOfTheWrongShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.mean(new DMatrixRMaj(2, 3), new DMatrixRMaj(2, 4)));
        assertEquals("t has shape (2, 4); expected (2, 3) to match z: (2, 3)", e.getMessage());
    }

    @Test
    void rejectsTargetsThatAreNotDistributions() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.gradient(Matrices.row(1, 2), Matrices.row(0.5, 0.3)));
        assertEquals("t row 0 sums to 0.8; expected rows that sum to 1 (one-hot or soft target rows)",
                e.getMessage());
    }

    @Test
    void rejectsProbabilitiesAboveOne() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.ofProbabilities(Matrices.row(1.5, -0.5), Matrices.row(1, 0)));
        assertEquals("a[0, 0] = 1.5; expected a probability in [0, 1]", e.getMessage());
    }

    @Test
    void rejectsAnEmptyBatch() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.mean(new DMatrixRMaj(0, 4), new int[0]));
        assertTrue(e.getMessage().startsWith("z has shape (0, 4); expected at least one row"), e.getMessage());
    }

    @Property(tries = 50, seed = "20261121")
    void gradientMatchesCentralDifferencesOfTheMean(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int n,
            @ForAll @IntRange(min = 2, max = 6) int c) {
        Random random = new Random(seed);
        DMatrixRMaj z = TestData.randn(random, n, c);
        int[] y = TestData.labels(random, n, c);
        GradientCheck.dense("dL/dz", m -> CrossEntropy.mean(m, y), z, CrossEntropy.gradient(z, y)).requirePassed();
    }

    @Property(tries = 50, seed = "20261121")
    void softTargetGradientMatchesCentralDifferences(@ForAll long seed) {
        Random random = new Random(seed);
        DMatrixRMaj z = TestData.randn(random, 3, 4);
        DMatrixRMaj t = Softmax.rows(TestData.randn(random, 3, 4));
        GradientCheck.dense("dL/dz", m -> CrossEntropy.mean(m, t), z, CrossEntropy.gradient(z, t)).requirePassed();
    }

    @Property(tries = 50, seed = "20261121")
    void labelsAndOneHotRowsAgree(@ForAll long seed) {
        Random random = new Random(seed);
        DMatrixRMaj z = TestData.randn(random, 4, 3);
        int[] y = TestData.labels(random, 4, 3);
        DMatrixRMaj t = Matrices.oneHot(y, 3);
        assertArrayEquals(CrossEntropy.perSample(z, y), CrossEntropy.perSample(z, t), ROUNDING);
        EjmlUnitTests.assertEquals(CrossEntropy.gradient(z, y), CrossEntropy.gradient(z, t), ROUNDING);
        assertEquals(CrossEntropy.sum(z, y), CrossEntropy.ofProbabilities(Softmax.rows(z), t), 1e-10);
    }

    private static double[] rowOf(DMatrixRMaj m, int i) {
        double[] row = new double[m.numCols];
        System.arraycopy(m.data, i * m.numCols, row, 0, m.numCols);
        return row;
    }

    @Test
    void extremeScoresGiveFiniteLossesOrSayWhy() {
        DMatrixRMaj z = Matrices.row(1e308, -1e308);
        assertEquals(0.0, CrossEntropy.mean(z, new int[]{0}));
        // a zero target on a class whose log-probability overflows counts 0, not 0 * -Infinity
        assertEquals(0.0, CrossEntropy.mean(z, Matrices.row(1, 0)));
        // a tiny target weight on it: t (lse - z) is finite although lse - z is not
        assertEquals(1e-300 * 1e308 + 1e-300 * 1e308, CrossEntropy.mean(z, Matrices.row(1 - 1e-300, 1e-300)),
                1e-6);
        var e = assertThrows(IllegalArgumentException.class, () -> CrossEntropy.mean(z, new int[]{1}));
        assertTrue(e.getMessage().startsWith("z row 0 spans [-1.0E308, 1.0E308]: max - min overflows"),
                e.getMessage());
    }

    @Test
    void theMeanOfLargeLossesStaysFiniteWhereTheirSumOverflows() {
        DMatrixRMaj z = new DMatrixRMaj(new double[][]{{1.5e308, 0}, {1.5e308, 0}});
        int[] y = {1, 1};
        assertEquals(1.5e308, CrossEntropy.mean(z, y), 1e294);
        var e = assertThrows(IllegalArgumentException.class, () -> CrossEntropy.sum(z, y));
        assertTrue(e.getMessage().startsWith("the sum of the 2 per-sample losses overflows a double"),
                e.getMessage());
    }

    @Test
    void gradientFromSoftmaxRejectsWhatIsNotASoftmaxOutput() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.gradientFromSoftmax(Matrices.row(2, 3), new int[]{0}));
        assertEquals("a[0, 0] = 2.0; expected a probability in [0, 1] (softmax outputs)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.gradientFromSoftmax(Matrices.row(0.3, 0.3), Matrices.row(1, 0)));
        assertEquals("a row 0 sums to 0.6; expected rows that sum to 1 (softmax outputs)", e.getMessage());
    }
}
