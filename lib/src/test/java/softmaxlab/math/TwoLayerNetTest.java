package softmaxlab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ejml.EjmlUnitTests;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import softmaxlab.check.GradientCheck;
import org.junit.jupiter.api.Test;

class TwoLayerNetTest {

    @Property(tries = 20, seed = "20261121")
    void allFourGradientsMatchCentralDifferences(@ForAll long seed) {
        Random random = new Random(seed);
        DMatrixRMaj x = TestData.randn(random, 5, 4);
        int[] y = TestData.labels(random, 5, 3);
        TwoLayerNet net = new TwoLayerNet(new TwoLayerNet.Params(TestData.randn(random, 4, 6),
                TestData.randn(random, 1, 6), TestData.randn(random, 6, 3),
                TestData.randn(random, 1, 3)));
        L2 reg = L2.halfNorm(0.05);
        TwoLayerNet.LossAndGradients r = net.lossAndGradients(x, y, reg);
        assertEquals(net.loss(x, y, reg), r.loss(), 1e-12);
        List<DMatrixRMaj> params = net.parameters();
        List<DMatrixRMaj> grads = r.gradients().asList();
        for (int p = 0; p < params.size(); p++) {
            GradientCheck.dense(net.parameterNames().get(p), net.lossOf(x, y, reg), params.get(p), grads.get(p))
                    .requirePassed();
        }
    }

    /** Issue 11's bound for the one-pass path against the layer-by-layer matrix form. */
    static final double FAST_PATH_AGREEMENT = 1e-12;

    /** Document 004's backpropagation one matrix operation per line: the reference of the one-pass path. */
    static TwoLayerNet.LossAndGradients matrixForm(TwoLayerNet.Params p, DMatrixRMaj x, int[] y, L2 reg) {
        DMatrixRMaj z1 = Linear.forward(x, p.w1(), p.b1());
        DMatrixRMaj h = Relu.forward(z1);
        DMatrixRMaj s = Linear.forward(h, p.w2(), p.b2());
        double loss = CrossEntropy.mean(s, y) + reg.penalty(p.w1()) + reg.penalty(p.w2());
        DMatrixRMaj dS = CrossEntropy.gradient(s, y);
        Linear.Gradients second = Linear.backward(h, p.w2(), dS);
        DMatrixRMaj dZ1 = Relu.backward(z1, second.dX());
        DMatrixRMaj dW1 = Linear.weightGradient(x, dZ1);
        CommonOps_DDRM.addEquals(dW1, reg.gradient(p.w1()));
        CommonOps_DDRM.addEquals(second.dW(), reg.gradient(p.w2()));
        return new TwoLayerNet.LossAndGradients(loss, new TwoLayerNet.Gradients(dW1, Linear.biasGradient(dZ1),
                second.dW(), second.db()));
    }

    @Property(tries = 60, seed = "20261113")
    void onePassEqualsTheMatrixForm(@ForAll long seed, @ForAll @IntRange(min = 1, max = 13) int n,
            @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 1, max = 21) int hidden,
            @ForAll @IntRange(min = 1, max = 6) int c) {
        Random random = new Random(seed);
        DMatrixRMaj x = TestData.randn(random, n, d);
        int[] y = TestData.labels(random, n, c);
        TwoLayerNet net = new TwoLayerNet(new TwoLayerNet.Params(TestData.randn(random, d, hidden),
                TestData.randn(random, 1, hidden), TestData.randn(random, hidden, c), TestData.randn(random, 1, c)));
        L2 reg = L2.halfNorm(0.01);
        TwoLayerNet.LossAndGradients fast = net.lossAndGradients(x, y, reg);
        TwoLayerNet.LossAndGradients reference = matrixForm(net.params(), x, y, reg);
        TestData.assertRelativelyEqual(reference.loss(), fast.loss(), FAST_PATH_AGREEMENT);
        List<DMatrixRMaj> expected = reference.gradients().asList();
        List<DMatrixRMaj> actual = fast.gradients().asList();
        for (int p = 0; p < expected.size(); p++) {
            TestData.assertRelativelyEqual(expected.get(p), actual.get(p), FAST_PATH_AGREEMENT);
        }
    }

    @Test
    void onePassEqualsTheMatrixFormOnTheSpiral() {
        DMatrixRMaj x = softmaxlabSpiral();
        int[] y = new int[x.numRows];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3;
        }
        TwoLayerNet net = TwoLayerNet.init(2, 100, 3, 0.5, 3);
        TwoLayerNet.LossAndGradients fast = net.lossAndGradients(x, y, L2.halfNorm(1e-3));
        TwoLayerNet.LossAndGradients reference = matrixForm(net.params(), x, y, L2.halfNorm(1e-3));
        TestData.assertRelativelyEqual(reference.loss(), fast.loss(), FAST_PATH_AGREEMENT);
        for (int p = 0; p < 4; p++) {
            TestData.assertRelativelyEqual(reference.gradients().asList().get(p), fast.gradients().asList().get(p),
                    FAST_PATH_AGREEMENT);
        }
    }

    /** 301 points on a spiral (N not a multiple of the block). */
    private static DMatrixRMaj softmaxlabSpiral() {
        DMatrixRMaj x = new DMatrixRMaj(301, 2);
        for (int i = 0; i < x.numRows; i++) {
            double t = 0.05 * i;
            x.set(i, 0, t * Math.sin(t) / 15);
            x.set(i, 1, t * Math.cos(t) / 15);
        }
        return x;
    }

    @Test
    void rejectsInfiniteInputsAndScoresThatOverflow() {
        TwoLayerNet net = new TwoLayerNet(new TwoLayerNet.Params(Matrices.of(new double[][] {{-1, -1}}),
                new DMatrixRMaj(1, 2), Matrices.of(new double[][] {{1e300, 0}, {0, 1}}), new DMatrixRMaj(1, 2)));
        // ReLU maps X W1 = -Infinity to 0: the scores alone would not show the infinite input
        var input = assertThrows(IllegalArgumentException.class,
                () -> net.lossAndGradients(Matrices.column(1, Double.POSITIVE_INFINITY), new int[] {0, 1}, L2.NONE));
        assertEquals("X[1, 0] = Infinity in X: (2, 1); expected finite values", input.getMessage());
        var overflow = assertThrows(IllegalArgumentException.class,
                () -> net.lossAndGradients(Matrices.column(1, -1e300), new int[] {0, 1}, L2.NONE));
        assertEquals("S = max(0, X W1 + b1) W2 + b2 overflows at row 1 (a score is Infinity) with X: (2, 1) and W2:"
                + " (2, 2); expected finite scores: scale X or W2 down", overflow.getMessage());
        var labels = assertThrows(IllegalArgumentException.class,
                () -> net.lossAndGradients(Matrices.column(1, 2), new int[] {0, 2}, L2.NONE));
        assertEquals("y[1] = 2 is out of range; expected a label in [0, 2), the classes of W2: (2, 2)", labels.getMessage());
    }

    @Test
    void seededInitIsReproducibleAndHasTheDocumentedShapes() {
        TwoLayerNet a = TwoLayerNet.init(4, 10, 3, 0.01, 42);
        TwoLayerNet b = TwoLayerNet.init(4, 10, 3, 0.01, 42);
        EjmlUnitTests.assertEquals(a.params().w1(), b.params().w1(), 0.0);
        EjmlUnitTests.assertEquals(a.params().w2(), b.params().w2(), 0.0);
        assertEquals(List.of("(4, 10)", "(1, 10)", "(10, 3)", "(1, 3)"),
                a.parameters().stream().map(Matrices::shape).toList());
    }

    @Test
    void evaluateListsTheGradientsInParameterOrder() {
        Random random = new Random(4);
        DMatrixRMaj x = TestData.randn(random, 3, 4);
        int[] y = {0, 2, 1};
        TwoLayerNet net = TwoLayerNet.init(4, 5, 3, 0.5, 8);
        Model.Evaluation e = net.evaluate(x, y, L2.NONE);
        assertEquals(net.lossAndGradients(x, y, L2.NONE).gradients().asList().get(2).data[0],
                e.gradients().get(2).data[0]);
        assertEquals(List.of("(4, 5)", "(1, 5)", "(5, 3)", "(1, 3)"),
                e.gradients().stream().map(Matrices::shape).toList());
    }

    @Property(tries = 10, seed = "20261204")
    void evaluatePredictsAsTheSeparateForwardPass(@ForAll long seed) {
        Random random = new Random(seed);
        // past one block of rows, so several blocks write their predictions
        DMatrixRMaj x = TestData.randn(random, 70, 4);
        TwoLayerNet net = TwoLayerNet.init(4, 9, 5, 1.0, seed);
        int[] predicted = net.evaluate(x, TestData.labels(random, 70, 5), L2.NONE).predicted();
        assertArrayEquals(Matrices.argmaxRows(net.scores(x)), predicted);
    }

    @Test
    void predictUsesTheForwardPass() {
        // W1 = I, b1 = 0, W2 = I, b2 = 0: S = relu(X), so the class is the largest positive input
        TwoLayerNet net = new TwoLayerNet(new TwoLayerNet.Params(Matrices.of(new double[][] {{1, 0}, {0, 1}}),
                new DMatrixRMaj(1, 2), Matrices.of(new double[][] {{1, 0}, {0, 1}}), new DMatrixRMaj(1, 2)));
        assertArrayEquals(new int[] {1, 0}, net.predict(Matrices.of(new double[][] {{-5, 1}, {3, 2}})));
    }

    @Test
    void rejectsParamsWhoseLayersDoNotConnect() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TwoLayerNet.Params(new DMatrixRMaj(4, 6),
                new DMatrixRMaj(1, 6), new DMatrixRMaj(5, 3), new DMatrixRMaj(1, 3)));
        assertEquals("W2 has shape (5, 3); expected 6 rows to match W1: (4, 6)", e.getMessage());
    }

    @Test
    void rejectsInputsOfTheWrongWidth() {
        TwoLayerNet net = TwoLayerNet.init(4, 5, 3, 0.1, 1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> net.loss(new DMatrixRMaj(2, 3), new int[] {0, 1}, L2.NONE));
        assertEquals("W1 has shape (4, 5); expected 3 rows to match X: (2, 3)", e.getMessage());
    }
}
