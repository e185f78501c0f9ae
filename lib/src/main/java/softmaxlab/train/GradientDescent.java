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
import softmaxlab.math.Model;
import softmaxlab.math.Require;

/**
 * Mini-batch stochastic gradient descent: each epoch shuffles the training set with a generator seeded once by
 * {@code seed}, splits it into batches of {@code batchSize} (the last one may be smaller) and for each batch updates
 * every parameter {@code P -= learningRate * dL/dP}, where {@code L} is the batch-mean cross-entropy plus
 * {@code reg}. Same settings, same model, same data: same numbers. Training that diverges (parameters or loss no
 * longer finite, e.g. with a huge learning rate) stops with an {@link IllegalStateException} naming the learning
 * rate, the epoch and the last finite loss.
 *
 * @param epochs       passes over the training set, {@code >= 1}
 * @param batchSize    samples per update, {@code >= 1} (a batch larger than the data set is the whole set)
 * @param learningRate step size, {@code > 0}
 * @param reg          penalty on the weights, e.g. {@link L2#NONE}
 * @param seed         seed of the shuffling
 */
public record GradientDescent(int epochs, int batchSize, double learningRate, L2 reg, long seed) {

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
        // epoch 0 evaluates the untouched model: an error here is about the arguments, and stays as it is
        record(model, train, validation, 0, epochsSoFar);
        onEpoch.accept(new History(epochsSoFar));
        int size = Math.min(batchSize, train.size());
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = Datasets.permutation(train.size(), random);
            double lastLoss = epochsSoFar.get(epochsSoFar.size() - 1).loss();
            try {
                for (int start = 0; start < order.length; start += size) {
                    int[] batch = Arrays.copyOfRange(order, start, Math.min(start + size, order.length));
                    Dataset b = train.rows(batch);
                    Model.Evaluation e = model.evaluate(b.x(), b.y(), reg);
                    step(model, e.gradients());
                }
                record(model, train, validation, epoch, epochsSoFar);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // the shapes passed at epoch 0, so what fails now is the numbers: the parameters overflowed
                throw new IllegalStateException("training diverged in epoch " + epoch + " with learningRate = "
                        + learningRate + " (loss " + lastLoss + " after epoch " + (epoch - 1) + "): " + e.getMessage()
                        + "; expected a smaller learningRate", e);
            }
            onEpoch.accept(new History(epochsSoFar));
        }
        return new History(epochsSoFar);
    }

    /** {@code P -= learningRate * dP} for every parameter, in place. */
    private void step(Model model, List<DMatrixRMaj> gradients) {
        List<DMatrixRMaj> parameters = model.parameters();
        for (int p = 0; p < parameters.size(); p++) {
            // P = P - eta dL/dP
            CommonOps_DDRM.addEquals(parameters.get(p), -learningRate, gradients.get(p));
            if (MatrixFeatures_DDRM.hasUncountable(parameters.get(p))) {
                throw new IllegalStateException(model.parameterNames().get(p) + " has a non-finite entry after "
                        + "an update");
            }
        }
    }

    private void record(Model model, Dataset train, Dataset validation, int epoch, List<History.Epoch> so) {
        OptionalDouble validationAccuracy = validation == null ? OptionalDouble.empty()
                : OptionalDouble.of(Accuracy.of(model, validation));
        double loss = model.loss(train.x(), train.y(), reg);
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("the training loss is " + loss + " after epoch " + epoch);
        }
        so.add(new History.Epoch(epoch, loss, Accuracy.of(model, train), validationAccuracy));
    }
}
