package softmaxlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import softmaxlab.math.Matrices;

class DatasetTest {

    /** Ten samples whose single feature is their index, so a sample can be traced through a split. */
    private final Dataset indexed = new Dataset(Matrices.column(IntStream.range(0, 10).asDoubleStream().toArray()),
            new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0}, 3);

    @Test
    void splitIsSeededDisjointAndComplete() {
        Dataset.Split a = indexed.split(0.7, 5);
        Dataset.Split b = indexed.split(0.7, 5);
        assertEquals(7, a.train().size());
        assertEquals(3, a.test().size());
        assertArrayEquals(a.train().x().data, b.train().x().data, 0.0);
        double[] all = new double[10];
        System.arraycopy(a.train().x().data, 0, all, 0, 7);
        System.arraycopy(a.test().x().data, 0, all, 7, 3);
        Arrays.sort(all);
        assertArrayEquals(IntStream.range(0, 10).asDoubleStream().toArray(), all, 0.0);
        for (int i = 0; i < 7; i++) {
            // each sample keeps its label: label = index mod 3
            assertEquals((int) a.train().x().get(i, 0) % 3, a.train().y()[i]);
        }
    }

    @Test
    void classCounts() {
        assertArrayEquals(new int[] {4, 3, 3}, indexed.classCounts());
    }

    @Test
    void rejectsALabelOutOfRange() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(new DMatrixRMaj(2, 3), new int[] {0, 3}, 3));
        assertEquals("y[1] = 3 is out of range; expected a label in [0, 3)", e.getMessage());
    }

    @Test
    void rejectsLabelsOfAnotherLength() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(new DMatrixRMaj(2, 3), new int[] {0}, 3));
        assertEquals("y has length 1; expected 2 labels, one per row", e.getMessage());
    }

    @Test
    void rejectsNaNInputs() {
        DMatrixRMaj x = new DMatrixRMaj(2, 2);
        x.set(0, 1, Double.NaN);
        var e = assertThrows(IllegalArgumentException.class, () -> new Dataset(x, new int[] {0, 1}, 2));
        assertEquals("x[0, 1] = NaN in x: (2, 2); expected finite values", e.getMessage());
    }

    @Test
    void rejectsAnEmptyDataset() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Dataset(new DMatrixRMaj(0, 2), new int[0], 2));
        assertEquals("x has shape (0, 2); expected at least one row and one column (an empty batch has no mean loss)",
                e.getMessage());
    }

    @Test
    void rejectsASplitThatLeavesAnEmptyPart() {
        var e = assertThrows(IllegalArgumentException.class, () -> indexed.split(0.01, 1));
        assertEquals("fraction = 0.01 of 10 samples leaves 0 for training; expected both parts to be non-empty",
                e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> indexed.split(1.0, 1));
        assertEquals("fraction = 1.0; expected a number in (0, 1)", f.getMessage());
    }

    @Test
    void rejectsARowIndexOutOfRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> indexed.rows(new int[] {3, 10}));
        assertEquals("rows[1] = 10 is out of range; expected a row index in [0, 10)", e.getMessage());
    }
}
