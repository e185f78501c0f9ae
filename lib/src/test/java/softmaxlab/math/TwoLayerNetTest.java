package softmaxlab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.ejml.EjmlUnitTests;
import org.ejml.data.DMatrixRMaj;
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
        assertEquals("W has shape (4, 5); expected 3 rows to match X: (2, 3)", e.getMessage());
    }
}
