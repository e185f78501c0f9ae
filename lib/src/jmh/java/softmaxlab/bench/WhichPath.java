package softmaxlab.bench;

import softmaxlab.math.LinearSoftmax;

/** Prints which implementation {@code LinearSoftmax.lossAndGradient} runs on this machine (for bench/run.sh). */
public final class WhichPath {

    private WhichPath() {
    }

    public static void main(String[] args) {
        System.out.println(LinearSoftmax.path());
    }
}
