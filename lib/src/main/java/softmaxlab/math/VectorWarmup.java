package softmaxlab.math;

import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ejml.data.DMatrixRMaj;

/**
 * When {@link FusedSoftmax}'s default calls switch to the Vector API: once C2 has compiled it. Until then the Vector
 * API runs in the interpreter and in C1's code, about 100 times slower than the scalar loops, and HotSpot compiles
 * it with C2 only after hundreds of calls; so the first call that could use it starts one thread that runs both paths
 * on a small made-up problem (16 rows, {@link #INPUTS} inputs, {@link #CLASSES} classes: every kernel of both paths)
 * and times them, and the calls run the scalar loops until the vector path has been the faster {@link #WINS} times
 * in a row. Both paths give the same bits, so no result depends on when that happens. The thread is a daemon and
 * stops then, or after {@link #MAX_SECONDS} seconds (the scalar loops stay); it costs ~0.5-1 s of one core, once per
 * JVM, and took 0.6 s to 8 s of wall time on a loaded 2-core machine.
 */
final class VectorWarmup {

    /**
     * Past whole lanes: every loop of both paths runs. Few, so that each round is cheap: the JIT counts calls and
     * loop iterations, not work (measured: C2 had compiled it after 0.6-1.0 s here, against 1.0-1.2 s with 262).
     */
    static final int INPUTS = 66;

    /** A group of five and one class left over: both kinds of kernel. */
    static final int CLASSES = 6;

    /** Rounds in a row in which the vector path must be the faster. */
    static final int WINS = 3;

    /** Longest the thread runs (a JVM whose C2 never compiles the Vector API keeps the scalar loops). */
    static final double MAX_SECONDS = 30;

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static volatile boolean compiled;

    private VectorWarmup() {
    }

    /** True once the vector path has been measured faster than the scalar one (C2 has compiled it). */
    static boolean compiled() {
        return compiled;
    }

    /** Starts the warm-up thread, the first time only. */
    static void start() {
        if (STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(VectorWarmup::run, "softmax-lab Vector API warm-up");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        }
    }

    private static void run() {
        Random random = new Random(1);
        DMatrixRMaj x = Matrices.gaussian(FusedSoftmax.BLOCK, INPUTS, 1.0, random);
        DMatrixRMaj w = Matrices.gaussian(INPUTS, CLASSES, 0.1, random);
        DMatrixRMaj b = new DMatrixRMaj(1, CLASSES);
        int[] y = random.ints(FusedSoftmax.BLOCK, 0, CLASSES).toArray();
        long end = System.nanoTime() + (long) (MAX_SECONDS * 1e9);
        int wins = 0;
        while (wins < WINS && System.nanoTime() < end) {
            long start = System.nanoTime();
            FusedSoftmax.linear(x, w, b, y, true);
            long vector = System.nanoTime() - start;
            start = System.nanoTime();
            FusedSoftmax.linear(x, w, b, y, false);
            long scalar = System.nanoTime() - start;
            wins = vector < scalar ? wins + 1 : 0;
        }
        compiled = wins == WINS;
    }
}
