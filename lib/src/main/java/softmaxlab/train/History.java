package softmaxlab.train;

import java.util.List;
import java.util.OptionalDouble;
import softmaxlab.math.Require;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * What training did, one {@link Epoch} per row; epoch 0 is the model before the first update (its loss should be
 * near {@code log C} for small initial weights).
 */
public record History(List<Epoch> epochs) {

    /**
     * The state after one epoch, measured on the whole training set (not averaged over mini-batches).
     *
     * @param epoch              0 before training, then 1, 2, ...
     * @param loss               batch-mean cross-entropy plus L2 penalty on the training set, finite, {@code >= 0}
     * @param trainAccuracy      accuracy on the training set, in {@code [0, 1]}
     * @param validationAccuracy accuracy on the validation set, in {@code [0, 1]}; empty when none was given
     */
    public record Epoch(int epoch, double loss, double trainAccuracy, OptionalDouble validationAccuracy) {
        public Epoch {
            if (epoch < 0) {
                throw new IllegalArgumentException("epoch = " + epoch + "; expected 0 (before training) or more");
            }
            Require.nonNegative("loss", loss);
            requireAccuracy("trainAccuracy", trainAccuracy);
            Require.notNull("validationAccuracy", validationAccuracy)
                    .ifPresent(a -> requireAccuracy("validationAccuracy", a));
        }

        private static void requireAccuracy(String name, double accuracy) {
            if (!(accuracy >= 0 && accuracy <= 1)) {
                throw new IllegalArgumentException(name + " = " + accuracy + "; expected a share in [0, 1]");
            }
        }
    }

    /** @param epochs in increasing order of their epoch numbers */
    public History {
        epochs = Require.noNulls("epochs", epochs);
        for (int i = 1; i < epochs.size(); i++) {
            if (epochs.get(i).epoch() <= epochs.get(i - 1).epoch()) {
                throw new IllegalArgumentException("epochs[" + i + "] is epoch " + epochs.get(i).epoch()
                        + " after epoch " + epochs.get(i - 1).epoch() + "; expected increasing epoch numbers");
            }
        }
    }

    /** The last epoch recorded. */
    public Epoch last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("history is empty; expected at least epoch 0");
        }
        return epochs.get(epochs.size() - 1);
    }

    /**
     * Columns {@code epoch, loss, train accuracy}, and {@code validation accuracy} when every epoch has one.
     */
    public Table toTable() {
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn loss = DoubleColumn.create("loss");
        DoubleColumn train = DoubleColumn.create("train accuracy");
        DoubleColumn validation = DoubleColumn.create("validation accuracy");
        for (Epoch e : epochs) {
            epoch.append(e.epoch());
            loss.append(e.loss());
            train.append(e.trainAccuracy());
            e.validationAccuracy().ifPresent(validation::append);
        }
        Table table = Table.create("history", epoch, loss, train);
        return validation.size() == epochs.size() && !epochs.isEmpty() ? table.addColumns(validation) : table;
    }
}
