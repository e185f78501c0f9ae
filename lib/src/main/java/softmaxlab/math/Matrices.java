package softmaxlab.math;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** Small constructors and row helpers for {@link DMatrixRMaj}. Rows are samples throughout the library. */
public final class Matrices {

    private Matrices() {
    }

    /** Matrix from rows; all rows must have the same length. Not modified (copied). */
    public static DMatrixRMaj of(double[][] rows) {
        Require.notNull("rows", rows);
        if (rows.length == 0) {
            throw new IllegalArgumentException("rows has length 0; expected at least one row");
        }
        int cols = Require.notNull("rows[0]", rows[0]).length;
        for (int i = 0; i < rows.length; i++) {
            if (Require.notNull("rows[" + i + "]", rows[i]).length != cols) {
                throw new IllegalArgumentException("rows[" + i + "] has length " + rows[i].length + "; expected "
                        + cols + " to match rows[0]");
            }
        }
        return new DMatrixRMaj(rows);
    }

    /** Row vector {@code (1, n)}. */
    public static DMatrixRMaj row(double... values) {
        Require.notNull("values", values);
        return new DMatrixRMaj(1, values.length, true, values);
    }

    /** Column vector {@code (n, 1)}. */
    public static DMatrixRMaj column(double... values) {
        Require.notNull("values", values);
        return new DMatrixRMaj(values.length, 1, true, values);
    }

    /** One-hot rows {@code Y: (N, C)} with {@code Y[i, y_i] = 1}. {@code y} not modified. */
    public static DMatrixRMaj oneHot(int[] y, int classes) {
        Require.positive("classes", classes);
        Require.labels("y", y, Require.notNull("y", y).length, classes);
        DMatrixRMaj t = new DMatrixRMaj(y.length, classes);
        for (int i = 0; i < y.length; i++) {
            t.unsafe_set(i, y[i], 1.0);
        }
        return t;
    }

    /** Shape as the messages and docs write it: {@code "(N, C)"}. */
    public static String shape(DMatrixRMaj m) {
        return m == null ? "null" : "(" + m.numRows + ", " + m.numCols + ")";
    }

    /**
     * Index of the largest entry of each row (first one on ties; infinities compare as usual): predicted classes.
     * A row with a NaN has no largest entry and is refused. Not modified.
     */
    public static int[] argmaxRows(DMatrixRMaj m) {
        Require.nonEmpty("m", m);
        int[] best = new int[m.numRows];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                if (Double.isNaN(m.unsafe_get(i, j))) {
                    throw new IllegalArgumentException("m[" + i + ", " + j + "] = NaN in m: " + shape(m)
                            + "; expected numbers: a row with a NaN has no largest entry");
                }
            }
            for (int j = 1; j < m.numCols; j++) {
                if (m.unsafe_get(i, j) > m.unsafe_get(i, best[i])) {
                    best[i] = j;
                }
            }
        }
        return best;
    }

    /** The rows {@code m[rows[0]], m[rows[1]], ...} as a new {@code (rows.length, cols)} matrix. Not modified. */
    public static DMatrixRMaj selectRows(DMatrixRMaj m, int[] rows) {
        Require.matrix("m", m);
        Require.notNull("rows", rows);
        DMatrixRMaj out = new DMatrixRMaj(rows.length, m.numCols);
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] < 0 || rows[k] >= m.numRows) {
                throw new IllegalArgumentException("rows[" + k + "] = " + rows[k]
                        + " is out of range; expected a row index in [0, " + m.numRows + ")");
            }
            System.arraycopy(m.data, rows[k] * m.numCols, out.data, k * m.numCols, m.numCols);
        }
        return out;
    }

    /**
     * {@code (rows, cols)} entries {@code scale * N(0, 1)} drawn from {@code random}, at most
     * {@link Require#MAX_ARRAY} (benchmarks draw inputs far larger than the library's own data sets).
     * Modifies {@code random}.
     */
    public static DMatrixRMaj gaussian(int rows, int cols, double scale, Random random) {
        Require.positive("rows", rows);
        Require.positive("cols", cols);
        Require.arrayEntries("rows * cols", rows, cols);
        Require.scale("scale", scale);
        Require.notNull("random", random);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.data.length; k++) {
            m.data[k] = scale * random.nextGaussian();
        }
        return m;
    }
}
