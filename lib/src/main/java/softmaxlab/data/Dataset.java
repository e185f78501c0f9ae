package softmaxlab.data;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import softmaxlab.math.Matrices;
import softmaxlab.math.Require;

/**
 * A labelled data set: inputs {@code x: (N, D)}, one row per sample, and labels {@code y: int[N]} in
 * {@code [0, classes)}. The record holds the given arrays (not copies); nothing here modifies them.
 *
 * @param x       inputs {@code (N, D)}, finite, {@code N >= 1}
 * @param y       labels {@code int[N]} in {@code [0, classes)}
 * @param classes number of classes {@code C >= 1}
 */
public record Dataset(DMatrixRMaj x, int[] y, int classes) {

    /** A training part and a held-out part. */
    public record Split(Dataset train, Dataset test) {
    }

    public Dataset {
        Require.batch("x", x);
        Require.positive("classes", classes);
        Require.labels("y", y, x.numRows, classes);
    }

    /** Number of samples N. */
    public int size() {
        return x.numRows;
    }

    /** Number of input dimensions D. */
    public int dims() {
        return x.numCols;
    }

    /** The samples {@code rows[0], rows[1], ...} as a new data set (copied). */
    public Dataset rows(int[] rows) {
        Require.nonEmpty("rows", rows);
        // selectRows checks every index, so the label lookups below stay in range
        DMatrixRMaj selected = Matrices.selectRows(x, rows);
        int[] labels = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            labels[k] = y[rows[k]];
        }
        return new Dataset(selected, labels, classes);
    }

    /**
     * Shuffles the samples with {@code new Random(seed)} and puts the first {@code round(fraction N)} into
     * {@code train}, the rest into {@code test}; both parts must be non-empty.
     *
     * @param fraction share of samples for training, in {@code (0, 1)}
     */
    public Split split(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction = " + fraction + "; expected a number in (0, 1)");
        }
        int trainSize = (int) Math.round(fraction * size());
        if (trainSize == 0 || trainSize == size()) {
            throw new IllegalArgumentException("fraction = " + fraction + " of " + size() + " samples leaves "
                    + trainSize + " for training; expected both parts to be non-empty");
        }
        int[] order = Datasets.permutation(size(), new Random(seed));
        return new Split(rows(Arrays.copyOfRange(order, 0, trainSize)),
                rows(Arrays.copyOfRange(order, trainSize, size())));
    }

    /** Number of samples of each class, {@code int[C]}. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int label : y) {
            counts[label]++;
        }
        return counts;
    }
}
