package softmaxlab.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import softmaxlab.math.L2;
import softmaxlab.math.LinearSoftmax;
import softmaxlab.math.Matrices;

/**
 * Loss + gradient of document 003's linear softmax classifier (no bias; cs231n folds it into a ones column):
 * the one-pass path ({@code lossAndGradient}), the matrix form and the per-sample loops, at cs231n's CIFAR-10 sizes
 * (N = 500 dev batch or the N = 49,000 training set, D = 3072 pixels + 1, C = 10) and a tall thin case. The
 * numpy reference of the same computation is {@code bench/numpy_reference.py}; {@code bench/run.sh} runs both.
 * Alone: {@code mvn -B -q -pl lib -Pjmh package -DskipTests && java -jar lib/target/benchmarks.jar
 * LinearSoftmaxBenchmark.lossAndGradient -p size=500x3073} (short run: add {@code -f 1 -wi 2 -i 3}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LinearSoftmaxBenchmark {

    /** {@code N x D}; C = 10. */
    @Param({"500x3073", "49000x3073", "1000000x10"})
    String size;

    private DMatrixRMaj x;
    private DMatrixRMaj w;
    private DMatrixRMaj b;
    private int[] y;
    private final L2 reg = L2.halfNorm(5e-6);

    @Setup
    public void setUp() {
        String[] nd = size.split("x");
        int n = Integer.parseInt(nd[0]);
        int d = Integer.parseInt(nd[1]);
        int c = 10;
        Random random = new Random(42);
        x = Matrices.gaussian(n, d, 1.0, random);
        // cs231n initialises W with 1e-4 * randn
        w = Matrices.gaussian(d, c, 1e-4, random);
        b = new DMatrixRMaj(1, c);
        y = random.ints(n, 0, c).toArray();
    }

    @Benchmark
    public LinearSoftmax.LossAndGradient lossAndGradient() {
        return LinearSoftmax.lossAndGradient(w, x, y, reg);
    }

    @Benchmark
    public LinearSoftmax.LossAndGradients matrixForm() {
        return LinearSoftmax.lossAndGradientsMatrixForm(w, b, x, y, reg);
    }

    @Benchmark
    public LinearSoftmax.LossAndGradient naive() {
        return LinearSoftmax.lossAndGradientNaive(w, x, y, reg);
    }
}
