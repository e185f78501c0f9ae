package softmaxlab.math;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Two-layer network FC -> ReLU -> FC -> softmax (document 004's layers):
 * {@code Z1 = X W1 + b1}, {@code H = max(0, Z1)}, {@code S = H W2 + b2},
 * {@code L = (1/N) sum_i -log a_{i,y_i} + R(W1) + R(W2)}. Shapes: {@code X: (N, D)}, {@code W1: (D, H)},
 * {@code b1: (1, H)}, {@code W2: (H, C)}, {@code b2: (1, C)}.
 */
public final class TwoLayerNet implements Model {

    /** The four parameter matrices; training and gradient checks modify them in place. */
    public record Params(DMatrixRMaj w1, DMatrixRMaj b1, DMatrixRMaj w2, DMatrixRMaj b2) {
        public Params {
            Require.batch("W1", w1);
            Require.finite("b1", Require.shape("b1", b1, 1, w1.numCols, "to match W1: " + Matrices.shape(w1)));
            Require.batch("W2", Require.rows("W2", w2, w1.numCols, "to match W1: " + Matrices.shape(w1)));
            Require.finite("b2", Require.shape("b2", b2, 1, w2.numCols, "to match W2: " + Matrices.shape(w2)));
        }

        /** {@code W1, b1, W2, b2} in this order. */
        public List<DMatrixRMaj> asList() {
            return List.of(w1, b1, w2, b2);
        }
    }

    /** Gradients of the loss, one per parameter and of the same shape. */
    public record Gradients(DMatrixRMaj dW1, DMatrixRMaj db1, DMatrixRMaj dW2, DMatrixRMaj db2) {
        /** {@code dW1, db1, dW2, db2} in this order. */
        public List<DMatrixRMaj> asList() {
            return List.of(dW1, db1, dW2, db2);
        }
    }

    /** Loss and all four gradients. */
    public record LossAndGradients(double loss, Gradients gradients) {
    }

    private final Params params;

    /** A network holding these parameters (not copies). */
    public TwoLayerNet(Params params) {
        this.params = Require.notNull("params", params);
    }

    /**
     * {@code W1 = scale * N(0, 1): (d, h)}, {@code W2 = scale * N(0, 1): (h, c)} drawn in that order from
     * {@code new Random(seed)}; biases 0.
     */
    public static TwoLayerNet init(int d, int h, int c, double scale, long seed) {
        Require.positive("scale", scale);
        Require.entries("d * h", d, h);
        Require.entries("h * c", h, c);
        Random random = new Random(seed);
        DMatrixRMaj w1 = Matrices.gaussian(d, h, scale, random);
        DMatrixRMaj w2 = Matrices.gaussian(h, c, scale, random);
        return new TwoLayerNet(new Params(w1, new DMatrixRMaj(1, h), w2, new DMatrixRMaj(1, c)));
    }

    /** The network's own parameters. */
    public Params params() {
        return params;
    }

    /**
     * Loss and gradients by backpropagation: {@code dS = (A - Y)/N}, {@code dW2 = H^T dS + dR/dW2},
     * {@code db2 = sum_rows dS}, {@code dH = dS W2^T}, {@code dZ1 = dH * [Z1 > 0]}, {@code dW1 = X^T dZ1 + dR/dW1},
     * {@code db1 = sum_rows dZ1}; all of it in one pass over blocks of rows of {@code X}, nothing of size
     * {@code (N, H)} stored.
     *
     * @param x   inputs {@code (N, D)}, finite. Not modified.
     * @param y   labels {@code int[N]} in {@code [0, C)}. Not modified.
     * @param reg penalty on {@code W1} and {@code W2} (not on biases).
     */
    public LossAndGradients lossAndGradients(DMatrixRMaj x, int[] y, L2 reg) {
        Require.notNull("reg", reg);
        // the whole forward and backward pass, one block of rows at a time (FusedSoftmax)
        return penalized(FusedSoftmax.twoLayer(x, params, y), reg);
    }

    /** The pass's data loss and gradients with {@code R(W1) + R(W2)} and their gradients added. */
    private LossAndGradients penalized(FusedSoftmax.Result r, L2 reg) {
        double loss = r.loss() + reg.penalty(params.w1()) + reg.penalty(params.w2());
        // + dR/dW1, + dR/dW2
        reg.addGradientInPlace(r.dW1(), params.w1());
        reg.addGradientInPlace(r.dW(), params.w2());
        return new LossAndGradients(loss, new Gradients(r.dW1(), r.db1(), r.dW(), r.db()));
    }

    @Override
    public List<DMatrixRMaj> parameters() {
        return params.asList();
    }

    @Override
    public List<String> parameterNames() {
        return List.of("W1", "b1", "W2", "b2");
    }

    /** {@code S = max(0, X W1 + b1) W2 + b2}, {@code (N, C)}. {@code x} not modified. */
    @Override
    public DMatrixRMaj scores(DMatrixRMaj x) {
        // checked here, where the message can name W1 (Linear.forward would call it W)
        Require.rows("W1", params.w1(), Require.batch("X", x).numCols, "to match X: " + Matrices.shape(x));
        DMatrixRMaj h = Relu.forward(Linear.forward(x, params.w1(), params.b1()));
        return Linear.forward(h, params.w2(), params.b2());
    }

    /** Gradients in the order {@code dW1, db1, dW2, db2}. Arguments not modified. */
    @Override
    public Evaluation evaluate(DMatrixRMaj x, int[] y, L2 reg) {
        Require.notNull("reg", reg);
        FusedSoftmax.Result pass = FusedSoftmax.twoLayer(x, params, y);
        LossAndGradients r = penalized(pass, reg);
        return new Evaluation(r.loss(), r.gradients().asList(), pass.predicted());
    }

    @Override
    public double loss(DMatrixRMaj x, int[] y, L2 reg) {
        Require.notNull("reg", reg);
        DMatrixRMaj s = scores(x);
        Require.labels("y", y, "X", x, "W2", params.w2());
        return lossFromScores(s, y, reg);
    }

    /** {@code L = (1/N) sum_i -log a_{i,y_i} + R(W1) + R(W2)}. */
    private double lossFromScores(DMatrixRMaj s, int[] y, L2 reg) {
        return CrossEntropy.mean(s, y) + reg.penalty(params.w1()) + reg.penalty(params.w2());
    }
}
