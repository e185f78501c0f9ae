package softmaxlab.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.Consumer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import softmaxlab.data.Dataset;
import softmaxlab.data.Datasets;
import softmaxlab.math.L2;
import softmaxlab.math.Matrices;
import softmaxlab.math.Model;
import softmaxlab.math.Require;

/**
 * Mini-batch stochastic gradient descent: each epoch shuffles the training set with a generator seeded once by
 * {@code seed}, splits it into batches of {@code batchSize} (the last one may be smaller) and for each batch updates
 * every parameter {@code P -= learningRate * dL/dP}, where {@code L} is the batch-mean cross-entropy plus
 * {@code reg}. Same settings, same model, same data: same numbers.
 *
 * <p>After epoch 0 (the untouched model) and after every epoch the history records the training set's loss and
 * accuracy. With one batch per epoch ({@code batchSize >= N}: full-batch gradient descent) the batch is the training
 * set in its own order (the mean over it does not depend on the order, so nothing is shuffled), and each record is
 * taken from the evaluation the next step needs anyway, at the same parameters: one forward and backward pass per
 * epoch, not three passes (the step's, the loss's and the accuracy's).
 *
 * <p>Training that diverges stops with an {@link IllegalStateException} naming the learning rate, the epoch and the
 * last loss recorded. Diverging means: a parameter or a loss is no longer finite, or a loss (of a batch, or of the
 * training set after an epoch) exceeds {@code DIVERGENCE_FACTOR * max(L_0, 1)}, where {@code L_0} is the training
 * set's loss before the first update (the {@code max} keeps the bound at 1000 for a model that starts near a
 * loss of 0). Gradient descent with a learning rate small enough to converge never raises the loss that far; one
 * too large for the problem makes it grow geometrically, finite for many steps before it overflows.
 *
 * @param epochs       passes over the training set, {@code >= 1}
 * @param batchSize    samples per update, {@code >= 1} (a batch larger than the data set is the whole set)
 * @param learningRate step size, {@code > 0}
 * @param reg          penalty on the weights, e.g. {@link L2#NONE}
 * @param seed         seed of the shuffling
 */
public record GradientDescent(int epochs, int batchSize, double learningRate, L2 reg, long seed) {

    /** The factor over the initial loss ({@code max(L_0, 1)}) beyond which training counts as diverging. */
    public static final double DIVERGENCE_FACTOR = 1e3;

    public GradientDescent {
        Require.positive("epochs", epochs);
        Require.positive("batchSize", batchSize);
        Require.positive("learningRate", learningRate);
        Require.notNull("reg", reg);
    }

    /** Trains {@code model} in place on {@code train}; no validation set, no listener. */
    public History fit(Model model, Dataset train) {
        return run(model, train, null, history -> { });
    }

    /** Trains {@code model} in place, also recording accuracy on {@code validation} after every epoch. */
    public History fit(Model model, Dataset train, Dataset validation) {
        return run(model, train, Require.notNull("validation", validation), history -> { });
    }

    /**
     * Trains {@code model} in place and calls {@code onEpoch} with the history so far after epoch 0 and after every
     * epoch, e.g. to redraw a live chart in a notebook.
     */
    public History fit(Model model, Dataset train, Dataset validation, Consumer<History> onEpoch) {
        return run(model, train, Require.notNull("validation", validation), Require.notNull("onEpoch", onEpoch));
    }

    /** As {@link #fit(Model, Dataset, Dataset, Consumer)} without a validation set. */
    public History fit(Model model, Dataset train, Consumer<History> onEpoch) {
        return run(model, train, null, Require.notNull("onEpoch", onEpoch));
    }

    private History run(Model model, Dataset train, Dataset validation, Consumer<History> onEpoch) {
        Require.notNull("model", model);
        Require.notNull("train", train);
        Random random = new Random(seed);
        List<History.Epoch> epochsSoFar = new ArrayList<>();
        boolean fullBatch = batchSize >= train.size();
        // epoch 0 evaluates the untouched model: an error here is about the arguments, and stays as it is
        Model.Evaluation whole = fullBatch ? model.evaluate(train.x(), train.y(), reg) : null;
        record(model, train, whole, validation, 0, epochsSoFar, Double.POSITIVE_INFINITY);
        onEpoch.accept(new History(epochsSoFar));
        double bound = DIVERGENCE_FACTOR * Math.max(epochsSoFar.get(0).loss(), 1.0);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double lastLoss = epochsSoFar.get(epochsSoFar.size() - 1).loss();
            try {
                if (fullBatch) {
                    step(model, whole.gradients());
                    // the next step's gradients, and this epoch's loss and accuracy
                    whole = model.evaluate(train.x(), train.y(), reg);
                } else {
                    miniBatches(model, train, Datasets.permutation(train.size(), random), bound);
                }
                record(model, train, whole, validation, epoch, epochsSoFar, bound);
            } catch (MismatchedGradients e) {
                // a model that breaks its contract has not diverged: say what it did wrong
                throw e;
            } catch (IllegalArgumentException | IllegalStateException e) {
                // the shapes passed at epoch 0, so what fails now is the numbers: the loss exploded or overflowed
                throw new IllegalStateException("training diverged in epoch " + epoch + " with learningRate = "
                        + learningRate + " (loss " + lastLoss + " after epoch " + (epoch - 1) + "): " + e.getMessage()
                        + "; expected a smaller learningRate", e);
            }
            onEpoch.accept(new History(epochsSoFar));
        }
        return new History(epochsSoFar);
    }

    /** One epoch of steps, a batch of {@code batchSize} rows of {@code train} at a time in {@code order}. */
    private void miniBatches(Model model, Dataset train, int[] order, double bound) {
        for (int start = 0; start < order.length; start += batchSize) {
            Dataset b = train.rows(Arrays.copyOfRange(order, start, Math.min(start + batchSize, order.length)));
            Model.Evaluation e = model.evaluate(b.x(), b.y(), reg);
            requireBelow(bound, "a batch's loss", e.loss());
            step(model, e.gradients());
        }
    }

    /** {@code P -= learningRate * dP} for every parameter, in place. */
    private void step(Model model, List<DMatrixRMaj> gradients) {
        List<DMatrixRMaj> parameters = model.parameters();
        requireOnePerParameter(model, parameters, gradients);
        for (int p = 0; p < parameters.size(); p++) {
            // P = P - eta dL/dP
            CommonOps_DDRM.addEquals(parameters.get(p), -learningRate, gradients.get(p));
            if (MatrixFeatures_DDRM.hasUncountable(parameters.get(p))) {
                throw new IllegalStateException(model.parameterNames().get(p) + " has a non-finite entry after "
                        + "an update");
            }
        }
    }

    /** The model's gradients, one per parameter and of its shape, as {@code P - eta dL/dP} needs them. */
    private static void requireOnePerParameter(Model model, List<DMatrixRMaj> parameters,
            List<DMatrixRMaj> gradients) {
        List<String> names = model.parameterNames();
        if (gradients.size() != parameters.size()) {
            throw new MismatchedGradients("the model's evaluate gave " + gradients.size() + " gradients for its "
                    + parameters.size() + " parameters " + names + "; expected one per parameter");
        }
        for (int p = 0; p < parameters.size(); p++) {
            DMatrixRMaj param = parameters.get(p);
            DMatrixRMaj g = gradients.get(p);
            if (g.numRows != param.numRows || g.numCols != param.numCols) {
                throw new MismatchedGradients("the gradient of " + names.get(p) + " has shape " + Matrices.shape(g)
                        + "; expected " + Matrices.shape(param) + " to match " + names.get(p) + ": "
                        + Matrices.shape(param));
            }
        }
    }

    /** A model whose gradients do not fit its parameters: an error in the model, not a diverging run. */
    private static final class MismatchedGradients extends IllegalArgumentException {
        MismatchedGradients(String message) {
            super(message);
        }
    }

    /** Throws when {@code loss > bound}: training is diverging. */
    private static void requireBelow(double bound, String what, double loss) {
        if (loss > bound) {
            throw new IllegalStateException(what + " is " + loss + ", above " + bound
                    + " = DIVERGENCE_FACTOR * max(L_0, 1) with L_0 the loss before training");
        }
    }

    /**
     * Adds epoch {@code epoch}'s record: the training loss and accuracy from {@code whole} (an evaluation of the
     * whole training set at the current parameters) or, if null, computed here.
     */
    private void record(Model model, Dataset train, Model.Evaluation whole, Dataset validation, int epoch,
            List<History.Epoch> so, double bound) {
        OptionalDouble validationAccuracy = validation == null ? OptionalDouble.empty()
                : OptionalDouble.of(Accuracy.of(model, validation));
        double loss = whole != null ? whole.loss() : model.loss(train.x(), train.y(), reg);
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("the training loss is " + loss + " after epoch " + epoch);
        }
        requireBelow(bound, "the training loss after epoch " + epoch, loss);
        int[] predicted = whole != null ? whole.predicted() : model.predict(train.x());
        so.add(new History.Epoch(epoch, loss, Accuracy.of(predicted, train.y()), validationAccuracy));
    }
}
