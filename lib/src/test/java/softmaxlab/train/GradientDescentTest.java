package softmaxlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import softmaxlab.data.Dataset;
import softmaxlab.data.Datasets;
import softmaxlab.math.L2;
import softmaxlab.math.LinearSoftmax;
import softmaxlab.math.Model;
import softmaxlab.math.TwoLayerNet;
import tech.tablesaw.api.Table;

class GradientDescentTest {

    /** 3-class spiral of cs231n's case study: a linear classifier reaches ~50%, the two-layer net ~98%. */
    private final Dataset spiral = Datasets.spiral(100, 3, 0);

    @Test
    void twoLayerNetLearnsTheSpiralAndTheLinearClassifierCannot() {
        GradientDescent sgd = new GradientDescent(500, 50, 1.0, L2.halfNorm(1e-3), 1);
        History net = sgd.fit(TwoLayerNet.init(2, 100, 3, 0.01, 2), spiral);
        History linear = sgd.fit(LinearSoftmax.init(2, 3, 0.01, 2), spiral);
        // epoch 0: tiny weights, every a_j ~ 1/3
        assertEquals(Math.log(3), net.epochs().get(0).loss(), 1e-3);
        assertTrue(net.last().trainAccuracy() > 0.9, "two-layer net: " + net.last());
        assertTrue(linear.last().trainAccuracy() < 0.65, "linear classifier: " + linear.last());
        assertTrue(net.last().loss() < linear.last().loss());
    }

    @Test
    void miniBatchesOnBlobsReachHighValidationAccuracy() {
        Dataset.Split split = Datasets.blobs(100, 4, 5, 1.0, 3).split(0.8, 4);
        History h = new GradientDescent(20, 16, 0.1, L2.NONE, 5).fit(LinearSoftmax.init(5, 4, 0.01, 6),
                split.train(), split.test());
        assertEquals(21, h.epochs().size());
        assertTrue(h.last().validationAccuracy().orElseThrow() > 0.95, h.last().toString());
        assertTrue(h.last().loss() < h.epochs().get(0).loss());
    }

    @Test
    void aFullBatchRecordsEachEpochAsTheLossAndAccuracyComputedAfresh() {
        for (Model model : List.of(TwoLayerNet.init(2, 20, 3, 0.1, 1), LinearSoftmax.init(2, 3, 0.1, 1))) {
            L2 reg = L2.halfNorm(1e-3);
            List<String> mismatches = new ArrayList<>();
            // the listener runs at the parameters of the last record: recompute it with the separate passes
            new GradientDescent(6, spiral.size(), 1.0, reg, 0).fit(model, spiral, history -> {
                History.Epoch last = history.last();
                double loss = model.loss(spiral.x(), spiral.y(), reg);
                double accuracy = Accuracy.of(model, spiral);
                if (Math.abs(last.loss() - loss) > 1e-12 * loss || last.trainAccuracy() != accuracy) {
                    mismatches.add(last + " against loss " + loss + ", accuracy " + accuracy);
                }
            });
            assertEquals(List.of(), mismatches, model.parameterNames().toString());
        }
    }

    @Test
    void sameSeedSameNumbers() {
        GradientDescent gd = new GradientDescent(3, 32, 0.5, L2.halfNorm(1e-3), 9);
        TwoLayerNet a = TwoLayerNet.init(2, 10, 3, 0.1, 1);
        TwoLayerNet b = TwoLayerNet.init(2, 10, 3, 0.1, 1);
        History ha = gd.fit(a, spiral);
        History hb = gd.fit(b, spiral);
        assertEquals(ha, hb);
        assertArrayEquals(a.params().w1().data, b.params().w1().data, 0.0);
    }

    @Test
    void listenerSeesTheHistoryGrowEpochByEpoch() {
        List<Integer> sizes = new ArrayList<>();
        new GradientDescent(4, 50, 0.5, L2.NONE, 1).fit(LinearSoftmax.init(2, 3, 0.01, 1), spiral,
                history -> sizes.add(history.epochs().size()));
        assertEquals(List.of(1, 2, 3, 4, 5), sizes);
    }

    @Test
    void historyTableHasOneRowPerEpoch() {
        Dataset.Split split = spiral.split(0.8, 1);
        History h = new GradientDescent(2, 50, 0.5, L2.NONE, 1).fit(LinearSoftmax.init(2, 3, 0.01, 1),
                split.train(), split.test());
        Table t = h.toTable();
        assertEquals(List.of("epoch", "loss", "train accuracy", "validation accuracy"), t.columnNames());
        assertEquals(3, t.rowCount());
        assertEquals(h.last().loss(), t.doubleColumn("loss").get(2));
        assertEquals(3, new GradientDescent(2, 50, 0.5, L2.NONE, 1).fit(LinearSoftmax.init(2, 3, 0.01, 1), spiral)
                .toTable().columnCount());
    }

    @Test
    void divergenceIsReportedWithTheRateTheEpochAndTheLoss() {
        Dataset far = Datasets.blobs(20, 2, 2, 1.0, 1);
        GradientDescent tooLarge = new GradientDescent(50, 40, 1e308, L2.NONE, 1);
        var e = assertThrows(IllegalStateException.class, () -> tooLarge.fit(LinearSoftmax.init(2, 2, 0.01, 1), far));
        assertTrue(e.getMessage().startsWith("training diverged in epoch 1 with learningRate = 1.0E308 (loss 0.64"),
                e.getMessage());
        assertTrue(e.getMessage().contains("after epoch 0): W has a non-finite entry"), e.getMessage());
    }

    @Test
    void divergenceThroughOverflowingScoresNamesTheRateNotAnInternalVariable() {
        // a rate that keeps the weights finite after a step, but makes H W2 overflow in the scores of the next
        Dataset data = Datasets.blobs(20, 3, 2, 1.0, 1);
        GradientDescent tooLarge = new GradientDescent(5, 10, 1e300, L2.NONE, 1);
        var e = assertThrows(IllegalStateException.class, () -> tooLarge.fit(TwoLayerNet.init(2, 4, 3, 0.1, 1), data));
        assertTrue(e.getMessage().startsWith("training diverged in epoch 1 with learningRate = 1.0E300 (loss 1.07"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("expected a smaller learningRate"), e.getMessage());
    }

    @Test
    void aLossThatExplodesWhileFiniteStopsTrainingAtTheBound() {
        // one step of 1e6 on inputs of size ~1 makes the scores, and so the loss, about 1e6: finite, but diverging
        Dataset data = Datasets.blobs(20, 3, 2, 1.0, 1);
        GradientDescent tooLarge = new GradientDescent(5, 10, 1e6, L2.NONE, 1);
        var e = assertThrows(IllegalStateException.class, () -> tooLarge.fit(LinearSoftmax.init(2, 3, 0.01, 1), data));
        assertTrue(e.getMessage().startsWith("training diverged in epoch 1 with learningRate = 1000000.0 (loss 1.08"),
                e.getMessage());
        assertTrue(e.getMessage().contains("'s loss is "), e.getMessage());
        assertTrue(e.getMessage().contains("above 1086.7"), e.getMessage());
        assertTrue(e.getMessage().contains("= DIVERGENCE_FACTOR * max(L_0, 1) with L_0 the loss before training"),
                e.getMessage());
    }

    @Test
    void aFullBatchLossThatExplodesWhileFiniteStopsTrainingAtTheBound() {
        // the same step with the whole set as one batch: the training loss after the epoch is the one checked
        Dataset data = Datasets.blobs(20, 3, 2, 1.0, 1);
        GradientDescent tooLarge = new GradientDescent(5, 60, 1e6, L2.NONE, 1);
        var e = assertThrows(IllegalStateException.class, () -> tooLarge.fit(LinearSoftmax.init(2, 3, 0.01, 1), data));
        assertTrue(e.getMessage().startsWith("training diverged in epoch 1 with learningRate = 1000000.0 (loss 1.08"),
                e.getMessage());
        assertTrue(e.getMessage().contains("the training loss after epoch 1 is "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; expected a smaller learningRate"), e.getMessage());
    }

    @Test
    void aLossBelowTheBoundTrainsOn() {
        // a rate too large to help (the loss rises) but whose loss stays below 1000 L_0: no error, the history says it
        Dataset data = Datasets.blobs(20, 3, 2, 1.0, 1);
        History h = new GradientDescent(3, 60, 50, L2.NONE, 1).fit(LinearSoftmax.init(2, 3, 0.01, 1), data);
        double bound = GradientDescent.DIVERGENCE_FACTOR * Math.max(h.epochs().get(0).loss(), 1);
        assertTrue(h.epochs().stream().allMatch(epoch -> epoch.loss() < bound), h.toString());
        assertEquals(4, h.epochs().size());
    }

    @Test
    void rejectsANonPositiveLearningRate() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GradientDescent(1, 1, -0.1, L2.NONE, 1));
        assertEquals("learningRate = -0.1; expected a positive finite number", e.getMessage());
    }

    @Test
    void rejectsAnEmptyBatchSize() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GradientDescent(1, 0, 0.1, L2.NONE, 1));
        assertEquals("batchSize = 0; expected a positive integer", e.getMessage());
    }

    @Test
    void rejectsZeroEpochs() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GradientDescent(0, 10, 0.1, L2.NONE, 1));
        assertEquals("epochs = 0; expected a positive integer", e.getMessage());
    }

    @Test
    void rejectsAModelOfTheWrongInputWidth() {
        GradientDescent gd = new GradientDescent(1, 10, 0.1, L2.NONE, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> gd.fit(LinearSoftmax.init(3, 3, 0.01, 1), spiral));
        assertEquals("W has shape (3, 3); expected 2 rows to match X: (300, 2)", e.getMessage());
    }
    /** A linear classifier whose evaluate hands back the gradients {@code change} makes of its own. */
    private static Model withGradients(java.util.function.UnaryOperator<List<DMatrixRMaj>> change) {
        LinearSoftmax inner = LinearSoftmax.init(2, 3, 0.01, 1);
        return new Model() {
            public List<DMatrixRMaj> parameters() {
                return inner.parameters();
            }

            public List<String> parameterNames() {
                return inner.parameterNames();
            }

            public DMatrixRMaj scores(DMatrixRMaj x) {
                return inner.scores(x);
            }

            public Evaluation evaluate(DMatrixRMaj x, int[] y, L2 reg) {
                Evaluation e = inner.evaluate(x, y, reg);
                return new Evaluation(e.loss(), change.apply(e.gradients()), e.predicted());
            }

            public double loss(DMatrixRMaj x, int[] y, L2 reg) {
                return inner.loss(x, y, reg);
            }
        };
    }

    @Test
    void rejectsAModelWhoseGradientsDoNotMatchItsParameters() {
        for (int batchSize : new int[] {10, 1000}) {
            GradientDescent gd = new GradientDescent(1, batchSize, 0.1, L2.NONE, 1);
            var fewer = assertThrows(IllegalArgumentException.class,
                    () -> gd.fit(withGradients(g -> g.subList(0, 1)), spiral));
            assertEquals("the model's evaluate gave 1 gradients for its 2 parameters [W, b]; expected one per "
                    + "parameter", fewer.getMessage());
            var transposed = assertThrows(IllegalArgumentException.class,
                    () -> gd.fit(withGradients(g -> List.of(CommonOps_DDRM.transpose(g.get(0), null), g.get(1))),
                            spiral));
            assertEquals("the gradient of W has shape (3, 2); expected (2, 3) to match W: (2, 3)",
                    transposed.getMessage());
        }
    }
}
