package softmaxlab.math;

import org.ejml.data.DMatrixRMaj;

/**
 * Argument checks shared by the whole library. Each failure is an {@link IllegalArgumentException} whose message
 * names the argument, what it was (shape or value), and what was expected, e.g.
 * {@code "W has shape (3, 4); expected (3, 5) to match X: (2, 3)"}.
 */
public final class Require {

    private Require() {
    }

    /** Requires {@code value != null}. Returns it. */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null; expected a value");
        }
        return value;
    }

    /** Requires every entry of {@code m} to be finite (no NaN, no +-Infinity). Not modified. */
    public static DMatrixRMaj finite(String name, DMatrixRMaj m) {
        notNull(name, m);
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                double v = m.unsafe_get(i, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(name + "[" + i + ", " + j + "] = " + v
                            + " in " + name + ": " + Matrices.shape(m) + "; expected finite values");
                }
            }
        }
        return m;
    }

    /** Requires {@code v} to be finite. */
    public static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + "; expected a finite number");
        }
        return v;
    }

    /** Requires {@code m: (rows, cols)}. Not modified. */
    public static DMatrixRMaj shape(String name, DMatrixRMaj m, int rows, int cols) {
        return shape(name, m, rows, cols, "");
    }

    /**
     * Requires {@code m: (rows, cols)}; {@code why} is appended to the message, e.g. {@code "to match X: (2, 3)"}.
     * Not modified.
     */
    public static DMatrixRMaj shape(String name, DMatrixRMaj m, int rows, int cols, String why) {
        notNull(name, m);
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(name + " has shape " + Matrices.shape(m) + "; expected ("
                    + rows + ", " + cols + ")" + (why.isEmpty() ? "" : " " + why));
        }
        return m;
    }

    /** Requires {@code m} to have {@code rows} rows; {@code why} is appended to the message. Not modified. */
    public static DMatrixRMaj rows(String name, DMatrixRMaj m, int rows, String why) {
        return count(name, m, notNull(name, m).numRows, rows, "rows", why);
    }

    /** Requires {@code m} to have {@code cols} columns; {@code why} is appended to the message. Not modified. */
    public static DMatrixRMaj cols(String name, DMatrixRMaj m, int cols, String why) {
        return count(name, m, notNull(name, m).numCols, cols, "columns", why);
    }

    private static DMatrixRMaj count(String name, DMatrixRMaj m, int actual, int expected, String what, String why) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has shape " + Matrices.shape(m) + "; expected " + expected
                    + " " + what + " " + why);
        }
        return m;
    }

    /** Requires {@code m} to have at least one row and one column. Not modified. */
    public static DMatrixRMaj nonEmpty(String name, DMatrixRMaj m) {
        notNull(name, m);
        if (m.numRows == 0 || m.numCols == 0) {
            throw new IllegalArgumentException(name + " has shape " + Matrices.shape(m)
                    + "; expected at least one row and one column (an empty batch has no mean loss)");
        }
        return m;
    }

    /** Requires a non-empty label array. Not modified. */
    public static int[] nonEmpty(String name, int[] y) {
        notNull(name, y);
        if (y.length == 0) {
            throw new IllegalArgumentException(name + " has length 0; expected at least one label");
        }
        return y;
    }

    /** Requires a finite {@code m: (N, C)} with N >= 1, C >= 1. Not modified. */
    public static DMatrixRMaj batch(String name, DMatrixRMaj m) {
        return finite(name, nonEmpty(name, m));
    }

    /** Requires {@code y.length == n} and every label in {@code [0, classes)}. Not modified. */
    public static int[] labels(String name, int[] y, int n, int classes) {
        notNull(name, y);
        if (y.length != n) {
            throw new IllegalArgumentException(name + " has length " + y.length + "; expected " + n
                    + " labels, one per row");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + y[i]
                        + " is out of range; expected a label in [0, " + classes + ")");
            }
        }
        return y;
    }

    /** Requires a finite {@code v > 0}. */
    public static double positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + "; expected a positive finite number");
        }
        return v;
    }

    /** Requires {@code v > 0}. */
    public static int positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " = " + v + "; expected a positive integer");
        }
        return v;
    }

    /** Requires a finite {@code v >= 0}. */
    public static double nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + "; expected a finite number >= 0");
        }
        return v;
    }
}
