package softmaxlab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ejml.EjmlUnitTests;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SoftmaxLayerTest {

    static final double ROUNDING = 1e-12;

    @Test
    void document004ExampleThroughTheLayer() {
        // scores whose softmax is exactly document 004's row: s = log a (the row sums to 1)
        double[] a = {0.1, 0.2, 0.25, 0.4, 0.05};
        double[] logA = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            logA[k] = Math.log(a[k]);
        }
        SoftmaxLayer layer = new SoftmaxLayer();
        DMatrixRMaj top = layer.forward(Matrices.of(new double[][] {logA, logA}));
        assertArrayEquals(new double[] {0.1, 0.2, 0.25, 0.4, 0.05}, java.util.Arrays.copyOf(top.data, 5), ROUNDING);
        DMatrixRMaj dscores = layer.backward(new int[] {2, 2});
        // document 004: f(x_i) - y_i = [0.1, 0.2, -0.75, 0.4, 0.05] / N with N = 2
        assertArrayEquals(new double[] {0.05, 0.1, -0.375, 0.2, 0.025}, java.util.Arrays.copyOf(dscores.data, 5),
                ROUNDING);
    }

    @Test
    void backwardEqualsTheFusedCrossEntropyGradient() {
        DMatrixRMaj s = TestData.randn(new Random(9), 6, 4);
        int[] y = TestData.labels(new Random(10), 6, 4);
        SoftmaxLayer layer = new SoftmaxLayer();
        layer.forward(s);
        EjmlUnitTests.assertEquals(CrossEntropy.gradient(s, y), layer.backward(y), ROUNDING);
    }

    @Test
    void backwardBeforeForwardIsAnError() {
        var e = assertThrows(IllegalStateException.class, () -> new SoftmaxLayer().backward(new int[] {0}));
        assertEquals("backward called before forward; expected forward(S) first", e.getMessage());
    }

    @Test
    void backwardRejectsLabelsOfAnotherBatchSize() {
        SoftmaxLayer layer = new SoftmaxLayer();
        layer.forward(new DMatrixRMaj(3, 4));
        var e = assertThrows(IllegalArgumentException.class, () -> layer.backward(new int[] {0, 1}));
        assertEquals("y has length 2; expected 3 labels, one per row of S: (3, 4)", e.getMessage());
    }
}
