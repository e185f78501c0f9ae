package softmaxlab.math;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Softmax cross-entropy, computed from the scores {@code z: (N, C)} (never from rounded probabilities):
 * per sample {@code l_i = -log a_{i,y_i} = -z_{i,y_i} + log sum_k e^{z_ik}} (document 003), batch mean
 * {@code L = (1/N) sum_i l_i}. Targets are either labels {@code y: int[N]} in {@code [0, C)} or rows
 * {@code t: (N, C)} that are probability distributions (one-hot or soft), with {@code l_i = -sum_k t_ik log a_ik}.
 * We descend on {@code L}; its gradient is {@code dL/dz = (A - Y)/N}.
 */
public final class CrossEntropy {

    /** How far a target row's sum may be from 1 (rounding in a soft target written with decimals). */
    public static final double TARGET_SUM_TOLERANCE = Require.PROBABILITY_SUM_TOLERANCE;

    private CrossEntropy() {
    }

    /**
     * {@code l_i = lse_i - z_{i,y_i}}, one loss per row, finite for any finite scores.
     *
     * @param z scores {@code (N, C)}. Not modified.
     * @param y labels {@code int[N]} in {@code [0, C)}. Not modified.
     */
    public static double[] perSample(DMatrixRMaj z, int[] y) {
        Require.batch("z", z);
        Require.labels("y", y, "z", z, "z", z);
        DMatrixRMaj lse = Softmax.logSumExp(z);
        double[] loss = new double[z.numRows];
        for (int i = 0; i < loss.length; i++) {
            // l_i = -z_{i,y_i} + log sum_k e^{z_ik}
            loss[i] = lse.data[i] - z.unsafe_get(i, y[i]);
            if (loss[i] == Double.POSITIVE_INFINITY) {
                throw Softmax.rangeOverflow(z, i);
            }
        }
        return loss;
    }

    /**
     * {@code l_i = -sum_k t_ik log a_ik}, one loss per row.
     *
     * @param z scores {@code (N, C)}. Not modified.
     * @param t targets {@code (N, C)}, rows non-negative and summing to 1. Not modified.
     */
    public static double[] perSample(DMatrixRMaj z, DMatrixRMaj t) {
        Require.batch("z", z);
        targets(t, "z", z);
        DMatrixRMaj lse = Softmax.logSumExp(z);
        double[] loss = new double[z.numRows];
        for (int i = 0; i < loss.length; i++) {
            for (int k = 0; k < z.numCols; k++) {
                double tik = t.unsafe_get(i, k);
                // -t_ik log a_ik = t_ik (lse_i - z_ik), with log a from log-sum-exp so a_ik = 0 in floating point
                // cannot give -Infinity; a term with t_ik = 0 is 0 even where lse_i - z_ik overflows
                double minusLogA = lse.data[i] - z.unsafe_get(i, k);
                if (tik != 0) {
                    loss[i] += Double.isFinite(minusLogA) ? tik * minusLogA
                            : tik * lse.data[i] - tik * z.unsafe_get(i, k);
                }
            }
            if (!Double.isFinite(loss[i])) {
                throw Softmax.rangeOverflow(z, i);
            }
        }
        return loss;
    }

    /**
     * {@code sum_i l_i}; arguments as {@link #perSample(DMatrixRMaj, int[])}; throws when the sum overflows a double
     * ({@link #mean} does not). Not modified.
     */
    public static double sum(DMatrixRMaj z, int[] y) {
        return total(perSample(z, y));
    }

    /** {@code sum_i l_i}; arguments as {@link #perSample(DMatrixRMaj, DMatrixRMaj)}. Not modified. */
    public static double sum(DMatrixRMaj z, DMatrixRMaj t) {
        return total(perSample(z, t));
    }

    /** {@code L = (1/N) sum_i l_i}; arguments as {@link #perSample(DMatrixRMaj, int[])}. Not modified. */
    public static double mean(DMatrixRMaj z, int[] y) {
        return mean(perSample(z, y));
    }

    /** {@code L = (1/N) sum_i l_i}; arguments as {@link #perSample(DMatrixRMaj, DMatrixRMaj)}. Not modified. */
    public static double mean(DMatrixRMaj z, DMatrixRMaj t) {
        return mean(perSample(z, t));
    }

    /**
     * The documents' form from probabilities, {@code C = -sum_{i,k} t_ik log a_ik} (a sum over all entries; for
     * one row it is document 004's per-sample cost). Terms with {@code t_ik = 0} count 0, so a one-hot target
     * reduces it to {@code -log a_y}. A probability of 0 where {@code t_ik > 0} would make the cost
     * {@code +Infinity} and is refused, naming the entry: a softmax output rounds to 0 where a score is far below its
     * row's largest, and {@link #sum(DMatrixRMaj, DMatrixRMaj)} computes the same cost from those scores, finite.
     *
     * @param a probabilities {@code (N, C)}, entries in {@code [0, 1]}. Not modified.
     * @param t targets {@code (N, C)}, rows non-negative and summing to 1. Not modified.
     */
    public static double ofProbabilities(DMatrixRMaj a, DMatrixRMaj t) {
        Require.batch("a", a);
        targets(t, "a", a);
        double cost = 0;
        for (int i = 0; i < a.numRows; i++) {
            for (int k = 0; k < a.numCols; k++) {
                double aik = a.unsafe_get(i, k);
                if (aik < 0 || aik > 1) {
                    throw new IllegalArgumentException("a[" + i + ", " + k + "] = " + aik
                            + "; expected a probability in [0, 1]");
                }
                double tik = t.unsafe_get(i, k);
                if (tik != 0) {
                    if (aik == 0) {
                        throw new IllegalArgumentException("a[" + i + ", " + k + "] = 0.0 where t[" + i + ", " + k
                                + "] = " + tik + ", so -t log a = +Infinity; expected a > 0 wherever t > 0, or the "
                                + "scores z: CrossEntropy.sum(z, t) gives the same cost, finite");
                    }
                    // C -= t_ik log a_ik
                    cost -= tik * Math.log(aik);
                }
            }
        }
        return cost;
    }

    /**
     * Fused gradient of the batch mean, {@code dL/dz = (A - Y)/N} with {@code A = Softmax.rows(z)} and {@code Y}
     * the one-hot rows of {@code y}. Returns {@code (N, C)}.
     *
     * @param z scores {@code (N, C)}. Not modified.
     * @param y labels {@code int[N]} in {@code [0, C)}. Not modified.
     */
    public static DMatrixRMaj gradient(DMatrixRMaj z, int[] y) {
        Require.batch("z", z);
        Require.labels("y", y, "z", z, "z", z);
        return gradientFromSoftmax(Softmax.rows(z), y);
    }

    /**
     * Fused gradient of the batch mean, {@code dL/dz = (A - T)/N}. Returns {@code (N, C)}.
     *
     * @param z scores {@code (N, C)}. Not modified.
     * @param t targets {@code (N, C)}, rows non-negative and summing to 1. Not modified.
     */
    public static DMatrixRMaj gradient(DMatrixRMaj z, DMatrixRMaj t) {
        Require.batch("z", z);
        targets(t, "z", z);
        return gradientFromSoftmax(Softmax.rows(z), t);
    }

    /**
     * {@code dL/dz = (A - Y)/N} given the softmax output {@code A} (document 004:
     * {@code dscores[range(N), y] -= 1; dscores /= N}). Returns a new {@code (N, C)}.
     *
     * @param a softmax output {@code (N, C)}: rows of probabilities summing to 1. Not modified.
     * @param y labels {@code int[N]} in {@code [0, C)}. Not modified.
     */
    public static DMatrixRMaj gradientFromSoftmax(DMatrixRMaj a, int[] y) {
        Require.distributions("a", Require.nonEmpty("a", a), "softmax outputs");
        Require.labels("y", y, "a", a, "a", a);
        DMatrixRMaj dz = a.copy();
        for (int i = 0; i < y.length; i++) {
            // dz[i, y_i] -= 1
            dz.unsafe_set(i, y[i], dz.unsafe_get(i, y[i]) - 1.0);
        }
        // dz /= N
        CommonOps_DDRM.scale(1.0 / a.numRows, dz);
        return dz;
    }

    /**
     * {@code dL/dz = (A - T)/N} given the softmax output {@code A}. Returns a new {@code (N, C)}.
     *
     * @param a softmax output {@code (N, C)}: rows of probabilities summing to 1. Not modified.
     * @param t targets {@code (N, C)}, rows non-negative and summing to 1. Not modified.
     */
    public static DMatrixRMaj gradientFromSoftmax(DMatrixRMaj a, DMatrixRMaj t) {
        Require.distributions("a", Require.nonEmpty("a", a), "softmax outputs");
        targets(t, "a", a);
        DMatrixRMaj dz = new DMatrixRMaj(a.numRows, a.numCols);
        // dz = (A - T) / N
        CommonOps_DDRM.subtract(a, t, dz);
        CommonOps_DDRM.scale(1.0 / a.numRows, dz);
        return dz;
    }

    /**
     * Targets must match the shape of the scores or probabilities {@code m} (named {@code name}), be finite and non-negative, and each row must sum to 1: then
     * {@code d/dz (-sum_k t_k log a_k) = a sum_k t_k - t} is exactly {@code a - t}.
     */
    private static void targets(DMatrixRMaj t, String name, DMatrixRMaj m) {
        Require.shape("t", t, m.numRows, m.numCols, "to match " + name + ": " + Matrices.shape(m));
        Require.distributions("t", t, "one-hot or soft target rows");
    }

    private static double total(double[] values) {
        double s = plainSum(values);
        if (!Double.isFinite(s)) {
            throw new IllegalArgumentException("the sum of the " + values.length + " per-sample losses overflows a "
                    + "double; expected losses that sum below " + Double.MAX_VALUE + " (the mean stays finite)");
        }
        return s;
    }

    // (1/N) sum_i l_i; where the sum overflows, sum_i (l_i / N) does not (each l_i is finite)
    private static double mean(double[] values) {
        double s = plainSum(values);
        if (Double.isFinite(s)) {
            return s / values.length;
        }
        double m = 0;
        for (double v : values) {
            m += v / values.length;
        }
        return m;
    }

    private static double plainSum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
