package softmaxlab.view;

import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleBase;

import softmaxlab.math.Require;

/**
 * LaTeX renderings for Jupyter's {@code text/latex} (MathJax): numbers and matrices as {@code bmatrix}, truncated with
 * {@code \cdots}, {@code \vdots}, {@code \ddots} when large.
 */
public final class Latex {

    /** Rows and columns of a matrix shown before eliding the middle: a weight matrix W: (64, 10) shows 8 of 64 rows. */
    public static final int MAX_ROWS = 8;
    public static final int MAX_COLS = 8;

    private Latex() {
    }

    /**
     * {@code x} with {@link Text#SIGNIFICANT_DIGITS} significant digits; scientific notation as
     * {@code 1.235 \times 10^{-7}}; NaN as {@code \mathrm{NaN}}; infinities as {@code \infty}.
     */
    public static String number(double x) {
        if (Double.isNaN(x)) {
            return "\\mathrm{NaN}";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "\\infty" : "-\\infty";
        }
        String plain = Text.number(x);
        int e = plain.indexOf('e');
        if (e < 0) {
            return plain;
        }
        int exponent = Integer.parseInt(plain.substring(e + 1));
        String mantissa = plain.substring(0, e);
        return (mantissa.equals("1") ? "" : mantissa.equals("-1") ? "-" : mantissa + " \\times ") + "10^{" + exponent + "}";
    }

    /** {@code m} as a {@code bmatrix} with at most {@link #MAX_ROWS} x {@link #MAX_COLS} entries. m: (N, C). Not modified. */
    public static String matrix(DMatrixRMaj m) {
        return matrix(m, MAX_ROWS, MAX_COLS);
    }

    /** The matrix inside a {@link SimpleBase} (e.g. {@code SimpleMatrix}), as {@link #matrix(DMatrixRMaj)}. Not modified. */
    public static String matrix(SimpleBase<?> m) {
        return matrix(Require.notNull("m", m).getDDRM());
    }

    /**
     * {@code m} as {@code \begin{bmatrix} ... \end{bmatrix}}, at most {@code maxRows} rows and {@code maxCols} columns
     * (each at least 3): the first ones, an elision, the last one; a truncated matrix carries its shape as a subscript
     * {@code _{64 \times 10}}. m: (N, C). Not modified.
     */
    public static String matrix(DMatrixRMaj m, int maxRows, int maxCols) {
        requireMatrix(m, maxRows, maxCols);
        int[] rows = shownIndices(m.numRows, maxRows);
        int[] cols = shownIndices(m.numCols, maxCols);
        StringBuilder out = new StringBuilder("\\begin{bmatrix}");
        for (int i = 0; i < rows.length; i++) {
            out.append(i == 0 ? " " : " \\\\ ");
            for (int j = 0; j < cols.length; j++) {
                if (j > 0) {
                    out.append(" & ");
                }
                if (rows[i] < 0 && cols[j] < 0) {
                    out.append("\\ddots");
                } else if (rows[i] < 0) {
                    out.append("\\vdots");
                } else if (cols[j] < 0) {
                    out.append("\\cdots");
                } else {
                    out.append(number(m.get(rows[i], cols[j])));
                }
            }
        }
        out.append(" \\end{bmatrix}");
        if (rows.length < m.numRows || cols.length < m.numCols) {
            out.append("_{").append(m.numRows).append(" \\times ").append(m.numCols).append("}");
        }
        return out.toString();
    }

    /** {@code latex} as display math for {@code text/latex}: {@code $$ latex $$}. */
    public static String display(String latex) {
        return "$$ " + Require.notNull("latex", latex) + " $$";
    }

    /**
     * Indices of the rows (or columns) shown out of {@code n} with at most {@code max} shown: all when they fit, else
     * the first {@code max - 2}, {@code -1} for the elision, and the last.
     */
    static int[] shownIndices(int n, int max) {
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] shown = new int[max];
        for (int i = 0; i < max - 2; i++) {
            shown[i] = i;
        }
        shown[max - 2] = -1;
        shown[max - 1] = n - 1;
        return shown;
    }

    static void requireMatrix(DMatrixRMaj m, int maxRows, int maxCols) {
        Require.matrix("m", m);
        if (maxRows < 3 || maxCols < 3) {
            throw new IllegalArgumentException("maxRows = " + maxRows + ", maxCols = " + maxCols
                    + "; expected at least 3 each (first rows, an elision, the last row)");
        }
    }
}
