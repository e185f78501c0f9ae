package softmaxlab.math;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * The hot path of {@link LinearSoftmax} and {@link TwoLayerNet}: softmax cross-entropy and its gradients in one
 * pass over {@code X}. For each block of {@link #BLOCK} rows: {@code S = XW + b}, {@code l_i = lse_i - s_{i,y_i}},
 * {@code dS = (A - Y)/N}, then {@code dW += X_block^T dS_block} and {@code db += sum_rows dS_block} while the block
 * is still in cache. {@code X} is read from memory once (the matrix form reads it twice: {@code XW}, then
 * {@code X^T dS}) and never copied whole. A two-layer net runs its hidden layer in the same blocks, row by row.
 *
 * <p>The rows are split into {@link #parts} contiguous parts of a size fixed by the problem (never by the number of
 * cores), each with its own accumulators, run on the common fork-join pool and summed in part order: on a given
 * path (below) the result is the same to the last bit on any number of threads.
 *
 * <p>Pure Java; no JVM flag is needed. The block's rows are copied into small arrays indexed from 0 because HotSpot's
 * C2 (Java 17) vectorizes {@code g[k] += d * x[k]} only then. {@code dW} is accumulated in tiles of
 * {@link #TILE} inputs, four rows per pass, so that the tile of {@code dW} stays in the L1 cache while all the
 * block's rows go through it. The dot products {@code S = XW} stay scalar (C2 vectorizes no floating-point sum
 * without changing its order): four rows by five classes at a time, twenty independent fused multiply-adds that
 * keep both FMA units of a core busy (measured: 80% of the scalar peak on the benchmark machine). Where the JVM has
 * the incubating Vector API ({@code --add-modules jdk.incubator.vector}, as softmax-lab's kernels and the
 * benchmark start it) whole blocks are read straight from {@code X}, no copy, and both products run on vector
 * registers ({@link VectorPath}: the scores 3.7 times as fast here), provided C2 can compile them ({@link Jit}:
 * not with {@code -XX:TieredStopAtLevel=1}). The two paths agree within rounding.
 */
final class FusedSoftmax {

    /** Rows handled together: read from {@code X} once, kept in the L2 cache from {@code S} to {@code dW}. */
    static final int BLOCK = 16;

    /** Inputs per tile of {@code dW^T} (ten classes: 20 KB, in the L1 cache with four rows' tiles). */
    static final int TILE = 256;

    /**
     * Multiply-adds ({@code N D C}) below which a part is not worth a thread of its own: 2 N D C of them take ~70 us
     * on one core, against ~10-50 us to hand a part to another thread and back.
     */
    static final long WORK_PER_PART = 500_000L;

    /** Most parts a pass is split into (and so the most threads it can use). */
    static final int MAX_PARTS = 8;

    /**
     * The JVM has the incubating Vector API ({@link VectorPath} can load: a class that names it fails to load without
     * it, so that check is here) and the CPU has 256-bit vectors (elsewhere the API falls back to slow Java code).
     */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && VectorPath.hasLanes();

    /** Why C2 cannot run here ({@link Jit#c2Off()}), or null: without C2 the Vector API is ~100 times slower. */
    static final String C2_OFF = Jit.c2Off();

    /**
     * {@link #linear(DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, int[])} takes the vector path where it can and pays: here,
     * and from {@link #VECTOR_MIN_INPUTS} inputs on, once C2 has compiled it ({@link VectorWarmup}).
     */
    static final boolean VECTOR_BY_DEFAULT = VECTOR && C2_OFF == null;

    /** Which code computes the scores and {@code dW} of a linear classifier's whole blocks. */
    private enum Scores { SCALAR, VECTOR, VECTOR_ONCE_COMPILED }

    /**
     * Inputs per row from which the Vector API scores pay (measured with JMH at N D = 10^7, C = 10: at D = 10 they
     * take 1.9 times the scalar loop's time, 0.9 times at D = 32, 0.6 times at D = 3073).
     */
    static final int VECTOR_MIN_INPUTS = 32;

    /**
     * Data loss {@code (1/N) sum_i l_i} (no penalty), the softmax layer's {@code dW: (D, C)} and {@code db: (1, C)},
     * for a two-layer net the hidden layer's {@code dW1: (D, H)} and {@code db1: (1, H)} (else null), and each row's
     * predicted class {@code argmax_j S_ij} (the first of equal largest scores) from the scores of this pass.
     */
    record Result(double loss, DMatrixRMaj dW, DMatrixRMaj db, DMatrixRMaj dW1, DMatrixRMaj db1, int[] predicted) {
    }

    /** The hidden layer under the softmax layer, {@code H = max(0, X W1 + b1)}: {@code W1} as rows, {@code b1}. */
    private record Hidden(double[][] w1, double[] b1) {
    }

    private FusedSoftmax() {
    }

    /** Which implementation runs, for benchmarks and notebooks: a fixed description of this class. */
    static String path() {
        return (VECTOR_BY_DEFAULT ? "Vector API (256-bit) for a linear classifier with D >= " + VECTOR_MIN_INPUTS
                + " once C2 has compiled it (" + (VectorWarmup.compiled() ? "it has" : "not yet")
                + "; the scalar loops until then, the same bits)"
                : VECTOR ? "scalar loops: C2 is off in this JVM (" + C2_OFF + ")"
                : "scalar loops (no jdk.incubator.vector, or no 256-bit vectors)")
                + ": fused row blocks of " + BLOCK + ", up to " + MAX_PARTS + " parts on the fork-join pool ("
                + (ForkJoinPool.getCommonPoolParallelism() + 1) + " threads here)";
    }

    /**
     * Number of parts for {@code n} rows of {@code d} inputs and {@code c} classes: one per {@link #WORK_PER_PART}
     * multiply-adds rounded down to a power of two (equal shares on 2, 4 or 8 threads), at least 1, at most
     * {@link #MAX_PARTS} and at most one per block.
     */
    static int parts(int n, int d, int c) {
        long byWork = (long) n * d * c / WORK_PER_PART;
        long blocks = (n + BLOCK - 1) / BLOCK;
        long parts = Math.max(1, Math.min(Math.min(byWork, blocks), MAX_PARTS));
        return (int) Long.highestOneBit(parts);
    }

    /**
     * The linear classifier {@code S = XW + b}. Checks every argument; {@code X} by the pass itself: a non-finite
     * entry makes its row of {@code S} non-finite, which the pass catches, so {@code X} is read once.
     *
     * @param x inputs {@code (N, D)}, finite. Not modified.
     * @param w weights {@code (D, C)}, finite. Not modified.
     * @param b bias {@code (1, C)}, finite, or null for none. Not modified.
     * @param y labels {@code int[N]} in {@code [0, C)}. Not modified.
     */
    static Result linear(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj b, int[] y) {
        return linear(x, w, b, y, VECTOR_BY_DEFAULT ? Scores.VECTOR_ONCE_COMPILED : Scores.SCALAR);
    }

    /** {@link #linear(DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, int[])} with the scores' path chosen: tests run both. */
    static Result linear(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj b, int[] y, boolean vector) {
        if (vector && !VECTOR) {
            throw new IllegalStateException("the Vector API path needs a JVM started with --add-modules "
                    + "jdk.incubator.vector; this one has no such module");
        }
        return linear(x, w, b, y, vector ? Scores.VECTOR : Scores.SCALAR);
    }

    private static Result linear(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj b, int[] y, Scores scores) {
        Require.nonEmpty("X", x);
        Require.batch("W", Require.rows("W", w, x.numCols, "to match X: " + Matrices.shape(x)));
        if (b != null) {
            Require.finite("b", Require.shape("b", b, 1, w.numCols, "to match W: " + Matrices.shape(w)));
        }
        if (scores == Scores.VECTOR_ONCE_COMPILED && x.numCols >= VECTOR_MIN_INPUTS) {
            VectorWarmup.start();
        }
        return run(x, null, w, b == null ? new double[w.numCols] : b.data, y, scores, "S = XW overflows", "W");
    }

    /**
     * The two-layer net {@code H = max(0, X W1 + b1)}, {@code S = H W2 + b2}: {@link Result#dW()} is {@code dW2}.
     * Shapes and finiteness of the parameters are {@link TwoLayerNet.Params}' to check.
     *
     * @param x inputs {@code (N, D)}, finite. Not modified.
     * @param p the net's parameters. Not modified.
     * @param y labels {@code int[N]} in {@code [0, C)}. Not modified.
     */
    static Result twoLayer(DMatrixRMaj x, TwoLayerNet.Params p, int[] y) {
        // X W1 + b1 > 0 is not implied by a finite S (ReLU maps -Infinity to 0): check X itself, it is small here
        Require.batch("X", x);
        Require.rows("W1", p.w1(), x.numCols, "to match X: " + Matrices.shape(x));
        // training updates the parameters in place after Params checked them
        Require.finite("W1", p.w1());
        Require.finite("b1", p.b1());
        Require.finite("W2", p.w2());
        Require.finite("b2", p.b2());
        Hidden hidden = new Hidden(rows(p.w1()), p.b1().data);
        // the softmax layer's inputs are H, computed row by row, not read from X: the scalar scores
        return run(x, hidden, p.w2(), p.b2().data, y, Scores.SCALAR, "S = max(0, X W1 + b1) W2 + b2 overflows",
                "W2");
    }

    private static Result run(DMatrixRMaj x, Hidden hidden, DMatrixRMaj w, double[] b, int[] y, Scores scores,
            String overflow, String wName) {
        Require.labels("y", y, "X", x, wName, w);
        int n = x.numRows;
        int c = w.numCols;
        int parts = parts(n, w.numRows, c);
        double[][] wt = transposed(w);
        // each part writes its own rows
        int[] predicted = new int[n];
        // every part is a whole number of blocks, the last one takes the rest
        int rowsPerPart = (n / parts + BLOCK - 1) / BLOCK * BLOCK;
        Part[] done = IntStream.range(0, parts).parallel()
                .mapToObj(q -> new Part(x, hidden, wt, b, y, predicted, scores, Math.min(n, q * rowsPerPart),
                        q == parts - 1 ? n : Math.min(n, (q + 1) * rowsPerPart)))
                .toArray(Part[]::new);
        for (Part part : done) {
            if (part.badRow >= 0 && part.rangeMax > part.badScore) {
                throw new IllegalArgumentException("scores of row " + part.badRow + " span [" + part.badScore + ", "
                        + part.rangeMax + "] with X: " + Matrices.shape(x) + " and " + wName + ": "
                        + Matrices.shape(w) + ": max - s_y overflows a double, and so does the loss; expected "
                        + "scores whose row range is below " + Double.MAX_VALUE);
            }
            if (part.badRow >= 0) {
                throw nonFinite(x, part.badRow, part.badScore, overflow, wName, w);
            }
        }
        double loss = 0;
        // dW^T = sum_parts dW^T_part, added into the first part's (the same sum as from 0, but for the sign of a 0)
        double[][] dWt = done[0].dWt;
        DMatrixRMaj db = new DMatrixRMaj(1, c);
        DMatrixRMaj dW1 = hidden == null ? null : new DMatrixRMaj(x.numCols, w.numRows);
        DMatrixRMaj db1 = hidden == null ? null : new DMatrixRMaj(1, w.numRows);
        for (int q = 0; q < done.length; q++) {
            Part part = done[q];
            // L = (1/N) sum_parts, dW = sum_parts dW_part (in part order: the same sum on any number of threads)
            loss += part.loss;
            for (int j = 0; q > 0 && j < c; j++) {
                addTo(part.dWt[j], dWt[j]);
            }
            addTo(part.db, db.data);
            if (hidden != null) {
                for (int k = 0; k < x.numCols; k++) {
                    for (int h = 0; h < dW1.numCols; h++) {
                        dW1.data[k * dW1.numCols + h] += part.dW1[k][h];
                    }
                }
                addTo(part.db1, db1.data);
            }
        }
        return new Result(loss, transposed(dWt, w.numRows), db, dW1, db1, predicted);
    }

    /** {@code m = g^T: (rows, g.length)} for {@code g} given as one array per column of {@code m}. */
    private static DMatrixRMaj transposed(double[][] g, int rows) {
        DMatrixRMaj m = new DMatrixRMaj(rows, g.length);
        for (int k = 0; k < rows; k++) {
            for (int j = 0; j < g.length; j++) {
                m.data[k * g.length + j] = g[j][k];
            }
        }
        return m;
    }

    private static void addTo(double[] from, double[] to) {
        for (int j = 0; j < to.length; j++) {
            to[j] += from[j];
        }
    }

    /** {@code W^T} as one array per column of {@code W}, {@code wt[j][k] = W[k, j]}. */
    private static double[][] transposed(DMatrixRMaj w) {
        double[][] wt = new double[w.numCols][w.numRows];
        for (int k = 0; k < w.numRows; k++) {
            for (int j = 0; j < w.numCols; j++) {
                wt[j][k] = w.data[k * w.numCols + j];
            }
        }
        return wt;
    }

    /** The rows of {@code m} as arrays. */
    private static double[][] rows(DMatrixRMaj m) {
        double[][] rows = new double[m.numRows][];
        for (int k = 0; k < m.numRows; k++) {
            rows[k] = java.util.Arrays.copyOfRange(m.data, k * m.numCols, (k + 1) * m.numCols);
        }
        return rows;
    }

    /** The error for row {@code i}: a non-finite entry of {@code X} if it has one, else the scores overflowed. */
    private static IllegalArgumentException nonFinite(DMatrixRMaj x, int i, double score, String overflow,
            String wName, DMatrixRMaj w) {
        for (int k = 0; k < x.numCols; k++) {
            double v = x.unsafe_get(i, k);
            if (!Double.isFinite(v)) {
                return new IllegalArgumentException("X[" + i + ", " + k + "] = " + v + " in X: " + Matrices.shape(x)
                        + "; expected finite values");
            }
        }
        return new IllegalArgumentException(overflow + " at row " + i + " (a score is " + score + ") with X: "
                + Matrices.shape(x) + " and " + wName + ": " + Matrices.shape(w)
                + "; expected finite scores: scale X or " + wName + " down");
    }

    /** One part's pass over its rows {@code [from, to)}, with its own accumulators. */
    private static final class Part {
        final double[][] dWt;
        final double[] db;
        final double[][] dW1;
        final double[] db1;
        double loss;
        int badRow = -1;
        double badScore;
        // set with badRow when the scores are finite but their range overflows the loss: the row's largest score
        double rangeMax = Double.NEGATIVE_INFINITY;

        Part(DMatrixRMaj x, Hidden hidden, double[][] wt, double[] b, int[] y, int[] predicted, Scores scores,
                int from, int to) {
            int d = x.numCols;
            int c = wt.length;
            int width = wt[0].length;
            double scale = 1.0 / x.numRows;
            dWt = new double[c][width];
            db = new double[c];
            dW1 = hidden == null ? null : new double[d][width];
            db1 = hidden == null ? null : new double[width];
            boolean vectorPath = scores != Scores.SCALAR && hidden == null && d >= VECTOR_MIN_INPUTS;
            // the block's rows copied, and the softmax layer's inputs (the rows of X, or of H for a two-layer net):
            // made at the first block that needs them (the vector path reads whole blocks straight from X)
            double[][] inputs = null;
            double[][] rows = null;
            double[][] s = new double[BLOCK][c];
            double[] partial = new double[partials(c)];
            // the vector path's order where it may run, else one sum per score (fewer additions: at D = 10 the four
            // lanes took 1.5 times as long)
            int lanes = hidden == null && d >= VECTOR_MIN_INPUTS ? LANES : 1;
            double[] dH = hidden == null ? null : new double[width];
            for (int i0 = from; i0 < to; i0 += BLOCK) {
                int m = Math.min(BLOCK, to - i0);
                // block by block: a call may switch paths midway, with the same bits
                boolean direct = vectorPath && m == BLOCK
                        && (scores == Scores.VECTOR || VectorWarmup.compiled());
                if (direct) {
                    VectorPath.scores(x.data, i0 * d, d, wt, b, s, partial);
                } else {
                    if (inputs == null) {
                        inputs = new double[BLOCK][d];
                        rows = hidden == null ? inputs : new double[BLOCK][width];
                    }
                    for (int r = 0; r < BLOCK; r++) {
                        if (r < m) {
                            System.arraycopy(x.data, (i0 + r) * d, inputs[r], 0, d);
                        } else {
                            // rows past the end of the part: zero inputs with dS = 0 add exactly nothing
                            java.util.Arrays.fill(inputs[r], 0.0);
                        }
                        if (hidden != null) {
                            hiddenForward(hidden, inputs[r], rows[r]);
                        }
                    }
                    scores(rows, wt, b, s, partial, lanes);
                }
                if (!lossAndScoreGradients(s, i0, m, y, predicted, scale)) {
                    return;
                }
                db(s);
                if (direct) {
                    VectorPath.accumulate(x.data, i0 * d, d, s, dWt);
                } else {
                    accumulate(rows, s);
                }
                if (hidden != null) {
                    for (int r = 0; r < m; r++) {
                        hiddenBackward(wt, inputs[r], rows[r], s[r], dH);
                    }
                }
            }
        }

        /**
         * {@link #lossAndScoreGradient} for the block's rows {@code i0 ..}, after their predicted class: the first
         * {@code m}; the rest get {@code dS = 0}. False (and {@link #badRow} set) at the first row whose scores are unusable.
         */
        private boolean lossAndScoreGradients(double[][] s, int i0, int m, int[] y, int[] predicted, double scale) {
            for (int r = 0; r < BLOCK; r++) {
                if (r >= m) {
                    java.util.Arrays.fill(s[r], 0.0);
                    continue;
                }
                predicted[i0 + r] = argmax(s[r]);
                if (!lossAndScoreGradient(s[r], y[i0 + r], scale)) {
                    badRow = i0 + r;
                    return false;
                }
            }
            return true;
        }

        /**
         * {@code argmax_j s_j}, the first of equal largest entries (as {@link Matrices#argmaxRows}). A row with a NaN
         * gets some index here, but never reaches a caller: {@link #lossAndScoreGradient} refuses the row and the pass
         * throws.
         */
        private static int argmax(double[] s) {
            int best = 0;
            for (int j = 1; j < s.length; j++) {
                if (s[j] > s[best]) {
                    best = j;
                }
            }
            return best;
        }

        /** {@code db += sum_rows dS_block}. */
        private void db(double[][] dS) {
            for (double[] d : dS) {
                for (int j = 0; j < db.length; j++) {
                    db[j] += d[j];
                }
            }
        }

        /** {@code h = max(0, x W1 + b1)} for one row. */
        private static void hiddenForward(Hidden hidden, double[] x, double[] h) {
            System.arraycopy(hidden.b1(), 0, h, 0, h.length);
            for (int k = 0; k < x.length; k++) {
                double xk = x[k];
                double[] w1k = hidden.w1()[k];
                for (int u = 0; u < h.length; u++) {
                    // z1 = b1 + sum_k x_k W1[k, :]
                    h[u] += xk * w1k[u];
                }
            }
            for (int u = 0; u < h.length; u++) {
                // h = max(0, z1)
                h[u] = Math.max(0.0, h[u]);
            }
        }

        /**
         * One row's backward into the hidden layer: {@code dH = dS W2^T}, {@code dZ1 = dH * [Z1 > 0]} (where
         * {@code h > 0}), {@code dW1 += x^T dZ1}, {@code db1 += dZ1}.
         */
        private void hiddenBackward(double[][] w2t, double[] x, double[] h, double[] dS, double[] dH) {
            java.util.Arrays.fill(dH, 0.0);
            for (int j = 0; j < dS.length; j++) {
                double dSj = dS[j];
                double[] w2j = w2t[j];
                for (int u = 0; u < dH.length; u++) {
                    // dH = sum_j dS_j W2[:, j]
                    dH[u] += dSj * w2j[u];
                }
            }
            for (int u = 0; u < dH.length; u++) {
                // dZ1 = dH * [Z1 > 0]
                dH[u] = h[u] > 0 ? dH[u] : 0.0;
                db1[u] += dH[u];
            }
            for (int k = 0; k < x.length; k++) {
                double xk = x[k];
                double[] g = dW1[k];
                for (int u = 0; u < g.length; u++) {
                    // dW1[k, :] += x_k dZ1
                    g[u] += xk * dH[u];
                }
            }
        }

        /**
         * {@code l / N = (lse - s_y) / N} added to the loss, then {@code s} is replaced by {@code dS_i = (a - y_i)/N}.
         * False (and nothing added) when a score is not finite, or when the scores' range overflows {@code l}.
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
            // l = lse - s_y, lse = max + log sum_j e^{s_j - max}; added as l / N, which cannot overflow where l does not
            double l = max + Math.log(sum) - scoreOfLabel;
            if (!Double.isFinite(l)) {
                badScore = scoreOfLabel;
                rangeMax = max;
                return false;
            }
            loss += l * scale;
            for (int j = 0; j < s.length; j++) {
                // dS_ij = (a_ij - [j = y_i]) / N
                s[j] = (s[j] / sum - (j == label ? 1.0 : 0.0)) * scale;
            }
            return true;
        }

        /** {@code dW^T += dS_block^T X_block}: tile by tile of {@code dW^T}, four rows per pass over the tile. */
        private void accumulate(double[][] rows, double[][] dS) {
            int width = rows[0].length;
            for (int k0 = 0; k0 < width; k0 += TILE) {
                int end = Math.min(width, k0 + TILE);
                for (int r = 0; r < BLOCK; r += 4) {
                    double[] x0 = rows[r];
                    double[] x1 = rows[r + 1];
                    double[] x2 = rows[r + 2];
                    double[] x3 = rows[r + 3];
                    for (int j = 0; j < dWt.length; j++) {
                        double d0 = dS[r][j];
                        double d1 = dS[r + 1][j];
                        double d2 = dS[r + 2][j];
                        double d3 = dS[r + 3][j];
                        double[] g = dWt[j];
                        for (int k = k0; k < end; k++) {
                            // dW_kj += sum_r x_rk dS_rj
                            double g01 = Math.fma(d1, x1[k], Math.fma(d0, x0[k], g[k]));
                            g[k] = Math.fma(d3, x3[k], Math.fma(d2, x2[k], g01));
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code s_rj = x_r . w_j + b_j} for the block's rows, with {@code lanes} partial sums per score in
     * {@code partial} (its length {@link #partials}; overwritten), partial sum {@code l} taking the inputs
     * {@code k = l mod lanes} in order, then {@link #score}. With {@link #LANES} lanes this adds up exactly as
     * {@link VectorPath#scores} does, so both paths give the same bits. Tile by tile of {@link VectorPath#SCORE_TILE}
     * inputs (a tile of four rows and five columns of {@code W} stays in the L1 cache for the passes, one per lane),
     * four rows by five classes at a time, the classes left over one by one.
     */
    private static void scores(double[][] rows, double[][] wt, double[] b, double[][] s, double[] partial,
            int lanes) {
        int c = wt.length;
        int width = rows[0].length;
        int whole = width - width % lanes;
        java.util.Arrays.fill(partial, 0.0);
        for (int k0 = 0; k0 < whole; k0 += VectorPath.SCORE_TILE) {
            int k1 = Math.min(whole, k0 + VectorPath.SCORE_TILE);
            for (int r = 0; r < BLOCK; r += 4) {
                for (int lane = 0; lane < lanes; lane++) {
                    int j = 0;
                    for (; j + 5 <= c; j += 5) {
                        lane4x5(rows, r, wt, j, k0 + lane, k1, lanes, partial, partial(r, j, c) + lane);
                    }
                    for (; j < c; j++) {
                        lane4x1(rows, r, wt[j], k0 + lane, k1, lanes, partial, partial(r, j, c) + lane);
                    }
                }
            }
        }
        for (int r = 0; r < BLOCK; r++) {
            for (int j = 0; j < c; j++) {
                s[r][j] = score(partial, partial(r, j, c), rows[r], 0, whole, wt[j], b[j]);
            }
        }
    }

    /** Lanes of the vector path's partial sums ({@link VectorPath}: 256 bits of doubles). */
    static final int LANES = 4;

    /** Length of the partial sums' array for a block: four rows by {@link #LANES} lanes per row group and class. */
    static int partials(int c) {
        return BLOCK / 4 * c * 16;
    }

    /** Where the lanes of row {@code r}'s sum for class {@code j} start: four rows' lanes per row group and class. */
    static int partial(int r, int j, int c) {
        return ((r / 4) * c + j) * 16 + (r % 4) * LANES;
    }

    /**
     * {@code s = (((p_0 + p_1) + p_2) + p_3) + x_k w_k + ... + b} for the lanes {@code p = partial[at ..]} (unused
     * ones 0) and the inputs from {@code whole} on (fewer than the lanes), {@code x} at {@code data[o ..]}: the one
     * way both paths finish a score.
     */
    static double score(double[] partial, int at, double[] data, int o, int whole, double[] w, double b) {
        double sum = partial[at] + partial[at + 1] + partial[at + 2] + partial[at + 3];
        for (int t = whole; t < w.length; t++) {
            sum = Math.fma(data[o + t], w[t], sum);
        }
        return sum + b;
    }

    /**
     * One lane of the sums for rows {@code r..r+3} and classes {@code j..j+4}: the inputs {@code from, from + step,
     * ..} below {@code to}, twenty independent sums, read from and written back to {@code partial} at {@code p}
     * (row {@code q}, class {@code j + i} at {@code p + 16 i + 4 q}).
     */
    private static void lane4x5(double[][] rows, int r, double[][] wt, int j, int from, int to, int step,
            double[] partial, int p) {
        double[] x0 = rows[r];
        double[] x1 = rows[r + 1];
        double[] x2 = rows[r + 2];
        double[] x3 = rows[r + 3];
        double[] w0 = wt[j];
        double[] w1 = wt[j + 1];
        double[] w2 = wt[j + 2];
        double[] w3 = wt[j + 3];
        double[] w4 = wt[j + 4];
        double a0 = partial[p], a1 = partial[p + 16], a2 = partial[p + 32], a3 = partial[p + 48];
        double a4 = partial[p + 64];
        double b0 = partial[p + 4], b1 = partial[p + 20], b2 = partial[p + 36], b3 = partial[p + 52];
        double b4 = partial[p + 68];
        double c0 = partial[p + 8], c1 = partial[p + 24], c2 = partial[p + 40], c3 = partial[p + 56];
        double c4 = partial[p + 72];
        double e0 = partial[p + 12], e1 = partial[p + 28], e2 = partial[p + 44], e3 = partial[p + 60];
        double e4 = partial[p + 76];
        for (int k = from; k < to; k += step) {
            double u0 = x0[k];
            double u1 = x1[k];
            double u2 = x2[k];
            double u3 = x3[k];
            double m0 = w0[k];
            double m1 = w1[k];
            double m2 = w2[k];
            double m3 = w3[k];
            double m4 = w4[k];
            a0 = Math.fma(u0, m0, a0);
            a1 = Math.fma(u0, m1, a1);
            a2 = Math.fma(u0, m2, a2);
            a3 = Math.fma(u0, m3, a3);
            a4 = Math.fma(u0, m4, a4);
            b0 = Math.fma(u1, m0, b0);
            b1 = Math.fma(u1, m1, b1);
            b2 = Math.fma(u1, m2, b2);
            b3 = Math.fma(u1, m3, b3);
            b4 = Math.fma(u1, m4, b4);
            c0 = Math.fma(u2, m0, c0);
            c1 = Math.fma(u2, m1, c1);
            c2 = Math.fma(u2, m2, c2);
            c3 = Math.fma(u2, m3, c3);
            c4 = Math.fma(u2, m4, c4);
            e0 = Math.fma(u3, m0, e0);
            e1 = Math.fma(u3, m1, e1);
            e2 = Math.fma(u3, m2, e2);
            e3 = Math.fma(u3, m3, e3);
            e4 = Math.fma(u3, m4, e4);
        }
        store(partial, p, a0, a1, a2, a3, a4);
        store(partial, p + 4, b0, b1, b2, b3, b4);
        store(partial, p + 8, c0, c1, c2, c3, c4);
        store(partial, p + 12, e0, e1, e2, e3, e4);
    }

    /** {@link #lane4x5} for the one class of {@code w}: four sums. */
    private static void lane4x1(double[][] rows, int r, double[] w, int from, int to, int step, double[] partial,
            int p) {
        double[] x0 = rows[r];
        double[] x1 = rows[r + 1];
        double[] x2 = rows[r + 2];
        double[] x3 = rows[r + 3];
        double a0 = partial[p], a1 = partial[p + 4], a2 = partial[p + 8], a3 = partial[p + 12];
        for (int k = from; k < to; k += step) {
            double wk = w[k];
            a0 = Math.fma(x0[k], wk, a0);
            a1 = Math.fma(x1[k], wk, a1);
            a2 = Math.fma(x2[k], wk, a2);
            a3 = Math.fma(x3[k], wk, a3);
        }
        partial[p] = a0;
        partial[p + 4] = a1;
        partial[p + 8] = a2;
        partial[p + 12] = a3;
    }

    /** One row's lane of five classes' sums, 16 apart from {@code p} on. */
    private static void store(double[] partial, int p, double a0, double a1, double a2, double a3, double a4) {
        partial[p] = a0;
        partial[p + 16] = a1;
        partial[p + 32] = a2;
        partial[p + 48] = a3;
        partial[p + 64] = a4;
    }
}
