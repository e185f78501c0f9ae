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
 * Loss + gradient of document 003's linear softmax classifier: the per-sample loops against the matrix form, at
 * cs231n's CIFAR-10 sizes (a batch of N = 500 images of D = 3072 pixels + 1 bias column, C = 10 classes).
 * Run from the repository root: {@code mvn -B -q -pl lib -Pjmh package -DskipTests && java -jar
 * lib/target/benchmarks.jar} (short run: add {@code -f 1 -wi 2 -i 3}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LinearSoftmaxBenchmark {

    @Param("500")
    int n;

    @Param("3073")
    int d;

    @Param("10")
    int c;

    private DMatrixRMaj x;
    private DMatrixRMaj w;
    private int[] y;
    private final L2 reg = L2.halfNorm(5e-6);

    @Setup
    public void setUp() {
        Random random = new Random(42);
        x = Matrices.gaussian(n, d, 1.0, random);
        // cs231n initialises W with 1e-4 * randn
        w = Matrices.gaussian(d, c, 1e-4, random);
        y = random.ints(n, 0, c).toArray();
    }

    @Benchmark
    public LinearSoftmax.LossAndGradient naive() {
        return LinearSoftmax.lossAndGradientNaive(w, x, y, reg);
    }

    @Benchmark
    public LinearSoftmax.LossAndGradient vectorized() {
        return LinearSoftmax.lossAndGradient(w, x, y, reg);
    }
}
