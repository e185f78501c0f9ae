package softmaxlab.math;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Softmax of each row of a score matrix {@code z: (N, C)}:
 * {@code a_j = e^{z_j} / sum_k e^{z_k}}, computed as {@code e^{z_j - z_max} / sum_k e^{z_k - z_max}}
 * (document 003: subtracting the row maximum keeps every exponent in {@code (-inf, 0]}).
 */
public final class Softmax {

    private Softmax() {
    }

    /**
     * {@code A: (N, C)}, {@code a_ij = e^{z_ij - max_k z_ik} / sum_k e^{z_ik - max_k z_ik}}; every row sums to 1.
     *
     * @param z scores {@code (N, C)}, finite. Not modified.
     */
    public static DMatrixRMaj rows(DMatrixRMaj z) {
        Require.batch("z", z);
        // z_ij - max_k z_ik <= 0, so e^{...} is in (0, 1]
        return normalizedExpInPlace(minusColumn(z, CommonOps_DDRM.maxRows(z, null)));
    }

    /**
     * Textbook softmax without the max shift, {@code a_ij = e^{z_ij} / sum_k e^{z_ik}}. Kept only to show why the
     * shift matters: {@code e^{1000}} overflows to Infinity and the row becomes NaN.
     *
     * @param z scores {@code (N, C)}, finite. Not modified.
     */
    public static DMatrixRMaj naiveRows(DMatrixRMaj z) {
        Require.batch("z", z);
        return normalizedExpInPlace(z.copy());
    }

    /**
     * Log-sum-exp of each row, {@code (N, 1)}: {@code lse_i = m_i + log sum_k e^{z_ik - m_i}} with
     * {@code m_i = max_k z_ik}; finite for any finite scores.
     *
     * @param z scores {@code (N, C)}, finite. Not modified.
     */
    public static DMatrixRMaj logSumExp(DMatrixRMaj z) {
        Require.batch("z", z);
        DMatrixRMaj max = CommonOps_DDRM.maxRows(z, null);
        DMatrixRMaj shifted = minusColumn(z, max);
        // sum_k e^{z_ik - m_i} is in [1, C]: its log is finite
        CommonOps_DDRM.elementExp(shifted, shifted);
        DMatrixRMaj lse = CommonOps_DDRM.sumRows(shifted, null);
        CommonOps_DDRM.elementLog(lse, lse);
        CommonOps_DDRM.addEquals(lse, max);
        return lse;
    }

    /**
     * {@code log A: (N, C)}, {@code log a_ij = z_ij - lse_i}; finite where {@code log(rows(z))} would give -Infinity.
     *
     * @param z scores {@code (N, C)}, finite, each row's range {@code max - min} below {@code Double.MAX_VALUE} (the
     *          smallest log-probability is about {@code -(max - min)}). Not modified.
     */
    public static DMatrixRMaj logRows(DMatrixRMaj z) {
        // log a_ij = z_ij - log sum_k e^{z_ik}
        DMatrixRMaj logA = minusColumn(z, logSumExp(z));
        for (int i = 0; i < logA.numRows; i++) {
            for (int j = 0; j < logA.numCols; j++) {
                if (!Double.isFinite(logA.unsafe_get(i, j))) {
                    throw rangeOverflow(z, i);
                }
            }
        }
        return logA;
    }

    /**
     * Jacobian of softmax at one sample, {@code J = da/dz = diag(a) - a a^T}, {@code (C, C)}:
     * {@code J_jj = a_j (1 - a_j)}, {@code J_jk = -a_j a_k} (document 003's two cases).
     *
     * @param a softmax output of one sample, a row {@code (1, C)} or column {@code (C, 1)}: entries in {@code [0, 1]}
     *          summing to 1. Not modified.
     */
    public static DMatrixRMaj jacobian(DMatrixRMaj a) {
        Require.nonEmpty("a", a);
        if (a.numRows != 1 && a.numCols != 1) {
            throw new IllegalArgumentException("a has shape " + Matrices.shape(a)
                    + "; expected one sample as a row (1, C) or a column (C, 1)");
        }
        Require.distributions("a", new DMatrixRMaj(1, a.getNumElements(), true, a.data),
                "the softmax output of one sample");
        DMatrixRMaj column = new DMatrixRMaj(a.getNumElements(), 1, true, a.data);
        DMatrixRMaj j = CommonOps_DDRM.diag(column.data);
        // J = diag(a) - a a^T
        CommonOps_DDRM.multAddTransB(-1.0, column, column, j);
        return j;
    }

    /**
     * The error for a row whose log-probabilities or loss overflow: {@code lse_i - z_ik} exceeds
     * {@code Double.MAX_VALUE} only when the row's range {@code max - min} does.
     */
    static IllegalArgumentException rangeOverflow(DMatrixRMaj z, int row) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < z.numCols; j++) {
            min = Math.min(min, z.unsafe_get(row, j));
            max = Math.max(max, z.unsafe_get(row, j));
        }
        return new IllegalArgumentException("z row " + row + " spans [" + min + ", " + max + "]: max - min overflows "
                + "a double, and so do its log-probabilities and loss; expected scores whose row range max - min is "
                + "below " + Double.MAX_VALUE);
    }

    /** Divides each row of {@code e^x} by its sum. Modifies and returns {@code x}. */
    private static DMatrixRMaj normalizedExpInPlace(DMatrixRMaj x) {
        CommonOps_DDRM.elementExp(x, x);
        CommonOps_DDRM.divideRows(CommonOps_DDRM.sumRows(x, null).data, x);
        return x;
    }

    /** {@code z_ij - c_i} for a column {@code c: (N, 1)}, as a new matrix. Not modified. */
    private static DMatrixRMaj minusColumn(DMatrixRMaj z, DMatrixRMaj c) {
        DMatrixRMaj out = new DMatrixRMaj(z.numRows, z.numCols);
        for (int i = 0; i < z.numRows; i++) {
            for (int j = 0; j < z.numCols; j++) {
                out.unsafe_set(i, j, z.unsafe_get(i, j) - c.data[i]);
            }
        }
        return out;
    }
}
