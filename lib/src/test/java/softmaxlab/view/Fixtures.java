package softmaxlab.view;

import java.util.List;
import java.util.OptionalDouble;

import org.ejml.data.DMatrixRMaj;

import softmaxlab.check.ClaimsReport;
import softmaxlab.check.Derivation;
import softmaxlab.check.GradientCheck;
import softmaxlab.check.NumberClaim;
import softmaxlab.check.Verdict;
import softmaxlab.graph.Expansion;
import softmaxlab.graph.Graph;
import softmaxlab.graph.Nets;
import softmaxlab.train.History;

/** The toolkit's objects, built for real, for the renderer tests of the view and of each kernel's glue. */
public final class Fixtures {

    private Fixtures() {
    }

    /** Document 000's dL/dw21 at h = (1, 0.5, -1), a small W, t = (1, 0): two paths, through o1 and o2. */
    public static Expansion expansion000() {
        Graph g = Nets.document000(new double[]{1, 0.5, -1}, new double[][]{{0.1, 0.2}, {0.3, -0.4}, {0.5, 0.6}},
                new double[]{1, 0});
        g.forward();
        return g.expansion(g.node("L"), g.node("w21"));
    }

    /** Document 002's printed softmax([2, 3, 4])[0] = 0.0903: false (true 0.0900306), corrected 0.0900 holds. */
    public static Verdict falseNumber() {
        return NumberClaim.of("002 softmax([2,3,4])[0]", "0.0903", softmax234(0)).corrected("0.0900").check();
    }

    /** A true claim: softmax([2, 3, 4])[1] printed 0.2447. */
    public static Verdict trueNumber() {
        return NumberClaim.of("002 softmax([2,3,4])[1]", "0.2447", softmax234(1)).check();
    }

    /**
     * Document 002's case one as a chain from its LaTeX, the sign lost between step 2 and step 3, marked as ours to
     * show the source tag.
     */
    public static Verdict brokenChain() {
        Graph g = Graph.fromLatex("z_4=2, z_5=3, y_4=1, y_5=0", "a_4=\\frac{e^{z_4}}{e^{z_4}+e^{z_5}} \\\\ "
                + "a_5=\\frac{e^{z_5}}{e^{z_4}+e^{z_5}}", "Loss=-\\sum_i y_i \\ln a_i");
        return Derivation.on(g).fixed("y_4, y_5").claim("case one", "\\frac{\\partial Loss}{\\partial z_4} "
                + "= -\\frac{1}{a_4} a_4(1-a_4) = 1-a_4").ours().check();
    }

    public static ClaimsReport claims() {
        return new ClaimsReport().add(trueNumber()).add(falseNumber());
    }

    private static double softmax234(int j) {
        double sum = Math.exp(2) + Math.exp(3) + Math.exp(4);
        return Math.exp(2 + j) / sum;
    }

    /**
     * A gradient check of f(x) = sum x^2 at x = (1, 2, 3) against an analytic gradient with one wrong entry
     * (2x except x[0, 1] = 0): one of three entries fails.
     */
    public static GradientCheck.Result failingCheck() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{1, 2, 3}});
        DMatrixRMaj analytic = new DMatrixRMaj(new double[][]{{2, 0, 6}});
        return GradientCheck.dense("x", m -> {
            double s = 0;
            for (double v : m.data) {
                s += v * v;
            }
            return s;
        }, x, analytic);
    }

    /** Three epochs with a validation accuracy each. */
    public static History history() {
        return new History(List.of(
                new History.Epoch(0, 1.0986, 0.33, OptionalDouble.of(0.30)),
                new History.Epoch(1, 0.7, 0.6, OptionalDouble.of(0.55)),
                new History.Epoch(2, 0.5, 0.8, OptionalDouble.of(0.7))));
    }
}
