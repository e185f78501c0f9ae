package softmaxlab.listings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import softmaxlab.check.GradientCheck;
import softmaxlab.math.CrossEntropy;
import softmaxlab.math.Matrices;
import softmaxlab.math.Softmax;
import softmaxlab.math.SoftmaxLayer;

/** Document 004's listings behave as numpy runs them, and agree with the library and with central differences. */
class Listing004Test {

    /** Two evaluations of one formula in double precision. */
    static final double EXACT_TOL = 1e-12;

    /** The post's example batch: N = 2, five classes, sample 1 with probabilities f and label 2 (the third class). */
    static final DMatrixRMaj S = Matrices.of(new double[][] {
        {Math.log(0.1), Math.log(0.2), Math.log(0.25), Math.log(0.4), Math.log(0.05)}, {0.3, -1, 2, 0.5, 0}});
    static final int[] Y = {2, 0};

    @Test
    void forwardIsTheSoftmaxOfEachRowAndReturnsTheStoredArray() {
        Listing004.SoftmaxLayer layer = new Listing004.SoftmaxLayer();
        DMatrixRMaj top = layer.forward(S);
        assertSame(layer.topVal(), top);
        DMatrixRMaj library = Softmax.rows(S);
        for (int k = 0; k < S.getNumElements(); k++) {
            assertEquals(library.data[k], top.data[k], EXACT_TOL);
        }
        assertEquals(0.25, top.get(0, 2), EXACT_TOL);
        // the max shift: scores of +-1000 stay finite
        DMatrixRMaj huge = layer.forward(Matrices.row(1000, 0, -1000));
        assertEquals(1, huge.get(0, 0), EXACT_TOL);
    }

    @Test
    void backwardIsTheGradientOfTheBatchMeanCost() {
        Random random = new Random(4);
        DMatrixRMaj s = Matrices.gaussian(4, 5, 2.0, random);
        int[] y = {3, 0, 4, 1};
        Listing004.SoftmaxLayer layer = new Listing004.SoftmaxLayer();
        layer.forward(s);
        GradientCheck.dense("S", z -> CrossEntropy.mean(z, y), s, layer.backward(y)).requirePassed();
    }

    /** Law: on random batches (scores up to +-50), the listing's layer is the library's, forward and backward. */
    @Property(tries = 100, seed = "20180729")
    void theListingIsTheLibrarysLayer(@ForAll @IntRange(min = 1, max = 7) int n,
                                      @ForAll @IntRange(min = 1, max = 6) int c,
                                      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        Random random = new Random(seed);
        DMatrixRMaj s = Matrices.gaussian(n, c, 50.0, random);
        int[] y = random.ints(n, 0, c).toArray();
        Listing004.SoftmaxLayer listing = new Listing004.SoftmaxLayer();
        SoftmaxLayer library = new SoftmaxLayer();
        DMatrixRMaj top = listing.forward(s);
        DMatrixRMaj expected = library.forward(s);
        DMatrixRMaj dscores = listing.backward(y);
        DMatrixRMaj expectedD = library.backward(y);
        for (int k = 0; k < n * c; k++) {
            assertEquals(expected.data[k], top.data[k], EXACT_TOL);
            assertEquals(expectedD.data[k], dscores.data[k], EXACT_TOL);
        }
    }

    @Test
    void listingOneAloneIsTheGradientOfTheSumAndListingThreeDividesByN() {
        Listing004.SoftmaxLayer layer = new Listing004.SoftmaxLayer();
        DMatrixRMaj dscores = layer.forward(S).copy();
        Listing004.subtractOneAtLabels(dscores, Y);
        assertEquals(0.25 - 1, dscores.get(0, 2), EXACT_TOL);
        GradientCheck.dense("S", z -> CrossEntropy.sum(z, Y), S, dscores).requirePassed();
        Listing004.divideByN(dscores, 2);
        // listing 1 then listing 3: the gradient of the batch mean, against central differences (not backward,
        // which runs the same two steps)
        GradientCheck.dense("S", z -> CrossEntropy.mean(z, Y), S, dscores).requirePassed();
    }

    @Test
    void modifyingWhatForwardReturnedChangesBackwardAsInPython() {
        Listing004.SoftmaxLayer layer = new Listing004.SoftmaxLayer();
        layer.forward(S).set(1, 1, 10);
        assertEquals(10 / 2.0, layer.backward(Y).get(1, 1), EXACT_TOL);
    }

    @Test
    void indexingFollowsNumpy() {
        Listing004.SoftmaxLayer layer = new Listing004.SoftmaxLayer();
        DMatrixRMaj top = layer.forward(S).copy();
        // a negative label counts from the last class
        assertEquals((top.get(0, 4) - 1) / 2, layer.backward(new int[] {-1, 0}).get(0, 4), EXACT_TOL);
        // one-hot rows of shape (2, 5) do not broadcast with range(2): numpy's IndexError
        int[][] oneHot = {{0, 0, 1, 0, 0}, {1, 0, 0, 0, 0}};
        assertMessage("IndexError: shape mismatch: indexing arrays could not be broadcast together with shapes (2,) "
                + "(2,5)", () -> layer.backward(oneHot));
        // with as many classes as samples they broadcast to (2, 2): rows [0, 1] in every row, columns the 0s and 1s
        Listing004.SoftmaxLayer square = new Listing004.SoftmaxLayer();
        DMatrixRMaj a = square.forward(Matrices.of(new double[][] {{1, 2}, {0, 3}})).copy();
        DMatrixRMaj d = square.backward(new int[][] {{0, 1}, {1, 0}});
        for (int k = 0; k < 4; k++) {
            assertEquals((a.data[k] - 1) / 2, d.data[k], EXACT_TOL);
        }
        assertMessage("IndexError: index 5 is out of bounds for axis 1 with size 5",
                () -> layer.backward(new int[] {5, 0}));
        assertMessage("IndexError: index 2 is out of bounds for axis 0 with size 2",
                () -> layer.backward(new int[] {0, 1, 2}));
    }

    @Test
    void badInputIsRefusedWhereNumpyWouldWarnOrFail() {
        Listing004.SoftmaxLayer layer = new Listing004.SoftmaxLayer();
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> layer.backward(Y));
        assertTrue(early.getMessage().contains("has no attribute 'top_val'"), early.getMessage());
        assertMessage("in_data[0, 1] = NaN", () -> layer.forward(Matrices.row(0, Double.NaN)));
        assertMessage("in_data has shape (2, 0); expected at least one column",
                () -> layer.forward(new DMatrixRMaj(2, 0)));
        layer.forward(S);
        assertMessage("N = 0; expected N >= 1", () -> layer.backward(new int[0]));
        assertMessage("residual[1] has length 1; expected 2", () -> layer.backward(new int[][] {{0, 1}, {0}}));
        assertMessage("residual is null", () -> layer.backward((int[]) null));
    }

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> "message: " + e.getMessage() + "\nexpected: " + expected);
    }
}
