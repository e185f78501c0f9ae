package softmaxlab.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import softmaxlab.data.Dataset;
import softmaxlab.data.Datasets;
import softmaxlab.math.L2;
import softmaxlab.math.TwoLayerNet;

/**
 * cs231n's spiral case study: a two-layer net (D = 2, 100 hidden units, C = 3) trained on N = 300 points by
 * 10,000 full-batch gradient steps, step size 1, {@code R = (1e-3/2)(||W1||^2 + ||W2||^2)}. One benchmark call is
 * the whole loop from the same initial weights; {@code bench/numpy_reference.py} times the same loop in numpy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TwoLayerSpiralBenchmark {

    static final int STEPS = 10_000;
    static final double STEP_SIZE = 1.0;

    private Dataset data;

    @Setup
    public void setUp() {
        data = Datasets.spiral(100, 3, 0);
    }

    @Benchmark
    public double train() {
        return train(data, STEPS);
    }

    /** The loop: {@code steps} full-batch steps from the same initial weights; returns the last loss. */
    static double train(Dataset data, int steps) {
        TwoLayerNet net = TwoLayerNet.init(2, 100, 3, 0.01, 0);
        L2 reg = L2.halfNorm(1e-3);
        double loss = 0;
        for (int step = 0; step < steps; step++) {
            TwoLayerNet.LossAndGradients r = net.lossAndGradients(data.x(), data.y(), reg);
            loss = r.loss();
            List<DMatrixRMaj> p = net.params().asList();
            List<DMatrixRMaj> g = r.gradients().asList();
            for (int k = 0; k < p.size(); k++) {
                // P = P - step dL/dP
                CommonOps_DDRM.addEquals(p.get(k), -STEP_SIZE, g.get(k));
            }
        }
        return loss;
    }
}
