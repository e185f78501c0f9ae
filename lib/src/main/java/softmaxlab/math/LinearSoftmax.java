package softmaxlab.math;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Linear softmax classifier (document 003): scores {@code S = XW + b}, {@code A = Softmax(S)}, loss
 * {@code L = (1/N) sum_i -log a_{i,y_i} + R(W)}, gradient {@code dW = X^T (A - Y)/N + dR/dW},
 * {@code db = sum_rows (A - Y)/N}. Shapes: {@code X: (N, D)}, {@code W: (D, C)}, {@code b: (1, C)},
 * {@code y: int[N]} in {@code [0, C)}.
 *
 * <p>The static methods take {@code W} explicitly (document 003 has no bias: fold it into {@code W} by appending a
 * column of ones to {@code X}); an instance holds {@code W} and {@code b} as a {@link Model} for training.
 */
public final class LinearSoftmax implements Model {

    /** Loss and {@code dL/dW: (D, C)} of the bias-free classifier. */
    public record LossAndGradient(double loss, DMatrixRMaj dW) {
    }

    /** Loss, {@code dL/dW: (D, C)} and {@code dL/db: (1, C)}. */
    public record LossAndGradients(double loss, DMatrixRMaj dW, DMatrixRMaj db) {
    }

    private final DMatrixRMaj w;
    private final DMatrixRMaj b;

    /**
     * A classifier holding these matrices (not copies: training modifies them).
     *
     * @param w weights {@code (D, C)}, finite.
     * @param b bias {@code (1, C)}, finite.
     */
    public LinearSoftmax(DMatrixRMaj w, DMatrixRMaj b) {
        Require.batch("W", w);
        Require.finite("b", Require.shape("b", b, 1, w.numCols, "to match W: " + Matrices.shape(w)));
        this.w = w;
        this.b = b;
    }

    /** {@code W = scale * N(0, 1)} of shape {@code (d, c)} from {@code new Random(seed)}, {@code b = 0}. */
    public static LinearSoftmax init(int d, int c, double scale, long seed) {
        Require.positive("scale", scale);
        Require.entries("d * c", d, c);
        return new LinearSoftmax(Matrices.gaussian(d, c, scale, new Random(seed)), new DMatrixRMaj(1, c));
    }

    /** Weights {@code W: (D, C)}, the model's own matrix. */
    public DMatrixRMaj w() {
        return w;
    }

    /** Bias {@code b: (1, C)}, the model's own matrix. */
    public DMatrixRMaj b() {
        return b;
    }

    /**
     * Loss and gradient of document 003's classifier without bias, {@code S = XW}:
     * {@code L = (1/N) sum_i -log a_{i,y_i} + R(W)}, {@code dW = X^T (A - Y)/N + dR/dW}. Computed in one pass
     * over {@code X} that uses every core where the size pays for it (see {@link #path()}); the result does not
     * depend on the number of cores.
     *
     * @param w   weights {@code (D, C)}, finite. Not modified.
     * @param x   inputs {@code (N, D)}, finite, with {@code XW} finite. Not modified.
     * @param y   labels {@code int[N]} in {@code [0, C)}. Not modified.
     * @param reg penalty on {@code W}, e.g. {@link L2#NONE}.
     */
    public static LossAndGradient lossAndGradient(DMatrixRMaj w, DMatrixRMaj x, int[] y, L2 reg) {
        Require.notNull("reg", reg);
        FusedSoftmax.Result r = FusedSoftmax.linear(x, w, null, y);
        return new LossAndGradient(r.loss() + reg.penalty(w), plusPenaltyGradient(r.dW(), w, reg));
    }

    /**
     * Loss and gradients with bias, {@code S = XW + b}: {@code dS = (A - Y)/N}, {@code dW = X^T dS + dR/dW},
     * {@code db = sum_rows dS}; one pass over {@code X} as {@link #lossAndGradient}.
     *
     * @param w   weights {@code (D, C)}, finite. Not modified.
     * @param b   bias {@code (1, C)}, finite. Not modified.
     * @param x   inputs {@code (N, D)}, finite, with {@code XW + b} finite. Not modified.
     * @param y   labels {@code int[N]} in {@code [0, C)}. Not modified.
     * @param reg penalty on {@code W} (not on {@code b}).
     */
    public static LossAndGradients lossAndGradients(DMatrixRMaj w, DMatrixRMaj b, DMatrixRMaj x, int[] y, L2 reg) {
        Require.notNull("reg", reg);
        Require.notNull("b", b);
        return penalized(FusedSoftmax.linear(x, w, b, y), w, reg);
    }

    /** The pass's data loss and gradients with {@code R(W)} and {@code dR/dW} added. */
    private static LossAndGradients penalized(FusedSoftmax.Result r, DMatrixRMaj w, L2 reg) {
        return new LossAndGradients(r.loss() + reg.penalty(w), plusPenaltyGradient(r.dW(), w, reg), r.db());
    }

    /**
     * The matrix form of {@link #lossAndGradients} as document 003 writes it, one library call per line
     * ({@code S = XW + b}, {@code dS = (A - Y)/N}, {@code dW = X^T dS}, {@code db = sum_rows dS}): the reference
     * the one-pass form is tested against.
     *
     * @param w   weights {@code (D, C)}. Not modified.
     * @param b   bias {@code (1, C)}. Not modified.
     * @param x   inputs {@code (N, D)}. Not modified.
     * @param y   labels {@code int[N]} in {@code [0, C)}. Not modified.
     * @param reg penalty on {@code W} (not on {@code b}).
     */
    public static LossAndGradients lossAndGradientsMatrixForm(DMatrixRMaj w, DMatrixRMaj b, DMatrixRMaj x, int[] y,
            L2 reg) {
        Require.notNull("reg", reg);
        // S = X W + b
        DMatrixRMaj s = Linear.forward(x, w, b);
        // checked here, where the message can name X and W rather than the scores
        Require.labels("y", y, "X", x, "W", w);
        double loss = lossFromScores(s, y, w, reg);
        // dS = (A - Y) / N
        DMatrixRMaj dS = CrossEntropy.gradient(s, y);
        // dW = X^T dS + dR/dW, db = sum_rows dS
        return new LossAndGradients(loss, plusPenaltyGradient(Linear.weightGradient(x, dS), w, reg),
                Linear.biasGradient(dS));
    }

    /** Which implementation {@link #lossAndGradient} runs here (Vector API or scalar scores, threads): benchmarks. */
    public static String path() {
        return FusedSoftmax.path();
    }

    /** {@code dW + dR/dW}; modifies and returns {@code dW}. */
    private static DMatrixRMaj plusPenaltyGradient(DMatrixRMaj dW, DMatrixRMaj w, L2 reg) {
        reg.addGradientInPlace(dW, w);
        return dW;
    }

    /**
     * Document 003's derivation as loops, one sample at a time: {@code s = W^T x}, {@code a = Softmax(s)},
     * {@code l = -log a_y}; column {@code y} of {@code dW} gets {@code (a_y - 1) x}, every other column {@code j}
     * gets {@code a_j x}; then both are averaged over the N samples and the penalty is added. Slow on purpose (it
     * is the baseline of the benchmark) and, because it takes {@code log a_y} of a rounded probability, infinite
     * when {@code a_y} underflows to 0 (scores far apart), where the vectorized form stays finite.
     *
     * @param w   weights {@code (D, C)}. Not modified.
     * @param x   inputs {@code (N, D)}. Not modified.
     * @param y   labels {@code int[N]} in {@code [0, C)}. Not modified.
     * @param reg penalty on {@code W}.
     */
    public static LossAndGradient lossAndGradientNaive(DMatrixRMaj w, DMatrixRMaj x, int[] y, L2 reg) {
        Require.notNull("reg", reg);
        Require.batch("X", x);
        Require.batch("W", Require.rows("W", w, x.numCols, "to match X: " + Matrices.shape(x)));
        Require.labels("y", y, "X", x, "W", w);
        int n = x.numRows;
        int d = x.numCols;
        int c = w.numCols;
        double loss = 0;
        DMatrixRMaj dW = new DMatrixRMaj(d, c);
        for (int i = 0; i < n; i++) {
            double[] s = new double[c];
            for (int j = 0; j < c; j++) {
                for (int k = 0; k < d; k++) {
                    // s_j = w^(j)T x^(i)
                    s[j] += w.unsafe_get(k, j) * x.unsafe_get(i, k);
                }
            }
            double[] a = Softmax.rows(Matrices.row(s)).data;
            // l^(i) = -log a_{y^(i)}
            loss -= Math.log(a[y[i]]);
            for (int j = 0; j < c; j++) {
                // j = y^(i): dl/dw^(y) = (a_y - 1) x^(i); otherwise dl/dw^(j) = a_j x^(i)
                double coefficient = j == y[i] ? a[j] - 1.0 : a[j];
                for (int k = 0; k < d; k++) {
                    dW.unsafe_set(k, j, dW.unsafe_get(k, j) + coefficient * x.unsafe_get(i, k));
                }
            }
        }
        // average over the batch: L = (1/N) sum_i l^(i), dW = (1/N) sum_i dl^(i)/dW
        loss /= n;
        CommonOps_DDRM.scale(1.0 / n, dW);
        // + R(W), + dR/dW
        reg.addGradientInPlace(dW, w);
        return new LossAndGradient(loss + reg.penalty(w), dW);
    }

    @Override
    public List<DMatrixRMaj> parameters() {
        return List.of(w, b);
    }

    @Override
    public List<String> parameterNames() {
        return List.of("W", "b");
    }

    /** {@code S = XW + b}, {@code (N, C)}. {@code x} not modified. */
    @Override
    public DMatrixRMaj scores(DMatrixRMaj x) {
        return Linear.forward(x, w, b);
    }

    /** Gradients in the order {@code dW, db}. Arguments not modified. */
    @Override
    public Evaluation evaluate(DMatrixRMaj x, int[] y, L2 reg) {
        Require.notNull("reg", reg);
        FusedSoftmax.Result pass = FusedSoftmax.linear(x, w, b, y);
        LossAndGradients r = penalized(pass, w, reg);
        return new Evaluation(r.loss(), List.of(r.dW(), r.db()), pass.predicted());
    }

    @Override
    public double loss(DMatrixRMaj x, int[] y, L2 reg) {
        Require.notNull("reg", reg);
        DMatrixRMaj s = scores(x);
        Require.labels("y", y, "X", x, "W", w);
        return lossFromScores(s, y, w, reg);
    }

    /** {@code L = (1/N) sum_i -log a_{i,y_i} + R(W)}. */
    private static double lossFromScores(DMatrixRMaj s, int[] y, DMatrixRMaj w, L2 reg) {
        return CrossEntropy.mean(s, y) + reg.penalty(w);
    }
}
