package softmaxlab.train;

import softmaxlab.data.Dataset;
import softmaxlab.math.Model;
import softmaxlab.math.Require;

/** Classification accuracy: the share of samples whose predicted class equals the label. */
public final class Accuracy {

    private Accuracy() {
    }

    /**
     * {@code (1/N) sum_i [predicted_i = y_i]}.
     *
     * @param predicted predicted classes {@code int[N]}. Not modified.
     * @param y         labels {@code int[N]}. Not modified.
     */
    public static double of(int[] predicted, int[] y) {
        Require.nonEmpty("predicted", predicted);
        Require.notNull("y", y);
        if (y.length != predicted.length) {
            throw new IllegalArgumentException("y has length " + y.length + "; expected " + predicted.length
                    + " labels, one per prediction: predicted has length " + predicted.length);
        }
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            correct += predicted[i] == y[i] ? 1 : 0;
        }
        return (double) correct / y.length;
    }

    /** Accuracy of {@code model.predict(data.x())} against {@code data.y()}. Not modified. */
    public static double of(Model model, Dataset data) {
        Require.notNull("model", model);
        Require.notNull("data", data);
        return of(model.predict(data.x()), data.y());
    }
}
