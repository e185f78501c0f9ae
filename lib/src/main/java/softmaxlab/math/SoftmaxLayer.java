package softmaxlab.math;

import org.ejml.data.DMatrixRMaj;

/**
 * Document 004's {@code SoftmaxLayer}: {@code forward} shifts each row by its maximum, stores
 * {@code A = Softmax(S)} (the document's {@code top_val}); {@code backward(y)} returns the gradient of the batch-mean
 * cross-entropy, {@code dscores = A; dscores[range(N), y] -= 1; dscores /= N}, i.e. {@code (A - Y)/N}. The
 * {@code / N} is there because the loss is the mean over the batch.
 */
public final class SoftmaxLayer {

    private DMatrixRMaj a;

    /**
     * Stores and returns {@code A = Softmax(S)}, {@code (N, C)}.
     *
     * @param s scores {@code (N, C)}. Not modified.
     */
    public DMatrixRMaj forward(DMatrixRMaj s) {
        a = Softmax.rows(s);
        return a.copy();
    }

    /**
     * {@code dL/dS = (A - Y)/N} for the {@code A} of the last {@link #forward}.
     *
     * @param y labels {@code int[N]} in {@code [0, C)}. Not modified.
     * @throws IllegalStateException if {@link #forward} was not called first
     */
    public DMatrixRMaj backward(int[] y) {
        if (a == null) {
            throw new IllegalStateException("backward called before forward; expected forward(S) first");
        }
        // A has the shape of the S it came from
        Require.labels("y", y, "S", a, "S", a);
        return CrossEntropy.gradientFromSoftmax(a, y);
    }
}
