package softmaxlab.math;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * L2 weight penalty {@code R(W) = lambda / (2 divisor) sum w^2} with gradient {@code dR/dW = (lambda / divisor) W}.
 * The documents use two conventions, both are this record: {@link #halfNorm} ({@code (lambda/2)||W||^2},
 * divisor 1, as cs231n writes {@code 0.5 * reg * sum(W * W)}) and {@link #perSample} ({@code lambda/(2n) sum w^2},
 * divisor {@code n} = training-set size, document 004's regularised cost).
 *
 * @param lambda  regularisation strength, {@code >= 0}
 * @param divisor {@code > 0}
 */
public record L2(double lambda, double divisor) {

    /** No penalty: {@code lambda = 0}. */
    public static final L2 NONE = new L2(0.0, 1.0);

    public L2 {
        Require.nonNegative("lambda", lambda);
        Require.positive("divisor", divisor);
        if (!Double.isFinite(lambda / divisor)) {
            throw new IllegalArgumentException("lambda / divisor = " + lambda + " / " + divisor
                    + " overflows; expected a finite strength per divisor");
        }
    }

    /** {@code R(W) = (lambda/2) ||W||^2}. */
    public static L2 halfNorm(double lambda) {
        return new L2(lambda, 1.0);
    }

    /** {@code R(W) = lambda/(2n) sum w^2}, {@code n} the number of training samples. */
    public static L2 perSample(double lambda, int n) {
        return new L2(lambda, Require.positive("n", n));
    }

    /**
     * {@code R(W) = lambda / (2 divisor) sum w^2}.
     *
     * @param w weights, any shape, finite. Not modified.
     */
    public double penalty(DMatrixRMaj w) {
        Require.finite("W", w);
        if (lambda == 0) {
            // no penalty, even where sum w^2 overflows (0 * Infinity would be NaN)
            return 0;
        }
        // R = lambda/(2 divisor) sum w^2
        double sumSq = 0;
        for (int k = 0; k < w.getNumElements(); k++) {
            sumSq += w.data[k] * w.data[k];
        }
        double r = lambda / (2.0 * divisor) * sumSq;
        if (!Double.isFinite(sumSq)) {
            double maxAbs = CommonOps_DDRM.elementMaxAbs(w);
            // R = (lambda/(2 divisor) m) m sum (w/m)^2 with m = max |w|: finite whenever R is
            double scaled = 0;
            for (int k = 0; k < w.getNumElements(); k++) {
                scaled += (w.data[k] / maxAbs) * (w.data[k] / maxAbs);
            }
            r = lambda / (2.0 * divisor) * maxAbs * maxAbs * scaled;
        }
        if (!Double.isFinite(r)) {
            throw new IllegalArgumentException("the L2 penalty lambda/(2 divisor) sum w^2 of W: " + Matrices.shape(w)
                    + " overflows (max |w| = " + CommonOps_DDRM.elementMaxAbs(w) + ", lambda = " + lambda + ", divisor = "
                    + divisor + "); expected weights whose penalty is below " + Double.MAX_VALUE);
        }
        return r;
    }

    /**
     * {@code dR/dW = (lambda / divisor) W}, same shape as {@code W}.
     *
     * @param w weights, any shape, finite. Not modified.
     */
    public DMatrixRMaj gradient(DMatrixRMaj w) {
        Require.finite("W", w);
        DMatrixRMaj dW = new DMatrixRMaj(w.numRows, w.numCols);
        // dR/dW = (lambda/divisor) W
        CommonOps_DDRM.scale(lambda / divisor, w, dW);
        for (int k = 0; k < dW.getNumElements(); k++) {
            if (!Double.isFinite(dW.data[k])) {
                throw new IllegalArgumentException("dR/dW = (lambda/divisor) W overflows at W entry " + k + " = "
                        + w.data[k] + " (lambda / divisor = " + lambda / divisor + "); expected a finite gradient");
            }
        }
        return dW;
    }

    /**
     * {@code dW += dR/dW = (lambda / divisor) W}, without allocating and without a pass over {@code W} when
     * {@code lambda = 0} (training with {@link #NONE} pays nothing for it).
     *
     * @param dW gradient of the data loss, same shape as {@code W}. Modified.
     * @param w  weights, finite. Not modified.
     */
    public void addGradientInPlace(DMatrixRMaj dW, DMatrixRMaj w) {
        Require.shape("dW", dW, Require.matrix("W", w).numRows, w.numCols, "to match W: " + Matrices.shape(w));
        if (lambda != 0) {
            // one pass, no matrix allocated: dW_k += (lambda/divisor) w_k; where that is not finite, gradient(w)
            // throws the error that says why
            double scale = lambda / divisor;
            for (int k = 0; k < dW.getNumElements(); k++) {
                double g = scale * w.data[k];
                if (!Double.isFinite(g)) {
                    gradient(w);
                }
                dW.data[k] += g;
            }
        }
    }
}
