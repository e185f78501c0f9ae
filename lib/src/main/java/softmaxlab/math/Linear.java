package softmaxlab.math;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Fully connected (affine) layer on a batch: {@code S = XW + b} with {@code X: (N, D)}, {@code W: (D, C)},
 * {@code b: (1, C)} added to every row, {@code S: (N, C)}. Given the upstream gradient {@code dS = dL/dS: (N, C)}:
 * {@code dW = X^T dS}, {@code db = sum_rows dS}, {@code dX = dS W^T}.
 */
public final class Linear {

    /** The three gradients of one linear layer: {@code dW: (D, C)}, {@code db: (1, C)}, {@code dX: (N, D)}. */
    public record Gradients(DMatrixRMaj dW, DMatrixRMaj db, DMatrixRMaj dX) {
    }

    private Linear() {
    }

    /**
     * {@code S = XW}, {@code (N, C)} (document 003's scores without a bias).
     *
     * @param x inputs {@code (N, D)}, finite. Not modified.
     * @param w weights {@code (D, C)}, finite. Not modified.
     */
    public static DMatrixRMaj forward(DMatrixRMaj x, DMatrixRMaj w) {
        Require.batch("X", x);
        Require.batch("W", w);
        Require.rows("W", w, x.numCols, "to match X: " + Matrices.shape(x));
        // S = X W
        return Require.noOverflow("S = XW", CommonOps_DDRM.mult(x, w, null), operands("X", x, "W", w));
    }

    /**
     * {@code S = XW + b}, {@code (N, C)}.
     *
     * @param x inputs {@code (N, D)}, finite. Not modified.
     * @param w weights {@code (D, C)}, finite. Not modified.
     * @param b bias {@code (1, C)}, finite. Not modified.
     */
    public static DMatrixRMaj forward(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj b) {
        DMatrixRMaj s = forward(x, w);
        Require.finite("b", Require.shape("b", b, 1, w.numCols, "to match W: " + Matrices.shape(w)));
        // S += 1 b (b added to every row)
        for (int i = 0; i < s.numRows; i++) {
            for (int j = 0; j < s.numCols; j++) {
                s.unsafe_set(i, j, s.unsafe_get(i, j) + b.data[j]);
            }
        }
        return Require.noOverflow("S = XW + b", s, operands("X", x, "W", w) + " and b: " + Matrices.shape(b));
    }

    /**
     * All three gradients: {@code dW = X^T dS}, {@code db = sum_rows dS}, {@code dX = dS W^T}.
     *
     * @param x  inputs {@code (N, D)}, finite. Not modified.
     * @param w  weights {@code (D, C)}, finite. Not modified.
     * @param dS upstream gradient {@code dL/dS: (N, C)}, finite. Not modified.
     */
    public static Gradients backward(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj dS) {
        Require.batch("X", x);
        // dW = X^T dS is (D, C): W must be too
        Require.batch("W", Require.rows("W", w, x.numCols, "to match X: " + Matrices.shape(x)));
        Require.shape("dS", dS, x.numRows, w.numCols,
                "to match X: " + Matrices.shape(x) + " and W: " + Matrices.shape(w));
        return new Gradients(weightGradient(x, dS), biasGradient(dS), inputGradient(dS, w));
    }

    /**
     * {@code dW = X^T dS}, {@code (D, C)}: the sum over samples of {@code x_i dS_i}.
     *
     * @param x  inputs {@code (N, D)}. Not modified.
     * @param dS upstream gradient {@code (N, C)}. Not modified.
     */
    public static DMatrixRMaj weightGradient(DMatrixRMaj x, DMatrixRMaj dS) {
        Require.batch("X", x);
        Require.finite("dS", Require.rows("dS", dS, x.numRows, "to match X: " + Matrices.shape(x)));
        // dW = X^T dS
        return Require.noOverflow("dW = X^T dS", CommonOps_DDRM.multTransA(x, dS, null), operands("X", x, "dS", dS));
    }

    /**
     * {@code db = sum_rows dS}, {@code (1, C)}: the bias is added to every row, so its gradient sums them.
     *
     * @param dS upstream gradient {@code (N, C)}. Not modified.
     */
    public static DMatrixRMaj biasGradient(DMatrixRMaj dS) {
        Require.batch("dS", dS);
        // db = sum_i dS_i
        return Require.noOverflow("db = sum_rows dS", CommonOps_DDRM.sumCols(dS, null), "dS: " + Matrices.shape(dS));
    }

    /**
     * {@code dX = dS W^T}, {@code (N, D)}: what flows back to the previous layer.
     *
     * @param dS upstream gradient {@code (N, C)}. Not modified.
     * @param w  weights {@code (D, C)}. Not modified.
     */
    public static DMatrixRMaj inputGradient(DMatrixRMaj dS, DMatrixRMaj w) {
        Require.batch("W", w);
        Require.finite("dS", Require.cols("dS", dS, w.numCols, "to match W: " + Matrices.shape(w)));
        // dX = dS W^T
        return Require.noOverflow("dX = dS W^T", CommonOps_DDRM.multTransB(dS, w, null), operands("dS", dS, "W", w));
    }

    /** "X: (N, D) and W: (D, C)", for messages. */
    private static String operands(String a, DMatrixRMaj ma, String b, DMatrixRMaj mb) {
        return a + ": " + Matrices.shape(ma) + " and " + b + ": " + Matrices.shape(mb);
    }
}
