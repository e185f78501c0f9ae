package softmaxlab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.ejml.data.DMatrixRMaj;
import softmaxlab.check.GradientCheck;
import org.junit.jupiter.api.Test;

class LinearTest {

    static final double ROUNDING = 1e-12;

    @Test
    void forwardAddsTheBiasToEveryRow() {
        DMatrixRMaj x = Matrices.of(new double[][] {{1, 2}, {3, 4}});
        DMatrixRMaj w = Matrices.of(new double[][] {{1, 0, 1}, {0, 1, 1}});
        DMatrixRMaj s = Linear.forward(x, w, Matrices.row(10, 20, 30));
        assertArrayEquals(new double[] {11, 22, 33, 13, 24, 37}, s.data, ROUNDING);
    }

    @Property(tries = 50, seed = "20261121")
    void backwardMatchesCentralDifferences(@ForAll long seed) {
        Random random = new Random(seed);
        DMatrixRMaj x = TestData.randn(random, 4, 3);
        DMatrixRMaj w = TestData.randn(random, 3, 5);
        DMatrixRMaj b = TestData.randn(random, 1, 5);
        // L = sum(G .* S) has dL/dS = G: any upstream gradient
        DMatrixRMaj g = TestData.randn(random, 4, 5);
        ToDoubleFunction<DMatrixRMaj> loss = ignored -> TestData.weightedSum(g, Linear.forward(x, w, b));
        Linear.Gradients grads = Linear.backward(x, w, g);
        GradientCheck.dense("dW", loss, w, grads.dW()).requirePassed();
        GradientCheck.dense("db", loss, b, grads.db()).requirePassed();
        GradientCheck.dense("dX", loss, x, grads.dX()).requirePassed();
    }

    @Test
    void rejectsWeightsThatDoNotMatchTheInputs() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Linear.forward(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 5), new DMatrixRMaj(1, 5)));
        assertEquals("W has shape (4, 5); expected 3 rows to match X: (2, 3)", e.getMessage());
    }

    @Test
    void rejectsABiasThatDoesNotMatchTheWeights() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Linear.forward(new DMatrixRMaj(2, 3), new DMatrixRMaj(3, 5), new DMatrixRMaj(1, 4)));
        assertEquals("b has shape (1, 4); expected (1, 5) to match W: (3, 5)", e.getMessage());
    }

    @Test
    void rejectsAnUpstreamGradientOfTheWrongShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Linear.backward(new DMatrixRMaj(2, 3), new DMatrixRMaj(3, 5), new DMatrixRMaj(2, 4)));
        assertEquals("dS has shape (2, 4); expected (2, 5) to match X: (2, 3) and W: (3, 5)", e.getMessage());
    }

    @Test
    void backwardRejectsWeightsThatDoNotMatchTheInputs() {
        // dW = X^T dS would be (3, 5) for a W of (4, 5)
        var e = assertThrows(IllegalArgumentException.class,
                () -> Linear.backward(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 5), new DMatrixRMaj(2, 5)));
        assertEquals("W has shape (4, 5); expected 3 rows to match X: (2, 3)", e.getMessage());
    }
}
