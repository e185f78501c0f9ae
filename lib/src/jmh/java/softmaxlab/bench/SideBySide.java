package softmaxlab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import softmaxlab.data.Dataset;
import softmaxlab.data.Datasets;
import softmaxlab.data.Digits;
import softmaxlab.math.L2;
import softmaxlab.math.LinearSoftmax;
import softmaxlab.math.Matrices;
import softmaxlab.train.GradientDescent;

/**
 * The Java side of {@code bench/run.sh}: times one case in this (fresh) JVM exactly as
 * {@code bench/numpy_reference.py time} times numpy's, and prints one JSON line. The protocol, on both sides:
 * build the inputs (not timed); prime, i.e. run the same computation once on a tiny input (16 rows) so that the classes
 * are loaded (a notebook's first cells do as much); then time {@link #COLD_CALLS} calls one by one (cold: on the
 * JVM, the interpreter and the first compilations); call on without timing for at least {@code warm} seconds and
 * {@link #MIN_WARM_CALLS} calls (warm-up); then time calls for at least {@code time} seconds and
 * {@link #MIN_TIMED_CALLS} calls (warm). For a linear case it then times the floor the same way: one streaming
 * read of an array the size of {@code X} (sum of all entries, on one thread and on every core: the faster).
 *
 * <pre>
 * java [--add-modules jdk.incubator.vector] -Xmx6g -cp lib/target/benchmarks.jar softmaxlab.bench.SideBySide \
 *     CASE WARM_SECONDS TIME_SECONDS ROUND [DIGITS_CSV_GZ]
 * </pre>
 * CASE: {@code NxD} ({@link LinearSoftmax#lossAndGradient}, C = 10, cs231n's data: {@code X ~ N(0, 1)},
 * {@code W ~ 1e-4 N(0, 1)}, {@code R = (5e-6/2)||W||^2}), {@code digits} (one epoch of notebook 03's loop:
 * {@code new GradientDescent(1, 64, 0.5, L2.halfNorm(1e-3), 9).fit} on its training split) or {@code spiral:STEPS}
 * (cs231n's two-layer spiral net, full-batch steps, {@link TwoLayerSpiralBenchmark#train(Dataset, int)}).
 */
public final class SideBySide {

    static final int COLD_CALLS = 3;
    static final int MIN_WARM_CALLS = 2;
    static final int MIN_TIMED_CALLS = 3;
    static final int CLASSES = 10;

    /** Keeps results alive, so that no call is optimized away. */
    static volatile double sink;

    /**
     * When the prime call ended; the first timed warm call (1, 2, ..) after which the vector path was compiled, and
     * the milliseconds from the prime to then; -1 for none (not compiled, or no vector path here).
     */
    static long primed;
    static boolean watching = true;
    static int compiledFrom = -1;
    static double compiledMs = -1;

    private SideBySide() {
    }

    public static void main(String[] args) throws IOException {
        String kase = args[0];
        double warm = Double.parseDouble(args[1]);
        double time = Double.parseDouble(args[2]);
        int round = Integer.parseInt(args[3]);
        DoubleSupplier call;
        DoubleSupplier prime;
        DoubleSupplier floor = null;
        if (kase.equals("digits")) {
            Dataset train = Digits.load(Path.of(args[4])).split(0.8, 42).train();
            GradientDescent sgd = new GradientDescent(1, 64, 0.5, L2.halfNorm(1e-3), 9);
            call = () -> sgd.fit(LinearSoftmax.init(64, 10, 0.01, 5), train).last().loss();
            Dataset few = train.rows(IntStream.range(0, 16).toArray());
            prime = () -> sgd.fit(LinearSoftmax.init(64, 10, 0.01, 5), few).last().loss();
        } else if (kase.startsWith("spiral:")) {
            int steps = Integer.parseInt(kase.substring("spiral:".length()));
            Dataset data = Datasets.spiral(100, 3, 0);
            call = () -> TwoLayerSpiralBenchmark.train(data, steps);
            prime = () -> TwoLayerSpiralBenchmark.train(data, 1);
        } else {
            String[] nd = kase.split("x");
            int n = Integer.parseInt(nd[0]);
            int d = Integer.parseInt(nd[1]);
            Random random = new Random(42);
            DMatrixRMaj x = Matrices.gaussian(n, d, 1.0, random);
            // cs231n initialises W with 1e-4 * randn
            DMatrixRMaj w = Matrices.gaussian(d, CLASSES, 1e-4, random);
            int[] y = random.ints(n, 0, CLASSES).toArray();
            L2 reg = L2.halfNorm(5e-6);
            call = () -> LinearSoftmax.lossAndGradient(w, x, y, reg).loss();
            // one block of 16 rows: every class of the path this size runs is loaded (on the vector path, the
            // Vector API's classes take ~0.1 s to load and link)
            DMatrixRMaj tiny = Matrices.gaussian(16, d, 1.0, random);
            int[] tinyY = random.ints(16, 0, CLASSES).toArray();
            prime = () -> LinearSoftmax.lossAndGradient(w, tiny, tinyY, reg).loss();
            floor = () -> Math.min(timed(() -> sum(x.data, 1)), timed(() -> sum(x.data, parallelism())));
        }
        sink = prime.getAsDouble();
        primed = System.nanoTime();
        List<Double> cold = new ArrayList<>();
        for (int k = 0; k < COLD_CALLS; k++) {
            cold.add(timed(call));
        }
        List<Double> times = warmThenTime(call, warm, time);
        StringBuilder json = new StringBuilder("{\"side\": \"java\", \"case\": \"" + kase + "\", \"round\": "
                + round + ", \"path\": \"" + LinearSoftmax.path() + "\", \"cold\": " + cold + ", \"warm\": " + times
                + ", \"compiled_from\": " + compiledFrom + ", \"compiled_ms\": " + compiledMs);
        // the floor's calls are not the case's
        watching = false;
        if (floor != null) {
            // the floor's time is what it returns (the faster of its two passes), not the time of both
            warmThenTime(floor, warm, 0);
            List<Double> floors = new ArrayList<>();
            long start = System.nanoTime();
            while (floors.size() < MIN_TIMED_CALLS || System.nanoTime() - start < time * 1e9) {
                floors.add(floor.getAsDouble());
            }
            json.append(", \"floor\": ").append(floors);
        }
        System.out.println(json.append("}"));
    }

    /** Calls without timing for {@code warm} s and {@link #MIN_WARM_CALLS}, then times calls for {@code time} s. */
    static List<Double> warmThenTime(DoubleSupplier call, double warm, double time) {
        long start = System.nanoTime();
        for (int k = 0; k < MIN_WARM_CALLS || System.nanoTime() - start < warm * 1e9; k++) {
            sink = call.getAsDouble();
        }
        List<Double> times = new ArrayList<>();
        start = System.nanoTime();
        while (times.size() < MIN_TIMED_CALLS || System.nanoTime() - start < time * 1e9) {
            times.add(timed(call));
            if (watching && compiledFrom < 0 && LinearSoftmax.path().contains("(it has;")) {
                // the vector path ran from the next call on (or from a block of this one)
                compiledFrom = times.size();
                compiledMs = (System.nanoTime() - primed) / 1e6;
            }
        }
        return times;
    }

    /** Milliseconds of one call. */
    static double timed(DoubleSupplier call) {
        long start = System.nanoTime();
        sink = call.getAsDouble();
        return (System.nanoTime() - start) / 1e6;
    }

    static int parallelism() {
        return ForkJoinPool.getCommonPoolParallelism() + 1;
    }

    /** Sum of all entries in {@code parts} contiguous parts on the fork-join pool: one streaming read. */
    static double sum(double[] a, int parts) {
        int per = (a.length + parts - 1) / parts;
        return IntStream.range(0, parts).parallel()
                .mapToDouble(q -> sum(a, q * per, Math.min(a.length, (q + 1) * per))).sum();
    }

    /** Eight independent sums: the loads, not the additions' latency, set the pace. */
    static double sum(double[] a, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int k = from;
        for (; k + 8 <= to; k += 8) {
            s0 += a[k];
            s1 += a[k + 1];
            s2 += a[k + 2];
            s3 += a[k + 3];
            s4 += a[k + 4];
            s5 += a[k + 5];
            s6 += a[k + 6];
            s7 += a[k + 7];
        }
        for (; k < to; k++) {
            s0 += a[k];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
