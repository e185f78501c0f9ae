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
        // R = lambda/(2 divisor) sum w^2
        double sumSq = 0;
        for (int k = 0; k < w.getNumElements(); k++) {
            sumSq += w.data[k] * w.data[k];
        }
        return lambda / (2.0 * divisor) * sumSq;
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
        return dW;
    }
}
