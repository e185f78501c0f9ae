package softmaxlab.check;

import org.ejml.data.DMatrixRMaj;
import softmaxlab.math.Matrices;
import softmaxlab.math.Require;

/**
 * One value computed two independent ways must agree, e.g. a listing's translation against the library, or a graph
 * node against the library's formula: {@code Same.matrices("backward", library.backward(y), listing.backward(y),
 * EXACT)}. A disagreement is an {@link AssertionError} naming what differs, where, and by how much, so a notebook
 * cell needs no hand-written comparison. Agreement: {@code |expected - actual| <= tolerance} for every entry.
 */
public final class Same {

    private Same() {
    }

    /**
     * Requires {@code |expected - actual| <= tolerance}. Returns {@code actual}.
     *
     * @param what      what is compared, for the message
     * @param tolerance {@code >= 0}
     * @throws AssertionError when they differ by more (or either is NaN)
     */
    public static double values(String what, double expected, double actual, double tolerance) {
        Require.text("what", what);
        Require.nonNegative("tolerance", tolerance);
        if (!(Math.abs(expected - actual) <= tolerance)) {
            throw new AssertionError(what + ": " + actual + " differs from " + expected + " by "
                    + Math.abs(expected - actual) + "; expected at most " + tolerance);
        }
        return actual;
    }

    /**
     * Requires equal shapes and {@code |expected[i, j] - actual[i, j]| <= tolerance} for every entry. Returns
     * {@code actual}. Not modified: either matrix.
     *
     * @param tolerance {@code >= 0}
     * @throws AssertionError naming the worst entry when they differ by more, or the shapes when they differ
     */
    public static DMatrixRMaj matrices(String what, DMatrixRMaj expected, DMatrixRMaj actual, double tolerance) {
        Require.text("what", what);
        Require.matrix("expected", expected);
        Require.matrix("actual", actual);
        Require.nonNegative("tolerance", tolerance);
        if (expected.numRows != actual.numRows || expected.numCols != actual.numCols) {
            throw new AssertionError(what + ": shape " + Matrices.shape(actual) + " differs from "
                    + Matrices.shape(expected));
        }
        // the worst entry; a NaN is the worst of all
        int worst = -1;
        double gap = -1;
        for (int k = 0; k < expected.getNumElements() && !Double.isNaN(gap); k++) {
            double d = Math.abs(expected.data[k] - actual.data[k]);
            if (Double.isNaN(d) || d > gap) {
                worst = k;
                gap = d;
            }
        }
        if (worst >= 0 && !(gap <= tolerance)) {
            int i = worst / expected.numCols;
            int j = worst % expected.numCols;
            throw new AssertionError(what + ": entry [" + i + ", " + j + "] = " + actual.data[worst] + " differs "
                    + "from " + expected.data[worst] + " by " + gap + "; expected at most " + tolerance);
        }
        return actual;
    }
}
