package softmaxlab.math;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;

/**
 * Argument checks shared by the whole library. Each failure is an {@link IllegalArgumentException} whose message
 * names the argument, what it was (shape or value), and what was expected, e.g.
 * {@code "W has shape (3, 4); expected (3, 5) to match X: (2, 3)"}. Every check of a matrix first checks that it is
 * a well-formed EJML matrix ({@link #matrix}).
 */
public final class Require {

    /**
     * Largest number of entries of a matrix, data set or image the library creates: 2^22 (4,194,304 doubles, 32 MiB;
     * filled in well under a second). Sizes are multiplied in {@code long}, so a product that overflows {@code int} is
     * refused too.
     */
    public static final int MAX_ENTRIES = 1 << 22;

    /** Most entries of one matrix: a {@link org.ejml.data.DMatrixRMaj} keeps them in one Java array. */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * How far a row of probabilities may sum from 1: rounding in a softmax output ({@code ~C eps}) or in a soft
     * target written with decimals.
     */
    public static final double PROBABILITY_SUM_TOLERANCE = 1e-9;

    /**
     * Largest scale of random draws {@code scale * N(0, 1)}: {@code Random.nextGaussian()} never exceeds 64 in
     * magnitude (about 38 at most), so the draws stay below {@code Double.MAX_VALUE}.
     */
    public static final double MAX_SCALE = Double.MAX_VALUE / 64;

    private Require() {
    }

    /**
     * Requires a well-formed matrix: not null, {@code numRows, numCols >= 0}, and a data array holding at least
     * {@code numRows * numCols} entries (EJML's fields are public, so a matrix can be built inconsistent). Not modified.
     */
    public static DMatrixRMaj matrix(String name, DMatrixRMaj m) {
        notNull(name, m);
        if (m.numRows < 0 || m.numCols < 0 || m.data == null || m.data.length < (long) m.numRows * m.numCols) {
            throw new IllegalArgumentException(name + " is a malformed DMatrixRMaj: numRows = " + m.numRows
                    + ", numCols = " + m.numCols + ", data " + (m.data == null ? "null" : "of length " + m.data.length)
                    + "; expected numRows, numCols >= 0 and data of length >= numRows * numCols");
        }
        return m;
    }

    /**
     * Requires the product of positive sizes to be at most {@link #MAX_ENTRIES}; returns it. {@code what} names the
     * product as the caller wrote it, e.g. {@code "perClass * classes * dims"}.
     */
    public static int entries(String what, int... sizes) {
        return entries(what, MAX_ENTRIES, "Require.MAX_ENTRIES", sizes);
    }

    /**
     * Requires the product of positive sizes to fit one Java array ({@link #MAX_ARRAY}); returns it. For matrices a
     * caller asks for explicitly, such as benchmark inputs; {@code what} names the product as the caller wrote it.
     */
    public static int arrayEntries(String what, int... sizes) {
        return entries(what, MAX_ARRAY, "Require.MAX_ARRAY, one Java array", sizes);
    }

    private static int entries(String what, int max, String limit, int... sizes) {
        notNull("sizes", sizes);
        long product = 1;
        for (int size : sizes) {
            positive(what, size);
            // product <= 2^31 and size < 2^31: no long overflow
            product *= size;
            if (product > max) {
                throw new IllegalArgumentException(what + " = " + String.join(" * ", Arrays.stream(sizes)
                        .mapToObj(Integer::toString).toList()) + " entries; expected at most " + max
                        + " (" + limit + ")");
            }
        }
        return (int) product;
    }

    /** Requires non-blank text. Returns it. */
    public static String text(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + " is " + (text == null ? "null" : "blank (\"" + text + "\")")
                    + "; expected text");
        }
        return text;
    }

    /** Requires one ASCII letter, e.g. the index {@code i} of {@code \sum_i}. Returns it. */
    public static String letter(String name, String text) {
        if (text == null || !text.matches("[A-Za-z]")) {
            throw new IllegalArgumentException(name + " = " + (text == null ? "null" : "\"" + text + "\"")
                    + "; expected one letter, e.g. \"i\"");
        }
        return text;
    }

    /** Requires a list without null elements; returns an unmodifiable copy. Not modified. */
    public static <T> List<T> noNulls(String name, List<T> list) {
        notNull(name, list);
        for (int i = 0; i < list.size(); i++) {
            notNull(name + "[" + i + "]", list.get(i));
        }
        return List.copyOf(list);
    }

    /**
     * Requires named values, e.g. labelled series: a non-empty map whose names are non-blank text and whose values
     * are not null. Returns it. Not modified.
     */
    public static <V> Map<String, V> named(String name, Map<String, V> map) {
        notNull(name, map);
        if (map.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty; expected at least one named value");
        }
        map.forEach((key, value) -> {
            text("a name in " + name, key);
            notNull(name + " '" + key + "'", value);
        });
        return map;
    }

    /** Requires an array without null elements. Not modified. */
    public static <T> T[] noNulls(String name, T[] array) {
        notNull(name, array);
        for (int i = 0; i < array.length; i++) {
            notNull(name + "[" + i + "]", array[i]);
        }
        return array;
    }

    /** Requires a non-null array of finite values. Not modified. */
    public static double[] finite(String name, double[] v) {
        notNull(name, v);
        for (int i = 0; i < v.length; i++) {
            finite(name + "[" + i + "]", v[i]);
        }
        return v;
    }

    /** Requires a non-empty array of finite values. Not modified. */
    public static double[] nonEmpty(String name, double[] v) {
        if (finite(name, v).length == 0) {
            throw new IllegalArgumentException(name + " has length 0; expected at least one value");
        }
        return v;
    }

    /**
     * Requires every row of {@code m} to be a probability distribution: entries in {@code [0, 1]} summing to 1
     * within {@link #PROBABILITY_SUM_TOLERANCE}; {@code what} says what the rows are, e.g. "softmax outputs".
     * Not modified.
     */
    public static DMatrixRMaj distributions(String name, DMatrixRMaj m, String what) {
        finite(name, m);
        for (int i = 0; i < m.numRows; i++) {
            double rowSum = 0;
            for (int k = 0; k < m.numCols; k++) {
                double v = m.unsafe_get(i, k);
                if (v < 0 || v > 1) {
                    throw new IllegalArgumentException(name + "[" + i + ", " + k + "] = " + v
                            + "; expected a probability in [0, 1] (" + what + ")");
                }
                rowSum += v;
            }
            if (Math.abs(rowSum - 1.0) > PROBABILITY_SUM_TOLERANCE) {
                throw new IllegalArgumentException(name + " row " + i + " sums to " + rowSum
                        + "; expected rows that sum to 1 (" + what + ")");
            }
        }
        return m;
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
        matrix(name, m);
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

    /**
     * Requires every entry of a result computed from finite inputs to be finite: where it is not, the computation
     * overflowed. {@code what} is the formula ("S = XW"), {@code inputs} its operands with their shapes. Not modified.
     */
    public static DMatrixRMaj noOverflow(String what, DMatrixRMaj result, String inputs) {
        for (int i = 0; i < result.numRows; i++) {
            for (int j = 0; j < result.numCols; j++) {
                double v = result.unsafe_get(i, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(what + " overflows at [" + i + ", " + j + "] (" + v + ") with "
                            + inputs + "; expected finite values: scale the inputs down");
                }
            }
        }
        return result;
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
        matrix(name, m);
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(name + " has shape " + Matrices.shape(m) + "; expected ("
                    + rows + ", " + cols + ")" + (why.isEmpty() ? "" : " " + why));
        }
        return m;
    }

    /** Requires {@code m} to have {@code rows} rows; {@code why} is appended to the message. Not modified. */
    public static DMatrixRMaj rows(String name, DMatrixRMaj m, int rows, String why) {
        return count(name, m, matrix(name, m).numRows, rows, "rows", why);
    }

    /** Requires {@code m} to have {@code cols} columns; {@code why} is appended to the message. Not modified. */
    public static DMatrixRMaj cols(String name, DMatrixRMaj m, int cols, String why) {
        return count(name, m, matrix(name, m).numCols, cols, "columns", why);
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
        matrix(name, m);
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
        return labels(name, y, n, "", classes, "");
    }

    /**
     * Requires one label per row of {@code rows} ({@code y.length == N}) and every label one of the
     * {@code C = classes.numCols} classes of {@code classes}, in {@code [0, C)}; the messages name both matrices as
     * the caller wrote them, e.g. {@code "y has length 3; expected 2 labels, one per row of X: (2, 4)"}. Not modified.
     */
    public static int[] labels(String name, int[] y, String rowsName, DMatrixRMaj rows, String classesName,
            DMatrixRMaj classes) {
        return labels(name, y, rows.numRows, " of " + rowsName + ": " + Matrices.shape(rows), classes.numCols,
                ", the classes of " + classesName + ": " + Matrices.shape(classes));
    }

    private static int[] labels(String name, int[] y, int n, String rowsOf, int classes, String classesOf) {
        notNull(name, y);
        if (y.length != n) {
            throw new IllegalArgumentException(name + " has length " + y.length + "; expected " + n
                    + " labels, one per row" + rowsOf);
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + y[i]
                        + " is out of range; expected a label in [0, " + classes + ")" + classesOf);
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

    /** Requires {@code |scale| <= MAX_SCALE}, so that {@code scale * N(0, 1)} is finite. */
    public static double scale(String name, double scale) {
        if (!(Math.abs(scale) <= MAX_SCALE)) {
            throw new IllegalArgumentException(name + " = " + scale + "; expected a magnitude at most " + MAX_SCALE
                    + " so that " + name + " * N(0, 1) stays finite");
        }
        return scale;
    }

    /** Requires a finite {@code v >= 0}. */
    public static double nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + "; expected a finite number >= 0");
        }
        return v;
    }
}
