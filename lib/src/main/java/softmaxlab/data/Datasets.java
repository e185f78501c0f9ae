package softmaxlab.data;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import softmaxlab.math.Require;

/** Seeded synthetic data sets and the seeded permutation used for shuffling. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * cs231n's spiral (neural-network case study): for class {@code j}, {@code N = perClass} points with radius
     * {@code r = linspace(0, 1, N)} and angle {@code t = linspace(4j, 4(j + 1), N) + 0.2 randn(N)},
     * {@code x = (r sin t, r cos t)}. Rows are ordered class by class; the normal draws come from
     * {@code new Random(seed)} in that order. Not linearly separable for 3 classes.
     *
     * @return {@code x: (perClass * classes, 2)}, labels {@code 0, ..., classes - 1}; at most
     *         {@link Require#MAX_ENTRIES} entries
     */
    public static Dataset spiral(int perClass, int classes, long seed) {
        Require.positive("perClass", perClass);
        Require.positive("classes", classes);
        Require.entries("perClass * classes * 2", perClass, classes, 2);
        Random random = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(perClass * classes, 2);
        int[] y = new int[perClass * classes];
        for (int j = 0; j < classes; j++) {
            for (int i = 0; i < perClass; i++) {
                int row = j * perClass + i;
                // r = linspace(0, 1, N), t = linspace(4j, 4(j+1), N) + 0.2 randn
                double r = linspace(0, 1, perClass, i);
                double t = linspace(4.0 * j, 4.0 * (j + 1), perClass, i) + 0.2 * random.nextGaussian();
                // x = (r sin t, r cos t)
                x.set(row, 0, r * Math.sin(t));
                x.set(row, 1, r * Math.cos(t));
                y[row] = j;
            }
        }
        return new Dataset(x, y, classes);
    }

    /**
     * Gaussian blobs: class centres drawn uniformly from {@code [-10, 10]^dims} first, then for each class
     * {@code perClass} points {@code centre + spread * randn(dims)}, all from {@code new Random(seed)}. Rows are
     * ordered class by class.
     *
     * @param spread standard deviation of each blob, {@code > 0}
     * @return {@code x: (perClass * classes, dims)}, at most {@link Require#MAX_ENTRIES} entries
     */
    public static Dataset blobs(int perClass, int classes, int dims, double spread, long seed) {
        Require.positive("perClass", perClass);
        Require.positive("classes", classes);
        Require.positive("dims", dims);
        Require.entries("perClass * classes * dims", perClass, classes, dims);
        Require.positive("spread", spread);
        Random random = new Random(seed);
        double[][] centres = new double[classes][dims];
        for (double[] centre : centres) {
            for (int d = 0; d < dims; d++) {
                centre[d] = -10 + 20 * random.nextDouble();
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(perClass * classes, dims);
        int[] y = new int[perClass * classes];
        for (int j = 0; j < classes; j++) {
            for (int i = 0; i < perClass; i++) {
                int row = j * perClass + i;
                for (int d = 0; d < dims; d++) {
                    x.set(row, d, centres[j][d] + spread * random.nextGaussian());
                }
                y[row] = j;
            }
        }
        return new Dataset(x, y, classes);
    }

    /**
     * A uniformly random permutation of {@code 0, ..., n - 1} (Fisher-Yates), {@code 1 <= n <=}
     * {@link Require#MAX_ENTRIES}. Modifies {@code random}.
     */
    public static int[] permutation(int n, Random random) {
        Require.entries("n", n);
        Require.notNull("random", random);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[k];
            order[k] = swap;
        }
        return order;
    }

    /** Entry {@code i} of numpy's {@code linspace(from, to, n)}: {@code from + (to - from) i / (n - 1)}. */
    private static double linspace(double from, double to, int n, int i) {
        return n == 1 ? from : from + (to - from) * i / (n - 1);
    }
}
