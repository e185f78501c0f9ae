package softmaxlab.math;

import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * The hot path of {@link LinearSoftmax} and of {@link TwoLayerNet}'s last layer: softmax cross-entropy and its
 * gradients in one pass over {@code X}. For each block of {@link #BLOCK} rows: {@code S = XW + b},
 * {@code l_i = lse_i - s_{i,y_i}}, {@code dS = (A - Y)/N}, then {@code dW += X_block^T dS_block} and
 * {@code db += sum_rows dS_block} while the block is still in cache. {@code X} is read from memory once (the
 * matrix form reads it twice: {@code XW}, then {@code X^T dS}) and never copied whole.
 *
 * <p>The rows are split into {@link #parts} contiguous parts of a size fixed by the problem (never by the number of
 * cores), each with its own accumulators, run on the common fork-join pool and summed in part order: the result is
 * the same to the last bit on any machine and any number of threads.
 *
 * <p>Pure Java, no extra JVM flags. The block's rows are copied into small arrays indexed from 0 because HotSpot's
 * C2 (Java 17) vectorizes {@code g[k] += d * x[k]} only then; the dot products {@code S = XW} stay scalar (C2
 * vectorizes no floating-point sum without changing its order), blocked two rows by four classes so that eight
 * independent sums keep the multipliers busy.
 */
final class FusedSoftmax {

    /** Rows handled together: {@code X_block^T dS_block} is four rows per pass over {@code dW}. */
    static final int BLOCK = 4;

    /** Multiply-adds ({@code N D C}) below which a part is not worth a thread of its own. */
    static final long WORK_PER_PART = 4_000_000L;

    /** Most parts a pass is split into (and so the most threads it can use). */
    static final int MAX_PARTS = 8;

    /**
     * Data loss {@code (1/N) sum_i l_i} (no penalty), {@code dW: (D, C)}, {@code db: (1, C)} and, when asked for,
     * {@code dS = (A - Y)/N: (N, C)} (else null).
     */
    record Result(double loss, DMatrixRMaj dW, DMatrixRMaj db, DMatrixRMaj dS) {
    }

    private FusedSoftmax() {
    }

    /** Which implementation runs, for benchmarks and notebooks: a fixed description of this class. */
    static String path() {
        return "pure Java: fused row blocks of " + BLOCK + ", up to " + MAX_PARTS + " parts on the fork-join pool ("
                + (java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1) + " threads here)";
    }

    /**
     * Number of parts for {@code n} rows of {@code d} inputs and {@code c} classes: one per {@link #WORK_PER_PART}
     * multiply-adds, at least 1, at most {@link #MAX_PARTS} and at most one per block.
     */
    static int parts(int n, int d, int c) {
        long byWork = (long) n * d * c / WORK_PER_PART;
        long blocks = (n + BLOCK - 1) / BLOCK;
        return (int) Math.max(1, Math.min(Math.min(byWork, blocks), MAX_PARTS));
    }

    /**
     * One pass; checks every argument ({@code X} by the pass itself: a non-finite entry makes its row of
     * {@code S} non-finite, which the pass catches).
     *
     * @param x     inputs {@code (N, D)}. Not modified.
     * @param w     weights {@code (D, C)}, finite. Not modified.
     * @param b     bias {@code (1, C)}, finite, or null for none. Not modified.
     * @param y     labels {@code int[N]} in {@code [0, C)}. Not modified.
     * @param keepDS whether to return {@code dS} (a backward pass into an earlier layer needs it)
     */
    static Result run(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj b, int[] y, boolean keepDS) {
        Require.nonEmpty("X", x);
        Require.batch("W", Require.rows("W", w, x.numCols, "to match X: " + Matrices.shape(x)));
        if (b != null) {
            Require.finite("b", Require.shape("b", b, 1, w.numCols, "to match W: " + Matrices.shape(w)));
        }
        Require.labels("y", y, x.numRows, w.numCols);
        int n = x.numRows;
        int c = w.numCols;
        int parts = parts(n, x.numCols, c);
        double[][] wt = transposed(w);
        DMatrixRMaj dS = keepDS ? new DMatrixRMaj(n, c) : null;
        // every part is a whole number of blocks, the last one takes the rest
        int rowsPerPart = (n / parts + BLOCK - 1) / BLOCK * BLOCK;
        Part[] done = IntStream.range(0, parts).parallel()
                .mapToObj(p -> new Part(x, wt, b == null ? new double[c] : b.data, y, dS,
                        Math.min(n, p * rowsPerPart), p == parts - 1 ? n : Math.min(n, (p + 1) * rowsPerPart)))
                .toArray(Part[]::new);
        for (Part part : done) {
            if (part.badRow >= 0) {
                throw nonFinite(x, w, part.badRow, part.badScore);
            }
        }
        return sum(done, x.numCols, c, n, dS);
    }

    /** {@code dW = sum_p dW_p} as {@code (D, C)}, {@code db = sum_p db_p}, {@code L = (1/N) sum_p L_p}. */
    private static Result sum(Part[] parts, int d, int c, int n, DMatrixRMaj dS) {
        DMatrixRMaj dW = new DMatrixRMaj(d, c);
        DMatrixRMaj db = new DMatrixRMaj(1, c);
        double loss = 0;
        for (Part part : parts) {
            loss += part.loss;
            for (int j = 0; j < c; j++) {
                double[] g = part.dWt[j];
                for (int k = 0; k < d; k++) {
                    dW.data[k * c + j] += g[k];
                }
                db.data[j] += part.db[j];
            }
        }
        return new Result(loss / n, dW, db, dS);
    }

    /** {@code W^T} as one array per class, {@code wt[j][k] = W[k, j]}. */
    private static double[][] transposed(DMatrixRMaj w) {
        double[][] wt = new double[w.numCols][w.numRows];
        for (int k = 0; k < w.numRows; k++) {
            for (int j = 0; j < w.numCols; j++) {
                wt[j][k] = w.data[k * w.numCols + j];
            }
        }
        return wt;
    }

    /** The error for row {@code i}: a non-finite entry of {@code X} if it has one, else {@code S = XW} overflowed. */
    private static IllegalArgumentException nonFinite(DMatrixRMaj x, DMatrixRMaj w, int i, double score) {
        for (int k = 0; k < x.numCols; k++) {
            double v = x.unsafe_get(i, k);
            if (!Double.isFinite(v)) {
                return new IllegalArgumentException("X[" + i + ", " + k + "] = " + v + " in X: " + Matrices.shape(x)
                        + "; expected finite values");
            }
        }
        return new IllegalArgumentException("S = XW overflows at row " + i + " (a score is " + score + ") with X: "
                + Matrices.shape(x) + " and W: " + Matrices.shape(w)
                + "; expected finite scores: scale X or W down");
    }

    /** One part's pass over its rows {@code [from, to)} and its own accumulators. */
    private static final class Part {
        final double[][] dWt;
        final double[] db;
        double loss;
        int badRow = -1;
        double badScore;

        Part(DMatrixRMaj x, double[][] wt, double[] b, int[] y, DMatrixRMaj dS, int from, int to) {
            int d = x.numCols;
            int c = wt.length;
            double scale = 1.0 / x.numRows;
            dWt = new double[c][d];
            db = new double[c];
            double[][] rows = new double[BLOCK][d];
            double[][] s = new double[BLOCK][c];
            for (int i0 = from; i0 < to; i0 += BLOCK) {
                int m = Math.min(BLOCK, to - i0);
                for (int r = 0; r < BLOCK; r++) {
                    if (r < m) {
                        System.arraycopy(x.data, (i0 + r) * d, rows[r], 0, d);
                    } else {
                        // rows past the end of the part: zero inputs with dS = 0 add exactly nothing
                        java.util.Arrays.fill(rows[r], 0.0);
                    }
                }
                scores(rows, wt, b, s);
                for (int r = 0; r < BLOCK; r++) {
                    if (r >= m) {
                        java.util.Arrays.fill(s[r], 0.0);
                    } else if (!lossAndScoreGradient(s[r], y[i0 + r], scale)) {
                        badRow = i0 + r;
                        return;
                    } else if (dS != null) {
                        System.arraycopy(s[r], 0, dS.data, (i0 + r) * c, c);
                    }
                }
                accumulate(rows, s);
            }
        }

        /**
         * {@code l = lse - s_y} added to the loss, then {@code s} is replaced by {@code dS_i = (a - y_i)/N}. False
         * (and nothing added) when a score is not finite.
         */
        private boolean lossAndScoreGradient(double[] s, int label, double scale) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : s) {
                if (!Double.isFinite(v)) {
                    badScore = v;
                    return false;
                }
                max = Math.max(max, v);
            }
            double scoreOfLabel = s[label];
            double sum = 0;
            for (int j = 0; j < s.length; j++) {
                // e^{s_j - max} is in (0, 1], the sum in [1, C]
                double e = Math.exp(s[j] - max);
                sum += e;
                s[j] = e;
            }
            // l = lse - s_y, lse = max + log sum_j e^{s_j - max}
            loss += max + Math.log(sum) - scoreOfLabel;
            for (int j = 0; j < s.length; j++) {
                // dS_ij = (a_ij - [j = y_i]) / N
                s[j] = (s[j] / sum - (j == label ? 1.0 : 0.0)) * scale;
            }
            return true;
        }

        /** {@code dW^T += dS_block^T X_block} and {@code db += sum_rows dS_block}, four rows per pass. */
        private void accumulate(double[][] rows, double[][] dS) {
            double[] x0 = rows[0];
            double[] x1 = rows[1];
            double[] x2 = rows[2];
            double[] x3 = rows[3];
            for (int j = 0; j < dWt.length; j++) {
                double d0 = dS[0][j];
                double d1 = dS[1][j];
                double d2 = dS[2][j];
                double d3 = dS[3][j];
                double[] g = dWt[j];
                for (int k = 0; k < g.length; k++) {
                    // dW_kj += sum_r x_rk dS_rj
                    g[k] += d0 * x0[k] + d1 * x1[k] + d2 * x2[k] + d3 * x3[k];
                }
                db[j] += d0 + d1 + d2 + d3;
            }
        }
    }

    /** {@code s_rj = x_r . w_j + b_j} for the block's rows, two rows by four classes at a time. */
    private static void scores(double[][] rows, double[][] wt, double[] b, double[][] s) {
        int c = wt.length;
        for (int r = 0; r < BLOCK; r += 2) {
            double[] u = rows[r];
            double[] v = rows[r + 1];
            int j = 0;
            for (; j + 4 <= c; j += 4) {
                double[] w0 = wt[j];
                double[] w1 = wt[j + 1];
                double[] w2 = wt[j + 2];
                double[] w3 = wt[j + 3];
                double u0 = 0, u1 = 0, u2 = 0, u3 = 0, v0 = 0, v1 = 0, v2 = 0, v3 = 0;
                for (int k = 0; k < u.length; k++) {
                    double uk = u[k];
                    double vk = v[k];
                    u0 += uk * w0[k];
                    v0 += vk * w0[k];
                    u1 += uk * w1[k];
                    v1 += vk * w1[k];
                    u2 += uk * w2[k];
                    v2 += vk * w2[k];
                    u3 += uk * w3[k];
                    v3 += vk * w3[k];
                }
                store(s[r], j, b, u0, u1, u2, u3);
                store(s[r + 1], j, b, v0, v1, v2, v3);
            }
            for (; j < c; j++) {
                double[] w0 = wt[j];
                double u0 = 0, v0 = 0;
                for (int k = 0; k < u.length; k++) {
                    u0 += u[k] * w0[k];
                    v0 += v[k] * w0[k];
                }
                s[r][j] = u0 + b[j];
                s[r + 1][j] = v0 + b[j];
            }
        }
    }

    private static void store(double[] s, int j, double[] b, double a0, double a1, double a2, double a3) {
        s[j] = a0 + b[j];
        s[j + 1] = a1 + b[j + 1];
        s[j + 2] = a2 + b[j + 2];
        s[j + 3] = a3 + b[j + 3];
    }
}
