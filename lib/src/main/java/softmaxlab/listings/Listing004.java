package softmaxlab.listings;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import softmaxlab.math.Matrices;
import softmaxlab.math.Require;

/**
 * Document 004's code listings, run as printed: the CSDN post by weixin_37251044 (blog.csdn.net) whose section
 * "2.代码" prints three Python/numpy listings. Each is translated line by line, numpy's semantics kept: a numpy array
 * is a {@link DMatrixRMaj} (rows are samples), an integer array is {@code int[]} (shape {@code (N,)}) or
 * {@code int[][]} (shape {@code (N, C)}, e.g. one-hot rows), and {@code dscores[range(N), list(residual)]} is numpy's
 * advanced indexing: the two index arrays are broadcast together, negative indices count from the end, an index out
 * of bounds or shapes that do not broadcast fail (numpy's {@code IndexError}, here an
 * {@link IllegalArgumentException} with numpy's message). None of this is the library's own softmax: the
 * notebook compares it with {@code softmaxlab.math.SoftmaxLayer} and central differences.
 *
 * <ol>
 *   <li>{@link #subtractOneAtLabels}: {@code dscores[range(N), list(residual)] -= 1} ("the gradient of the loss with
 *   respect to the softmax input is one line").</li>
 *   <li>{@link SoftmaxLayer}: the class {@code SoftmaxLayer} with {@code forward} and {@code backward}.</li>
 *   <li>{@link #divideByN}: {@code dscores /= N}, the line the post asks about.</li>
 * </ol>
 * Where numpy would return NaN or infinity with a warning (a NaN or infinite score, {@code dscores /= 0}), these
 * methods refuse the input instead.
 */
public final class Listing004 {

    private Listing004() {
    }

    /**
     * Listing 2, as printed:
     * <pre>
     * class SoftmaxLayer:
     *     def __init__(self, name='Softmax'):
     *         pass
     *     def forward(self, in_data):
     *         shift_scores = in_data - np.max(in_data, axis=1).reshape(-1, 1)
     *         self.top_val = np.exp(shift_scores) / np.sum(np.exp(shift_scores), axis=1).reshape(-1, 1)
     *         return self.top_val
     *     def backward(self, residual):
     *         N = residual.shape[0]
     *         dscores = self.top_val.copy()
     *         dscores[range(N), list(residual)] -= 1
     *         dscores /= N
     *         return dscores
     * </pre>
     * {@code residual} is the labels, despite its name, and must be a numpy array (a Python list has no
     * {@code shape}: AttributeError).
     */
    public static final class SoftmaxLayer {

        private DMatrixRMaj topVal;

        /** {@code __init__(self, name='Softmax')}: {@code pass}, nothing stored. */
        public SoftmaxLayer() {
        }

        /**
         * {@code top_val = exp(S - rowmax) / rowsum(exp(S - rowmax))}, stored and returned.
         *
         * @param inData scores {@code (N, C)}, finite, {@code C >= 1}. Not modified.
         * @return {@code top_val} itself, as Python returns a reference to the stored array: modifying it changes
         *         what {@link #backward} reads
         */
        public DMatrixRMaj forward(DMatrixRMaj inData) {
            Require.finite("in_data", Require.matrix("in_data", inData));
            if (inData.numCols == 0) {
                throw new IllegalArgumentException("in_data has shape " + Matrices.shape(inData)
                        + "; expected at least one column (numpy: ValueError, zero-size array to reduction "
                        + "operation maximum)");
            }
            int n = inData.numRows;
            int c = inData.numCols;
            // shift_scores = in_data - np.max(in_data, axis=1).reshape(-1, 1)
            DMatrixRMaj shift = new DMatrixRMaj(n, c);
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    max = Math.max(max, inData.get(i, j));
                }
                for (int j = 0; j < c; j++) {
                    shift.set(i, j, inData.get(i, j) - max);
                }
            }
            // self.top_val = np.exp(shift_scores) / np.sum(np.exp(shift_scores), axis=1).reshape(-1, 1)
            topVal = new DMatrixRMaj(n, c);
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < c; j++) {
                    sum += Math.exp(shift.get(i, j));
                }
                for (int j = 0; j < c; j++) {
                    topVal.set(i, j, Math.exp(shift.get(i, j)) / sum);
                }
            }
            return topVal;
        }

        /**
         * {@code dscores = top_val.copy(); dscores[range(N), list(residual)] -= 1; dscores /= N} with
         * {@code N = residual.shape[0]}: for labels in {@code [0, C)}, {@code (A - Y)/N}.
         *
         * @param residual labels, shape {@code (N,)}; negative ones count from the last class, as in numpy. Not
         *                 modified.
         * @throws IllegalStateException    before {@link #forward} (Python: AttributeError, no top_val)
         * @throws IllegalArgumentException where numpy raises IndexError, or for N = 0 (a division by zero)
         */
        public DMatrixRMaj backward(int[] residual) {
            Require.notNull("residual", residual);
            return backward(residual.length, new int[] {residual.length}, residual.clone());
        }

        /**
         * The same with a two-dimensional {@code residual}, shape {@code (N, K)}, e.g. the one-hot rows the post's
         * example calls y_i: {@code list(residual)} is then an index array of shape (N, K), which numpy broadcasts
         * with {@code range(N)}, shape (N,), only when K = N or one of them is 1; otherwise it fails as numpy does:
         * "shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (2,5)".
         *
         * @param residual rows of equal length. Not modified.
         */
        public DMatrixRMaj backward(int[][] residual) {
            Require.notNull("residual", residual);
            int k = residual.length == 0 ? 0 : Require.notNull("residual[0]", residual[0]).length;
            int[] flat = new int[Math.multiplyExact(residual.length, k)];
            for (int i = 0; i < residual.length; i++) {
                Require.notNull("residual[" + i + "]", residual[i]);
                if (residual[i].length != k) {
                    throw new IllegalArgumentException("residual[" + i + "] has length " + residual[i].length
                            + "; expected " + k + " like residual[0] (a rectangular array)");
                }
                System.arraycopy(residual[i], 0, flat, i * k, k);
            }
            return backward(residual.length, new int[] {residual.length, k}, flat);
        }

        private DMatrixRMaj backward(int n, int[] shape, int[] residual) {
            if (topVal == null) {
                throw new IllegalStateException("backward called before forward (Python: AttributeError, "
                        + "'SoftmaxLayer' object has no attribute 'top_val'); expected forward(in_data) first");
            }
            DMatrixRMaj dscores = topVal.copy();
            subtractOneAt(dscores, n, shape, residual);
            divideByN(dscores, n);
            return dscores;
        }

        /** The {@code top_val} of the last {@link #forward}, or null before it. */
        public DMatrixRMaj topVal() {
            return topVal;
        }
    }

    /**
     * Listing 1, {@code dscores[range(N), list(residual)] -= 1} with {@code N = residual.shape[0]}: subtracts 1 at
     * each row's label. Alone, without listing 3, this is {@code A - Y}: the gradient of the summed cost, N times
     * that of the batch mean.
     *
     * @param dscores  {@code (rows, C)}, finite. Modified.
     * @param residual labels, shape {@code (N,)}. Not modified.
     * @throws IllegalArgumentException where numpy raises IndexError (N > rows, a label outside [-C, C))
     */
    public static void subtractOneAtLabels(DMatrixRMaj dscores, int[] residual) {
        Require.finite("dscores", dscores);
        Require.notNull("residual", residual);
        subtractOneAt(dscores, residual.length, new int[] {residual.length}, residual.clone());
    }

    /**
     * Listing 3, {@code dscores /= N}: the batch cost is the mean over N samples, so each sample's gradient carries
     * 1/N.
     *
     * @param dscores {@code (N, C)}, finite. Modified.
     * @param n       N, at least 1 (numpy would divide by zero into inf and nan)
     */
    public static void divideByN(DMatrixRMaj dscores, int n) {
        Require.finite("dscores", dscores);
        if (n <= 0) {
            throw new IllegalArgumentException("N = " + n + "; expected N >= 1 samples (numpy would divide by "
                    + "zero: inf and nan with a RuntimeWarning)");
        }
        for (int k = 0; k < dscores.getNumElements(); k++) {
            dscores.data[k] /= n;
        }
    }

    // a[range(n), cols] -= 1 with numpy's advanced indexing: broadcast the index arrays (shapes (n,) and colShape),
    // check every index before changing anything, then a[idx] = a[idx] - 1 (a repeated pair is set, not added, twice)
    private static void subtractOneAt(DMatrixRMaj a, int n, int[] colShape, int[] cols) {
        int[] rowShape = {n};
        int[] shape = broadcast(rowShape, colShape);
        long size = 1;
        for (int d : shape) {
            size *= d;
            if (size > Require.MAX_ENTRIES) {
                throw new IllegalArgumentException("the index arrays broadcast to shape " + numpyShape(shape)
                        + "; expected at most " + Require.MAX_ENTRIES + " entries (Require.MAX_ENTRIES)");
            }
        }
        int count = (int) size;
        int[] r = new int[count];
        int[] c = new int[count];
        int[] at = new int[shape.length];
        for (int p = 0; p < count; p++) {
            r[p] = check(flatIndex(rowShape, shape, at), 0, a.numRows); // range(n)[i] is i
            c[p] = check(cols[flatIndex(colShape, shape, at)], 1, a.numCols);
            next(at, shape);
        }
        double[] values = new double[count];
        for (int p = 0; p < count; p++) {
            values[p] = a.get(r[p], c[p]) - 1;
        }
        for (int p = 0; p < count; p++) {
            a.set(r[p], c[p], values[p]);
        }
    }

    // numpy's broadcasting of two shapes, aligned at their last axes; a mismatch is numpy's IndexError
    private static int[] broadcast(int[] s, int[] t) {
        int rank = Math.max(s.length, t.length);
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            int x = d - (rank - s.length) >= 0 ? s[d - (rank - s.length)] : 1;
            int y = d - (rank - t.length) >= 0 ? t[d - (rank - t.length)] : 1;
            if (x != y && x != 1 && y != 1) {
                throw new IllegalArgumentException("IndexError: shape mismatch: indexing arrays could not be "
                        + "broadcast together with shapes " + numpyShape(s) + " " + numpyShape(t) + "; expected "
                        + "residual to be the labels, shape (N,)");
            }
            out[d] = x == 1 ? y : x;
        }
        return out;
    }

    // the flat position in an operand of shape `own` of the element broadcast to position `at` of `shape`
    private static int flatIndex(int[] own, int[] shape, int[] at) {
        int offset = shape.length - own.length;
        int flat = 0;
        for (int d = 0; d < own.length; d++) {
            flat = flat * own[d] + (own[d] == 1 ? 0 : at[d + offset]);
        }
        return flat;
    }

    // the next multi-index in row-major order
    private static void next(int[] at, int[] shape) {
        for (int d = at.length - 1; d >= 0; d--) {
            if (++at[d] < shape[d]) {
                return;
            }
            at[d] = 0;
        }
    }

    // numpy's bounds: -size <= i < size, a negative index counting from the end
    private static int check(int i, int axis, int size) {
        if (i < -size || i >= size) {
            throw new IllegalArgumentException("IndexError: index " + i + " is out of bounds for axis " + axis
                    + " with size " + size + "; expected " + (axis == 0 ? "N = residual.shape[0] at most the rows "
                    + "of top_val" : "labels in [0, " + size + ")"));
        }
        return i < 0 ? i + size : i;
    }

    private static String numpyShape(int[] shape) {
        return shape.length == 1 ? "(" + shape[0] + ",)"
                : Arrays.toString(shape).replace('[', '(').replace(']', ')').replace(" ", "");
    }
}
