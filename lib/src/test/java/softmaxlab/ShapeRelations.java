package softmaxlab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.ejml.data.DMatrixRMaj;

import softmaxlab.check.GradientCheck;
import softmaxlab.math.CrossEntropy;
import softmaxlab.math.L2;
import softmaxlab.math.Linear;
import softmaxlab.math.LinearSoftmax;
import softmaxlab.math.Matrices;
import softmaxlab.math.Relu;
import softmaxlab.math.Softmax;
import softmaxlab.math.SoftmaxLayer;
import softmaxlab.math.TwoLayerNet;
import softmaxlab.train.Accuracy;

/**
 * The entry points whose arguments share dimensions (the math layer's, a gradient check's, an accuracy's), each
 * argument's shape written in the letters {@code N} (rows), {@code D} (inputs), {@code H} (hidden units),
 * {@code C} (classes): {@code X: (N, D)}, {@code W: (D, C)}, {@code y: N labels in [0, C)}. {@link BadInputProperties#mismatchedDimensions} gives one
 * argument another size along one axis and requires an error naming that argument and one that shares the axis.
 */
final class ShapeRelations {

    /** What an argument holds: numbers, rows of probabilities, one-hot target rows, or labels. */
    enum Holds { REAL, PROBABILITIES, TARGETS, LABELS }

    /**
     * One argument: its name as the entry point's javadoc writes it and its shape in letters; labels have
     * {@code rows} only (their length), their values are classes in {@code [0, C)}.
     */
    record Arg(String name, String rows, String cols, Holds holds) {
    }

    /** An entry point and its arguments, called with them in this order. */
    record Related(String name, List<Arg> args, Function<Object[], Object> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ShapeRelations() {
    }

    static Arg m(String name, String rows, String cols) {
        return new Arg(name, rows, cols, Holds.REAL);
    }

    static final Arg X = m("X", "N", "D");
    static final Arg W = m("W", "D", "C");
    static final Arg B = m("b", "1", "C");
    static final Arg DS = m("dS", "N", "C");
    static final Arg Y = new Arg("y", "N", null, Holds.LABELS);
    static final Arg Z = m("z", "N", "C");
    static final Arg T = new Arg("t", "N", "C", Holds.TARGETS);
    static final Arg A = new Arg("a", "N", "C", Holds.PROBABILITIES);
    static final List<Arg> NET = List.of(m("W1", "D", "H"), m("b1", "1", "H"), m("W2", "H", "C"),
            m("b2", "1", "C"));

    static final List<Related> ALL = all();

    private static List<Related> all() {
        List<Related> r = new ArrayList<>();
        add(r, "Linear.forward(x, w)", List.of(X, W), a -> Linear.forward(mat(a[0]), mat(a[1])));
        add(r, "Linear.forward(x, w, b)", List.of(X, W, B), a -> Linear.forward(mat(a[0]), mat(a[1]), mat(a[2])));
        add(r, "Linear.backward", List.of(X, W, DS), a -> Linear.backward(mat(a[0]), mat(a[1]), mat(a[2])));
        add(r, "Linear.weightGradient", List.of(X, DS), a -> Linear.weightGradient(mat(a[0]), mat(a[1])));
        add(r, "Linear.inputGradient", List.of(DS, W), a -> Linear.inputGradient(mat(a[0]), mat(a[1])));
        add(r, "Relu.backward", List.of(m("Z", "N", "H"), m("dH", "N", "H")),
                a -> Relu.backward(mat(a[0]), mat(a[1])));
        add(r, "L2.addGradientInPlace", List.of(m("dW", "D", "C"), W), a -> {
            L2.halfNorm(0.1).addGradientInPlace(mat(a[0]), mat(a[1]));
            return mat(a[0]);
        });
        add(r, "CrossEntropy.perSample(z, y)", List.of(Z, Y), a -> CrossEntropy.perSample(mat(a[0]), labels(a[1])));
        add(r, "CrossEntropy.sum(z, y)", List.of(Z, Y), a -> CrossEntropy.sum(mat(a[0]), labels(a[1])));
        add(r, "CrossEntropy.mean(z, y)", List.of(Z, Y), a -> CrossEntropy.mean(mat(a[0]), labels(a[1])));
        add(r, "CrossEntropy.gradient(z, y)", List.of(Z, Y), a -> CrossEntropy.gradient(mat(a[0]), labels(a[1])));
        add(r, "CrossEntropy.perSample(z, t)", List.of(Z, T), a -> CrossEntropy.perSample(mat(a[0]), mat(a[1])));
        add(r, "CrossEntropy.sum(z, t)", List.of(Z, T), a -> CrossEntropy.sum(mat(a[0]), mat(a[1])));
        add(r, "CrossEntropy.mean(z, t)", List.of(Z, T), a -> CrossEntropy.mean(mat(a[0]), mat(a[1])));
        add(r, "CrossEntropy.gradient(z, t)", List.of(Z, T), a -> CrossEntropy.gradient(mat(a[0]), mat(a[1])));
        add(r, "CrossEntropy.gradientFromSoftmax(a, y)", List.of(A, Y),
                a -> CrossEntropy.gradientFromSoftmax(mat(a[0]), labels(a[1])));
        add(r, "CrossEntropy.gradientFromSoftmax(a, t)", List.of(A, T),
                a -> CrossEntropy.gradientFromSoftmax(mat(a[0]), mat(a[1])));
        add(r, "CrossEntropy.ofProbabilities", List.of(A, T),
                a -> CrossEntropy.ofProbabilities(mat(a[0]), mat(a[1])));
        add(r, "SoftmaxLayer.backward", List.of(m("S", "N", "C"), Y), a -> {
            SoftmaxLayer layer = new SoftmaxLayer();
            layer.forward(mat(a[0]));
            return layer.backward(labels(a[1]));
        });
        add(r, "LinearSoftmax.lossAndGradient", List.of(W, X, Y),
                a -> LinearSoftmax.lossAndGradient(mat(a[0]), mat(a[1]), labels(a[2]), L2.NONE).dW());
        add(r, "LinearSoftmax.lossAndGradients", List.of(W, B, X, Y),
                a -> LinearSoftmax.lossAndGradients(mat(a[0]), mat(a[1]), mat(a[2]), labels(a[3]), L2.NONE).dW());
        add(r, "LinearSoftmax.lossAndGradientsMatrixForm", List.of(W, B, X, Y),
                a -> LinearSoftmax.lossAndGradientsMatrixForm(mat(a[0]), mat(a[1]), mat(a[2]), labels(a[3]),
                        L2.NONE).dW());
        add(r, "LinearSoftmax.lossAndGradientNaive", List.of(W, X, Y),
                a -> LinearSoftmax.lossAndGradientNaive(mat(a[0]), mat(a[1]), labels(a[2]), L2.NONE).dW());
        add(r, "LinearSoftmax.evaluate", List.of(W, B, X, Y),
                a -> new LinearSoftmax(mat(a[0]), mat(a[1])).evaluate(mat(a[2]), labels(a[3]), L2.NONE).loss());
        add(r, "LinearSoftmax.loss", List.of(W, B, X, Y),
                a -> new LinearSoftmax(mat(a[0]), mat(a[1])).loss(mat(a[2]), labels(a[3]), L2.NONE));
        add(r, "LinearSoftmax.predict", List.of(W, B, X), a -> new LinearSoftmax(mat(a[0]), mat(a[1]))
                .predict(mat(a[2])));
        add(r, "LinearSoftmax.scores", List.of(W, B, X), a -> new LinearSoftmax(mat(a[0]), mat(a[1]))
                .scores(mat(a[2])));
        List<Arg> netAndData = new ArrayList<>(NET);
        netAndData.addAll(List.of(X, Y));
        add(r, "new TwoLayerNet.Params", NET, a -> params(a).w1());
        List<Arg> netAndInputs = new ArrayList<>(NET);
        netAndInputs.add(X);
        add(r, "TwoLayerNet.scores", netAndInputs, a -> new TwoLayerNet(params(a)).scores(mat(a[4])));
        add(r, "TwoLayerNet.evaluate", netAndData,
                a -> new TwoLayerNet(params(a)).evaluate(mat(a[4]), labels(a[5]), L2.NONE).loss());
        add(r, "TwoLayerNet.lossAndGradients", netAndData,
                a -> new TwoLayerNet(params(a)).lossAndGradients(mat(a[4]), labels(a[5]), L2.NONE).loss());
        add(r, "TwoLayerNet.loss", netAndData,
                a -> new TwoLayerNet(params(a)).loss(mat(a[4]), labels(a[5]), L2.NONE));
        // a parameter x and its analytic gradient; f = sum of squares, the check's verdict does not matter here
        List<Arg> point = List.of(m("x", "D", "H"), m("analytic", "D", "H"));
        add(r, "GradientCheck.dense", point,
                a -> GradientCheck.dense("W", EntryPoints.SUM_SQ, mat(a[0]), mat(a[1])));
        add(r, "GradientCheck.sparse", point,
                a -> GradientCheck.sparse("W", EntryPoints.SUM_SQ, mat(a[0]), mat(a[1]), 1, 1));
        add(r, "Accuracy.of(predicted, y)", List.of(new Arg("predicted", "N", null, Holds.LABELS), Y),
                a -> Accuracy.of(labels(a[0]), labels(a[1])));
        return r;
    }

    private static void add(List<Related> r, String name, List<Arg> args, Function<Object[], Object> call) {
        r.add(new Related(name, args, call));
    }

    private static TwoLayerNet.Params params(Object[] a) {
        return new TwoLayerNet.Params(mat(a[0]), mat(a[1]), mat(a[2]), mat(a[3]));
    }

    private static DMatrixRMaj mat(Object o) {
        return (DMatrixRMaj) o;
    }

    private static int[] labels(Object o) {
        return (int[]) o;
    }

    /** The size of axis {@code letter}: from {@code sizes}, or the digit itself ({@code "1"} for a bias row). */
    static int size(String letter, Map<String, Integer> sizes) {
        return letter.chars().allMatch(Character::isDigit) ? Integer.parseInt(letter) : sizes.get(letter);
    }

    /**
     * A valid value of {@code arg} with the axes' sizes {@code rows x cols}; labels lie in {@code [0, classes)} and
     * include {@code classes - 1}, so that an argument with fewer classes cannot hold them.
     */
    static Object value(Arg arg, int rows, int cols, int classes, Random random) {
        if (arg.holds() == Holds.LABELS) {
            int[] y = random.ints(rows, 0, classes).toArray();
            y[random.nextInt(rows)] = classes - 1;
            return y;
        }
        DMatrixRMaj m = Matrices.gaussian(rows, cols, 0.5, random);
        return switch (arg.holds()) {
            case PROBABILITIES -> Softmax.rows(m);
            case TARGETS -> Matrices.oneHot(random.ints(rows, 0, cols).toArray(), cols);
            default -> m;
        };
    }

    /** How the error names an argument with its shape or an entry: {@code "X: ("}, {@code "X has "}, {@code "y["}. */
    static String mention(String name) {
        return "(^|[^\\w])" + java.util.regex.Pattern.quote(name) + "(: \\(| has |\\[)";
    }
}
