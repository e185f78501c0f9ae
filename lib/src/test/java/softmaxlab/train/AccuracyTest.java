package softmaxlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import softmaxlab.data.Dataset;
import softmaxlab.math.LinearSoftmax;
import softmaxlab.math.Matrices;

class AccuracyTest {

    @Test
    void shareOfCorrectPredictions() {
        assertEquals(0.75, Accuracy.of(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0}));
    }

    @Test
    void ofAModelOnADataset() {
        // W = I: the class is the larger input
        LinearSoftmax model = new LinearSoftmax(Matrices.of(new double[][] {{1, 0}, {0, 1}}), Matrices.row(0, 0));
        Dataset d = new Dataset(Matrices.of(new double[][] {{2, 1}, {0, 3}, {5, 4}}), new int[] {0, 1, 1}, 2);
        assertEquals(2 / 3.0, Accuracy.of(model, d));
    }

    @Test
    void rejectsLabelsOfAnotherLength() {
        var e = assertThrows(IllegalArgumentException.class, () -> Accuracy.of(new int[] {0, 1}, new int[] {0}));
        assertEquals("y has length 1; expected 2 labels, one per prediction: predicted has length 2",
                e.getMessage());
    }
}
