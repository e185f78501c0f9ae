package softmaxlab.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FusedSoftmax}'s vector path: for a block of rows read straight from {@code X} (no copy), {@code S = XW + b}
 * and {@code dW += X_block^T dS_block}, with Java's incubating Vector API, four rows by five classes at a time. For
 * {@code S}, twenty sums, each kept as four partial sums in one 256-bit register and added up at the end; for
 * {@code dW}, the twenty entries of {@code dS} held in registers while a tile of {@code dW^T} goes by. Used only when
 * the JVM was started with {@code --add-modules jdk.incubator.vector} (softmax-lab's kernels, the benchmark); without
 * it this class is never loaded and the scalar loops run. 256 bits on any machine (measured here: the scores at 14
 * multiply-adds per ns against 9 with 512 bits and 3.8 scalar); CPUs with narrower vectors run the scalar loops.
 * Measured at N = 49,000, D = 3073: this {@code dW} about 15% faster than C2's vectorized loop over copied rows.
 */
final class VectorPath {

    private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_256;

    private VectorPath() {
    }

    /** The CPU has vectors of 256 bits or more, which C2 uses for {@link #LANES}. */
    static boolean hasLanes() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= LANES.vectorBitSize();
    }

    /**
     * Inputs per call of {@link #scores4x5}: each call is short and there are many (a row's 3073 inputs take 13),
     * so that C2 compiles the kernel itself soon. Until then each call starts in C1's code, where the Vector API is
     * not compiled to vector instructions and runs about 100 times slower; one call over all 3073 inputs spent most
     * of its time there before C2's on-stack replacement took over (measured: 40-250 ms warm at N = 64, D = 3073
     * where 1 ms was expected).
     */
    static final int SCORE_TILE = 256;

    /**
     * {@code s_r = x_r W + b} for rows {@code r = 0 .. s.length - 1} (a multiple of 4), row {@code r} of the block at
     * {@code data[offset + r width ..]}; {@code wt[j]} is column {@code j} of {@code W}. Tile by tile of
     * {@link #SCORE_TILE} inputs, the lanes of the partial sums kept in {@code partial} between tiles (its length
     * {@code FusedSoftmax.partials(C)}; overwritten) and added up by {@code FusedSoftmax.score}: the same additions
     * in the same order as the scalar path's, so the same bits.
     */
    static void scores(double[] data, int offset, int width, double[][] wt, double[] b, double[][] s,
            double[] partial) {
        int c = wt.length;
        int whole = width - width % LANES.length();
        java.util.Arrays.fill(partial, 0.0);
        for (int k0 = 0; k0 < whole; k0 += SCORE_TILE) {
            int k1 = Math.min(whole, k0 + SCORE_TILE);
            for (int r = 0; r < s.length; r += 4) {
                int o = offset + r * width;
                int j = 0;
                for (; j + 5 <= c; j += 5) {
                    scores4x5(data, o, width, wt, j, k0, k1, partial, FusedSoftmax.partial(r, j, c));
                }
                for (; j < c; j++) {
                    scores4x1(data, o, width, wt[j], k0, k1, partial, FusedSoftmax.partial(r, j, c));
                }
            }
        }
        for (int r = 0; r < s.length; r++) {
            for (int j = 0; j < c; j++) {
                s[r][j] = FusedSoftmax.score(partial, FusedSoftmax.partial(r, j, c), data, offset + r * width,
                        whole, wt[j], b[j]);
            }
        }
    }

    /**
     * Rows {@code r..r+3} (at {@code data[o ..]}, {@code width} apart) by classes {@code j..j+4}, inputs
     * {@code k0 .. k1 - 1}: the twenty sums' lanes read from and written back to {@code partial} (row {@code q},
     * class {@code j + i} at {@code p + 16 i + 4 q}).
     */
    private static void scores4x5(double[] data, int o, int width, double[][] wt, int j, int k0, int k1,
            double[] partial, int p) {
        double[] w0 = wt[j];
        double[] w1 = wt[j + 1];
        double[] w2 = wt[j + 2];
        double[] w3 = wt[j + 3];
        double[] w4 = wt[j + 4];
        DoubleVector a0 = load(partial, p), a1 = load(partial, p + 16), a2 = load(partial, p + 32);
        DoubleVector a3 = load(partial, p + 48), a4 = load(partial, p + 64);
        DoubleVector b0 = load(partial, p + 4), b1 = load(partial, p + 20), b2 = load(partial, p + 36);
        DoubleVector b3 = load(partial, p + 52), b4 = load(partial, p + 68);
        DoubleVector c0 = load(partial, p + 8), c1 = load(partial, p + 24), c2 = load(partial, p + 40);
        DoubleVector c3 = load(partial, p + 56), c4 = load(partial, p + 72);
        DoubleVector e0 = load(partial, p + 12), e1 = load(partial, p + 28), e2 = load(partial, p + 44);
        DoubleVector e3 = load(partial, p + 60), e4 = load(partial, p + 76);
        for (int k = k0; k < k1; k += LANES.length()) {
            DoubleVector m0 = DoubleVector.fromArray(LANES, w0, k);
            DoubleVector m1 = DoubleVector.fromArray(LANES, w1, k);
            DoubleVector m2 = DoubleVector.fromArray(LANES, w2, k);
            DoubleVector m3 = DoubleVector.fromArray(LANES, w3, k);
            DoubleVector m4 = DoubleVector.fromArray(LANES, w4, k);
            DoubleVector x = DoubleVector.fromArray(LANES, data, o + k);
            a0 = x.fma(m0, a0);
            a1 = x.fma(m1, a1);
            a2 = x.fma(m2, a2);
            a3 = x.fma(m3, a3);
            a4 = x.fma(m4, a4);
            x = DoubleVector.fromArray(LANES, data, o + width + k);
            b0 = x.fma(m0, b0);
            b1 = x.fma(m1, b1);
            b2 = x.fma(m2, b2);
            b3 = x.fma(m3, b3);
            b4 = x.fma(m4, b4);
            x = DoubleVector.fromArray(LANES, data, o + 2 * width + k);
            c0 = x.fma(m0, c0);
            c1 = x.fma(m1, c1);
            c2 = x.fma(m2, c2);
            c3 = x.fma(m3, c3);
            c4 = x.fma(m4, c4);
            x = DoubleVector.fromArray(LANES, data, o + 3 * width + k);
            e0 = x.fma(m0, e0);
            e1 = x.fma(m1, e1);
            e2 = x.fma(m2, e2);
            e3 = x.fma(m3, e3);
            e4 = x.fma(m4, e4);
        }
        // one local per sum, no array of vectors: C2 (Java 17) keeps them in registers only then (measured: 20 times
        // slower with an array)
        a0.intoArray(partial, p);
        a1.intoArray(partial, p + 16);
        a2.intoArray(partial, p + 32);
        a3.intoArray(partial, p + 48);
        a4.intoArray(partial, p + 64);
        b0.intoArray(partial, p + 4);
        b1.intoArray(partial, p + 20);
        b2.intoArray(partial, p + 36);
        b3.intoArray(partial, p + 52);
        b4.intoArray(partial, p + 68);
        c0.intoArray(partial, p + 8);
        c1.intoArray(partial, p + 24);
        c2.intoArray(partial, p + 40);
        c3.intoArray(partial, p + 56);
        c4.intoArray(partial, p + 72);
        e0.intoArray(partial, p + 12);
        e1.intoArray(partial, p + 28);
        e2.intoArray(partial, p + 44);
        e3.intoArray(partial, p + 60);
        e4.intoArray(partial, p + 76);
    }

    private static DoubleVector load(double[] partial, int p) {
        return DoubleVector.fromArray(LANES, partial, p);
    }

    /** Rows {@code r..r+3} by the one class of {@code w}, as {@link #scores4x5}. */
    private static void scores4x1(double[] data, int o, int width, double[] w, int k0, int k1, double[] partial,
            int p) {
        DoubleVector a0 = load(partial, p), a1 = load(partial, p + 4);
        DoubleVector a2 = load(partial, p + 8), a3 = load(partial, p + 12);
        for (int k = k0; k < k1; k += LANES.length()) {
            DoubleVector m = DoubleVector.fromArray(LANES, w, k);
            a0 = DoubleVector.fromArray(LANES, data, o + k).fma(m, a0);
            a1 = DoubleVector.fromArray(LANES, data, o + width + k).fma(m, a1);
            a2 = DoubleVector.fromArray(LANES, data, o + 2 * width + k).fma(m, a2);
            a3 = DoubleVector.fromArray(LANES, data, o + 3 * width + k).fma(m, a3);
        }
        a0.intoArray(partial, p);
        a1.intoArray(partial, p + 4);
        a2.intoArray(partial, p + 8);
        a3.intoArray(partial, p + 12);
    }

    /**
     * {@code dW^T += dS^T X_block} for the block's rows (a multiple of 4), row {@code r} at
     * {@code data[offset + r width ..]}: tile by tile of {@code FusedSoftmax.TILE} inputs, four rows by five classes
     * at a time with the twenty {@code dS} entries held in registers. Each entry of {@code dW} gets the same sums in
     * the same order as in the scalar path.
     */
    static void accumulate(double[] data, int offset, int width, double[][] dS, double[][] dWt) {
        for (int k0 = 0; k0 < width; k0 += FusedSoftmax.TILE) {
            int end = Math.min(width, k0 + FusedSoftmax.TILE);
            for (int r = 0; r < dS.length; r += 4) {
                int j = 0;
                for (; j + 5 <= dWt.length; j += 5) {
                    accumulate4x5(data, offset + r * width, width, dS, r, dWt, j, k0, end);
                }
                for (; j < dWt.length; j++) {
                    accumulate4x1(data, offset + r * width, width, dS, r, dWt[j], j, k0, end);
                }
            }
        }
    }

    private static void accumulate4x5(double[] data, int o, int width, double[][] dS, int r, double[][] dWt, int j,
            int k0, int end) {
        double[] e0 = dS[r];
        double[] e1 = dS[r + 1];
        double[] e2 = dS[r + 2];
        double[] e3 = dS[r + 3];
        DoubleVector p0 = broadcast(e0[j]), p1 = broadcast(e0[j + 1]), p2 = broadcast(e0[j + 2]);
        DoubleVector p3 = broadcast(e0[j + 3]), p4 = broadcast(e0[j + 4]);
        DoubleVector q0 = broadcast(e1[j]), q1 = broadcast(e1[j + 1]), q2 = broadcast(e1[j + 2]);
        DoubleVector q3 = broadcast(e1[j + 3]), q4 = broadcast(e1[j + 4]);
        DoubleVector u0 = broadcast(e2[j]), u1 = broadcast(e2[j + 1]), u2 = broadcast(e2[j + 2]);
        DoubleVector u3 = broadcast(e2[j + 3]), u4 = broadcast(e2[j + 4]);
        DoubleVector v0 = broadcast(e3[j]), v1 = broadcast(e3[j + 1]), v2 = broadcast(e3[j + 2]);
        DoubleVector v3 = broadcast(e3[j + 3]), v4 = broadcast(e3[j + 4]);
        double[] g0 = dWt[j];
        double[] g1 = dWt[j + 1];
        double[] g2 = dWt[j + 2];
        double[] g3 = dWt[j + 3];
        double[] g4 = dWt[j + 4];
        int k = k0;
        for (; k <= end - LANES.length(); k += LANES.length()) {
            DoubleVector x0 = DoubleVector.fromArray(LANES, data, o + k);
            DoubleVector x1 = DoubleVector.fromArray(LANES, data, o + width + k);
            DoubleVector x2 = DoubleVector.fromArray(LANES, data, o + 2 * width + k);
            DoubleVector x3 = DoubleVector.fromArray(LANES, data, o + 3 * width + k);
            // dW_kj += x_0k dS_0j + x_1k dS_1j + x_2k dS_2j + x_3k dS_3j, in that order
            x3.fma(v0, x2.fma(u0, x1.fma(q0, x0.fma(p0, DoubleVector.fromArray(LANES, g0, k))))).intoArray(g0, k);
            x3.fma(v1, x2.fma(u1, x1.fma(q1, x0.fma(p1, DoubleVector.fromArray(LANES, g1, k))))).intoArray(g1, k);
            x3.fma(v2, x2.fma(u2, x1.fma(q2, x0.fma(p2, DoubleVector.fromArray(LANES, g2, k))))).intoArray(g2, k);
            x3.fma(v3, x2.fma(u3, x1.fma(q3, x0.fma(p3, DoubleVector.fromArray(LANES, g3, k))))).intoArray(g3, k);
            x3.fma(v4, x2.fma(u4, x1.fma(q4, x0.fma(p4, DoubleVector.fromArray(LANES, g4, k))))).intoArray(g4, k);
        }
        for (int q = 0; q < 5; q++) {
            tail(data, o, width, dS, r, dWt[j + q], j + q, k, end);
        }
    }

    private static void accumulate4x1(double[] data, int o, int width, double[][] dS, int r, double[] g, int j,
            int k0, int end) {
        DoubleVector p = broadcast(dS[r][j]), q = broadcast(dS[r + 1][j]);
        DoubleVector u = broadcast(dS[r + 2][j]), v = broadcast(dS[r + 3][j]);
        int k = k0;
        for (; k <= end - LANES.length(); k += LANES.length()) {
            DoubleVector x0 = DoubleVector.fromArray(LANES, data, o + k);
            DoubleVector x1 = DoubleVector.fromArray(LANES, data, o + width + k);
            DoubleVector x2 = DoubleVector.fromArray(LANES, data, o + 2 * width + k);
            DoubleVector x3 = DoubleVector.fromArray(LANES, data, o + 3 * width + k);
            x3.fma(v, x2.fma(u, x1.fma(q, x0.fma(p, DoubleVector.fromArray(LANES, g, k))))).intoArray(g, k);
        }
        tail(data, o, width, dS, r, g, j, k, end);
    }

    /** The inputs {@code [k, end)} past the last whole vector, one at a time, in the same order. */
    private static void tail(double[] data, int o, int width, double[][] dS, int r, double[] g, int j, int k,
            int end) {
        for (int t = k; t < end; t++) {
            double g01 = Math.fma(dS[r + 1][j], data[o + width + t], Math.fma(dS[r][j], data[o + t], g[t]));
            g[t] = Math.fma(dS[r + 3][j], data[o + 3 * width + t], Math.fma(dS[r + 2][j], data[o + 2 * width + t],
                    g01));
        }
    }

    private static DoubleVector broadcast(double v) {
        return DoubleVector.broadcast(LANES, v);
    }
}
