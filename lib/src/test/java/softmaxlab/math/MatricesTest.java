package softmaxlab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ejml.EjmlUnitTests;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class MatricesTest {

    @Test
    void constructorsAndShapes() {
        assertEquals("(2, 3)", Matrices.shape(Matrices.of(new double[][] {{1, 2, 3}, {4, 5, 6}})));
        assertEquals("(1, 2)", Matrices.shape(Matrices.row(1, 2)));
        assertEquals("(2, 1)", Matrices.shape(Matrices.column(1, 2)));
    }

    @Test
    void oneHotRows() {
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 1}, Matrices.oneHot(new int[] {1, 2}, 3).data, 0.0);
    }

    @Test
    void argmaxAndSelectRows() {
        DMatrixRMaj m = Matrices.of(new double[][] {{1, 5, 2}, {7, 0, 7}, {0, 0, 1}});
        assertArrayEquals(new int[] {1, 0, 2}, Matrices.argmaxRows(m));
        EjmlUnitTests.assertEquals(Matrices.of(new double[][] {{0, 0, 1}, {1, 5, 2}}),
                Matrices.selectRows(m, new int[] {2, 0}), 0.0);
    }

    @Test
    void gaussianRejectsSizesThatDoNotFitOneArray() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Matrices.gaussian(100_000, 100_000, 1.0, new Random(1)));
        assertEquals("rows * cols = 100000 * 100000 entries; expected at most 2147483639 (Require.MAX_ARRAY, one Java"
                + " array)", e.getMessage());
    }

    @Test
    void gaussianIsSeeded() {
        EjmlUnitTests.assertEquals(Matrices.gaussian(3, 2, 0.5, new Random(9)),
                Matrices.gaussian(3, 2, 0.5, new Random(9)), 0.0);
    }

    @Test
    void raggedRowsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Matrices.of(new double[][] {{1, 2}, {3}}));
        assertEquals("rows[1] has length 1; expected 2 to match rows[0]", e.getMessage());
    }

    @Test
    void oneHotRejectsALabelOutOfRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> Matrices.oneHot(new int[] {0, 3}, 3));
        assertEquals("y[1] = 3 is out of range; expected a label in [0, 3)", e.getMessage());
    }

    @Test
    void selectRowsRejectsAnIndexOutOfRange() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Matrices.selectRows(new DMatrixRMaj(2, 2), new int[] {2}));
        assertEquals("rows[0] = 2 is out of range; expected a row index in [0, 2)", e.getMessage());
    }

    @Test
    void argmaxRefusesNaNAndOrdersInfinities() {
        DMatrixRMaj m = Matrices.of(new double[][] {{1, 5, 2}, {7, Double.NaN, 0}});
        var e = assertThrows(IllegalArgumentException.class, () -> Matrices.argmaxRows(m));
        assertEquals("m[1, 1] = NaN in m: (2, 3); expected numbers: a row with a NaN has no largest entry",
                e.getMessage());
        // a NaN first in its row would otherwise win: nothing compares greater than it
        assertThrows(IllegalArgumentException.class, () -> Matrices.argmaxRows(Matrices.row(Double.NaN, 1)));
        assertArrayEquals(new int[] {1}, Matrices.argmaxRows(Matrices.row(Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY)));
    }
}
