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

class ReluTest {

    @Test
    void forwardAndBackwardOnKnownValues() {
        DMatrixRMaj z = Matrices.row(-2, 0, 3);
        assertArrayEquals(new double[] {0, 0, 3}, Relu.forward(z).data, 0.0);
        assertArrayEquals(new double[] {0, 0, 5}, Relu.backward(z, Matrices.row(7, 6, 5)).data, 0.0);
    }

    @Property(tries = 50, seed = "20261121")
    void backwardMatchesCentralDifferences(@ForAll long seed) {
        Random random = new Random(seed);
        // standard normal entries lie within STEP of the kink at 0 with probability ~1e-5 per entry
        DMatrixRMaj z = TestData.randn(random, 3, 4);
        DMatrixRMaj g = TestData.randn(random, 3, 4);
        ToDoubleFunction<DMatrixRMaj> loss = m -> TestData.weightedSum(g, Relu.forward(m));
        GradientCheck.dense("dZ", loss, z, Relu.backward(z, g)).requirePassed();
    }

    @Test
    void rejectsAnUpstreamGradientOfTheWrongShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Relu.backward(new DMatrixRMaj(2, 3), new DMatrixRMaj(3, 2)));
        assertEquals("dH has shape (3, 2); expected (2, 3) to match Z: (2, 3)", e.getMessage());
    }
}
