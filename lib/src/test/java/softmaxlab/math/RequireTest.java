package softmaxlab.math;

import java.util.Map;
import java.util.HashMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RequireTest {

    @Test
    void shapeNamesTheArgumentItsShapeAndTheExpectation() {
        assertMessage("W has shape (3, 4); expected (3, 5) to match X: (2, 3)",
                () -> Require.shape("W", new DMatrixRMaj(3, 4), 3, 5, "to match X: (2, 3)"));
        assertMessage("b has shape (2, 4); expected (1, 4)", () -> Require.shape("b", new DMatrixRMaj(2, 4), 1, 4));
    }

    @Test
    void labelsOutOfRange() {
        assertMessage("y[4] = 7 is out of range; expected a label in [0, 5)",
                () -> Require.labels("y", new int[] {0, 1, 2, 3, 7}, 5, 5));
    }

    @Test
    void nullArgument() {
        assertMessage("X is null; expected a value", () -> Require.finite("X", (DMatrixRMaj) null));
    }

    @Test
    void notANumber() {
        DMatrixRMaj m = new DMatrixRMaj(2, 2);
        m.set(1, 0, Double.NaN);
        assertMessage("X[1, 0] = NaN in X: (2, 2); expected finite values", () -> Require.finite("X", m));
        assertMessage("h = NaN; expected a finite number", () -> Require.finite("h", Double.NaN));
    }

    @Test
    void nonPositiveSizesAndRates() {
        assertMessage("learningRate = -0.1; expected a positive finite number",
                () -> Require.positive("learningRate", -0.1));
        assertMessage("h = 0.0; expected a positive finite number", () -> Require.positive("h", 0.0));
        assertMessage("batchSize = 0; expected a positive integer", () -> Require.positive("batchSize", 0));
    }

    @Test
    void emptyBatches() {
        assertMessage("X has shape (0, 3); expected at least one row and one column (an empty batch has no mean loss)",
                () -> Require.nonEmpty("X", new DMatrixRMaj(0, 3)));
        assertMessage("y has length 0; expected at least one label", () -> Require.nonEmpty("y", new int[0]));
    }

    @Test
    void passingChecksReturnTheArgument() {
        DMatrixRMaj m = new DMatrixRMaj(2, 3);
        assertSame(m, Require.batch("m", Require.shape("m", m, 2, 3)));
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void malformedMatrix() {
        DMatrixRMaj m = new DMatrixRMaj(2, 3);
        m.data = new double[5];
        assertMessage("X is a malformed DMatrixRMaj: numRows = 2, numCols = 3, data of length 5; expected numRows, "
                + "numCols >= 0 and data of length >= numRows * numCols", () -> Require.batch("X", m));
    }

    @Test
    void sizesWhoseProductOverflowsInt() {
        assertMessage("perClass * classes * 2 = 65536 * 65536 * 2 entries; expected at most 4194304 "
                + "(Require.MAX_ENTRIES)", () -> Require.entries("perClass * classes * 2", 65536, 65536, 2));
        assertEquals(12, Require.entries("rows * cols", 3, 4));
    }

    @Test
    void distributions() {
        assertMessage("a[0, 1] = 1.5; expected a probability in [0, 1] (softmax outputs)",
                () -> Require.distributions("a", Matrices.row(0.5, 1.5), "softmax outputs"));
        assertMessage("a row 0 sums to 0.5; expected rows that sum to 1 (softmax outputs)",
                () -> Require.distributions("a", Matrices.row(0.25, 0.25), "softmax outputs"));
    }

    @Test
    void namedValues() {
        Map<String, double[]> unnamed = new HashMap<>();
        unnamed.put(null, new double[]{1});
        assertMessage("a name in series is null; expected text", () -> Require.named("series", unnamed));
        assertMessage("series is empty; expected at least one named value", () -> Require.named("series", Map.of()));
    }
}
