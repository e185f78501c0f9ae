package softmaxlab;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;

import softmaxlab.check.Claim;
import softmaxlab.check.ClaimsReport;
import softmaxlab.check.Derivation;
import softmaxlab.check.GradientCheck;
import softmaxlab.check.NumberClaim;
import softmaxlab.check.Verdict;
import softmaxlab.data.Dataset;
import softmaxlab.data.Datasets;
import softmaxlab.data.Digits;
import softmaxlab.graph.Expansion;
import softmaxlab.graph.Graph;
import softmaxlab.graph.TestGraphs;
import softmaxlab.graph.GraphFunction;
import softmaxlab.graph.Nets;
import softmaxlab.graph.Node;
import softmaxlab.kernel.LiveChart;
import softmaxlab.kernel.Notebook;
import softmaxlab.latex.Expr;
import softmaxlab.latex.Formula;
import softmaxlab.latex.Scope;
import softmaxlab.listings.Listing004;
import softmaxlab.math.CrossEntropy;
import softmaxlab.math.L2;
import softmaxlab.math.Linear;
import softmaxlab.math.LinearSoftmax;
import softmaxlab.math.Matrices;
import softmaxlab.math.Model;
import softmaxlab.math.Relu;
import softmaxlab.math.Require;
import softmaxlab.math.Softmax;
import softmaxlab.math.SoftmaxLayer;
import softmaxlab.math.TwoLayerNet;
import softmaxlab.train.Accuracy;
import softmaxlab.train.GradientDescent;
import softmaxlab.train.History;
import softmaxlab.view.Charts;
import softmaxlab.view.Html;
import softmaxlab.view.Latex;
import softmaxlab.view.Markdown;
import softmaxlab.view.MimeBundle;
import softmaxlab.view.Renderers;
import softmaxlab.view.Tables;
import softmaxlab.view.Text;

/**
 * The library's public entry points, each called with valid arguments taken from {@link Inputs} (one of which the
 * property test malforms). Valid values are small and fixed: scores {@code Z: (2, 3)}, labels {@code Y}, inputs
 * {@code X: (2, 4)}, weights {@code W: (4, 3)}, document 000's graph, a three-epoch history.
 */
final class EntryPoints {

    /** One public method (or constructor) and how to call it with arguments drawn from {@link Inputs}. */
    record EntryPoint(String name, Function<Inputs, Object> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    private EntryPoints() {
    }

    static final DMatrixRMaj Z = new DMatrixRMaj(new double[][]{{1, 2, 3}, {0, -1, 5}});
    static final int[] Y = {2, 0};
    static final DMatrixRMaj T = new DMatrixRMaj(new double[][]{{0.2, 0.3, 0.5}, {1, 0, 0}});
    static final DMatrixRMaj A = Softmax.rows(Z);
    static final DMatrixRMaj X = new DMatrixRMaj(new double[][]{{0.5, -1, 2, 0.1}, {1, 0.3, -0.2, 0.7}});
    static final DMatrixRMaj W = Matrices.gaussian(4, 3, 0.1, new Random(1));
    static final DMatrixRMaj B = new DMatrixRMaj(new double[][]{{0.1, 0, -0.1}});
    static final DMatrixRMaj W1 = Matrices.gaussian(4, 5, 0.1, new Random(2));
    static final DMatrixRMaj B1 = new DMatrixRMaj(1, 5);
    static final DMatrixRMaj W2 = Matrices.gaussian(5, 3, 0.1, new Random(3));
    static final DMatrixRMaj B2 = new DMatrixRMaj(1, 3);
    static final double[] H = {1, 0.5, -1};
    static final double[][] W000 = {{0.1, 0.2}, {0.3, -0.4}, {0.5, 0.6}};
    static final double[] T2 = {1, 0};
    static final double[] O = {0.5, -0.2, 0.9};
    static final double[][] W002 = {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}, {-0.1, -0.2, -0.3}};
    static final double[] T3 = {1, 0, 0};
    static final Dataset DATA = Datasets.blobs(4, 3, 4, 1.0, 5);
    static final DMatrixRMaj IMAGES = Matrices.gaussian(3, 4, 1.0, new Random(4));
    static final String[] ROWS2 = {"r0", "r1"};
    static final String[] COLS3 = {"a", "b", "c"};
    static final Map<String, double[]> SERIES = series();
    static final Path DIGITS = Path.of("../notebooks/data/digits.csv.gz");

    private static Map<String, double[]> series() {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("train", new double[]{1.1, 0.7, 0.5});
        s.put("test", new double[]{1.2, 0.9, 0.8});
        return s;
    }

    static History history() {
        return new History(List.of(
                new History.Epoch(0, 1.0986, 0.33, OptionalDouble.of(0.30)),
                new History.Epoch(1, 0.7, 0.6, OptionalDouble.of(0.55)),
                new History.Epoch(2, 0.5, 0.8, OptionalDouble.of(0.7))));
    }

    static Graph graph000() {
        Graph g = Nets.document000(H, W000, T2);
        g.forward();
        return g;
    }

    /** Deepest graph built: 2^200 paths, and building a deeper one is the caller's loop, not the library's. */
    static final int MAX_DEPTH = 200;

    static Expansion expansion(Inputs in) {
        Graph g = graph000();
        return g.expansion(g.node("L"), g.node("w21"));
    }

    static Verdict verdict() {
        return NumberClaim.of("softmax([2,3,4])[0]", "0.0900", 0.0900306).check();
    }

    static ClaimsReport report() {
        return new ClaimsReport().add(verdict());
    }

    static GradientCheck.Result checkResult() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{1, 2}});
        return GradientCheck.dense("x", EntryPoints::sumOfSquares, x, new DMatrixRMaj(new double[][]{{2, 4}}));
    }

    static double sumOfSquares(DMatrixRMaj m) {
        double s = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            s += m.data[i] * m.data[i];
        }
        return s;
    }

    static final ToDoubleFunction<DMatrixRMaj> SUM_SQ = EntryPoints::sumOfSquares;
    static final ToDoubleFunction<DMatrixRMaj> NAN_AT_SHIFT = m -> m.data[0] > 1 ? Double.NaN : sumOfSquares(m);
    static final Function<DMatrixRMaj, DMatrixRMaj> SOFTMAX = Softmax::rows;
    static final Function<DMatrixRMaj, DMatrixRMaj> RETURNS_NULL = m -> m.data[0] > 1 ? null : m.copy();
    static final ToDoubleFunction<double[]> FIRST = p -> p[0];
    static final ToDoubleFunction<double[]> NAN_FN = p -> Double.NaN;

    static LinearSoftmax linear(Inputs in) {
        return new LinearSoftmax(in.m(W), in.m(B));
    }

    static TwoLayerNet net(Inputs in) {
        return new TwoLayerNet(new TwoLayerNet.Params(in.m(W1), in.m(B1), in.m(W2), in.m(B2)));
    }

    static Dataset data(Inputs in) {
        return new Dataset(in.m(DATA.x()), in.y(DATA.y()), in.n(DATA.classes()));
    }

    static L2 reg(Inputs in) {
        return new L2(in.d(0.01), in.d(1.0));
    }

    static BufferedImage image() {
        return new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    }

    // two classes written as the documents write them: softmax, then cross-entropy summed over i
    static final String POINT = "z_1=0.1, z_2=0.5, y_1=1, y_2=0";
    static final String SOFTMAX2 = "a_1 = \\frac{e^{z_1}}{e^{z_1}+e^{z_2}} \\\\ a_2 = \\frac{e^{z_2}}{e^{z_1}+e^{z_2}}";
    static final String LOSS = "L = -\\sum_i y_i \\ln a_i";
    static final String CHAIN = "\\frac{\\partial L}{\\partial z_1} = \\frac{\\partial L}{\\partial a_1}"
            + "\\frac{\\partial a_1}{\\partial z_1} + \\frac{\\partial L}{\\partial a_2}"
            + "\\frac{\\partial a_2}{\\partial z_1} = a_1 - y_1";
    static final String SLIP = "\\frac{\\partial L}{\\partial z_1} = -\\frac{y_1}{a_1} a_1(1-a_1) = y_1 - a_1";
    static final Map<String, Double> VALUES = Map.of("a1", 1.0, "a2", 2.0, "a3", 0.5, "b", 0.1);
    static final Scope.Values WITH_PARTIALS = new Scope.Values() {
        public double value(String name) {
            return Scope.of(VALUES).value(name);
        }

        public boolean knows(String name) {
            return VALUES.containsKey(name);
        }

        public double partial(Expr of, Expr.Sym wrt, Scope scope) {
            return 0.5;
        }
    };
    static final Scope SCOPE = Scope.of(VALUES);

    static Graph twoClasses() {
        return Graph.fromLatex(POINT, SOFTMAX2, LOSS);
    }

    static Derivation derivation() {
        return Derivation.on(twoClasses()).fixed("y_1, y_2").sampled(3, 1, 1);
    }

    /** Every accessor of a verdict, as text. */
    static String verdictText(Verdict v) {
        return String.join(" | ", v.label(), v.printedLatex(), v.summary(), v.breakText(), v.counterexampleText(),
                v.whereItFails(),
                v.correctedLatex(), v.source().word(), String.join(", ", v.steps()), v.brokenStep().toString(),
                v.atDocument().map(Verdict.Sample::text).orElse(""), String.valueOf(v.holds()),
                String.valueOf(v.correctionHolds()), String.valueOf(v.tolerance()), String.valueOf(v.points()),
                v.correction().map(Verdict::summary).orElse(""), v.counterexample().map(s -> s.variables()
                + " " + s.point().length).orElse(""));
    }

    /**
     * A check whose corrected form may not hold: {@code check()} then throws an AssertionError by design (a wrong
     * derivation, not a bad argument; docs-pending/valid.md), returned here as text.
     */
    static Object correctionRefused(java.util.function.Supplier<Object> check) {
        try {
            return check.get();
        } catch (AssertionError e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("the corrected form does not hold")) {
                throw e;
            }
            return "corrected form refused";
        }
    }

    /** Every entry point; names are unique. */
    static List<EntryPoint> all() {
        List<EntryPoint> e = new ArrayList<>();
        math(e);
        latex(e);
        graph(e);
        check(e);
        derivations(e);
        dataAndTrain(e);
        view(e);
        kernel(e);
        return e;
    }

    private static void add(List<EntryPoint> e, String name, Function<Inputs, Object> call) {
        e.add(new EntryPoint(name, call));
    }

    private static void math(List<EntryPoint> e) {
        add(e, "Require.batch", in -> Require.batch("z", in.m(Z)));
        add(e, "Require.shape", in -> Require.shape("z", in.m(Z), 2, 3).numRows);
        add(e, "Require.labels", in -> Require.labels("y", in.y(Y), 2, 3));
        add(e, "Softmax.rows", in -> Softmax.rows(in.m(Z)));
        add(e, "Softmax.naiveRows", in -> Softmax.naiveRows(in.m(Z)));
        add(e, "Softmax.logSumExp", in -> Softmax.logSumExp(in.m(Z)));
        add(e, "Softmax.logRows", in -> Softmax.logRows(in.m(Z)));
        add(e, "Softmax.jacobian", in -> Softmax.jacobian(in.m(Matrices.row(0.2, 0.3, 0.5))));
        add(e, "CrossEntropy.perSample(z, y)", in -> CrossEntropy.perSample(in.m(Z), in.y(Y)));
        add(e, "CrossEntropy.perSample(z, t)", in -> CrossEntropy.perSample(in.m(Z), in.m(T)));
        add(e, "CrossEntropy.sum(z, y)", in -> CrossEntropy.sum(in.m(Z), in.y(Y)));
        add(e, "CrossEntropy.sum(z, t)", in -> CrossEntropy.sum(in.m(Z), in.m(T)));
        add(e, "CrossEntropy.mean(z, y)", in -> CrossEntropy.mean(in.m(Z), in.y(Y)));
        add(e, "CrossEntropy.mean(z, t)", in -> CrossEntropy.mean(in.m(Z), in.m(T)));
        add(e, "CrossEntropy.ofProbabilities", in -> CrossEntropy.ofProbabilities(in.m(A), in.m(T)));
        add(e, "CrossEntropy.gradient(z, y)", in -> CrossEntropy.gradient(in.m(Z), in.y(Y)));
        add(e, "CrossEntropy.gradient(z, t)", in -> CrossEntropy.gradient(in.m(Z), in.m(T)));
        add(e, "CrossEntropy.gradientFromSoftmax(a, y)", in -> CrossEntropy.gradientFromSoftmax(in.m(A), in.y(Y)));
        add(e, "CrossEntropy.gradientFromSoftmax(a, t)", in -> CrossEntropy.gradientFromSoftmax(in.m(A), in.m(T)));
        add(e, "new L2", EntryPoints::reg);
        add(e, "L2.halfNorm", in -> L2.halfNorm(in.d(0.1)));
        add(e, "L2.perSample", in -> L2.perSample(in.d(0.1), in.n(10)));
        add(e, "L2.penalty", in -> reg(in).penalty(in.m(W)));
        add(e, "L2.gradient", in -> reg(in).gradient(in.m(W)));
        add(e, "Relu.forward", in -> Relu.forward(in.m(Z)));
        add(e, "Relu.backward", in -> Relu.backward(in.m(Z), in.m(T)));
        add(e, "SoftmaxLayer.forward", in -> new SoftmaxLayer().forward(in.m(Z)));
        add(e, "SoftmaxLayer.backward", in -> {
            SoftmaxLayer layer = new SoftmaxLayer();
            layer.forward(in.m(Z));
            return layer.backward(in.y(Y));
        });
        add(e, "Listing004.SoftmaxLayer.forward", in -> new Listing004.SoftmaxLayer().forward(in.m(Z)));
        add(e, "Listing004.SoftmaxLayer.backward(int[])", in -> {
            Listing004.SoftmaxLayer layer = new Listing004.SoftmaxLayer();
            layer.forward(in.m(Z));
            return layer.backward(in.y(Y));
        });
        add(e, "Listing004.SoftmaxLayer.backward(int[][])", in -> {
            Listing004.SoftmaxLayer layer = new Listing004.SoftmaxLayer();
            layer.forward(in.m(Z));
            return layer.backward(in.obj(new int[][] {{2}, {0}}));
        });
        add(e, "Listing004.subtractOneAtLabels", in -> {
            DMatrixRMaj d = in.m(A);
            Listing004.subtractOneAtLabels(d, in.y(Y));
            return d;
        });
        add(e, "Listing004.divideByN", in -> {
            DMatrixRMaj d = in.m(A);
            Listing004.divideByN(d, in.count(2));
            return d;
        });
        // containers: they hold what they are given (a NaN is checked where the matrix is used)
        add(e, "Matrices.of", in -> Matrices.shape(Matrices.of(in.rows(W000))));
        add(e, "Matrices.row", in -> Matrices.shape(Matrices.row(in.v(H))));
        add(e, "Matrices.column", in -> Matrices.shape(Matrices.column(in.v(H))));
        add(e, "Matrices.oneHot", in -> Matrices.oneHot(in.y(Y), in.n(3)));
        add(e, "Matrices.shape", in -> Matrices.shape(in.m(Z)).length());
        add(e, "Matrices.argmaxRows", in -> Matrices.argmaxRows(in.m(Z)));
        add(e, "Matrices.selectRows", in -> Matrices.shape(Matrices.selectRows(in.m(Z), in.y(new int[]{1, 0, 1}))));
        add(e, "Matrices.gaussian", in -> Matrices.gaussian(in.n(3), in.n(2), in.d(1.0), in.obj(new Random(1))));
        add(e, "Linear.forward(x, w)", in -> Linear.forward(in.m(X), in.m(W)));
        add(e, "Linear.forward(x, w, b)", in -> Linear.forward(in.m(X), in.m(W), in.m(B)));
        add(e, "Linear.backward", in -> Linear.backward(in.m(X), in.m(W), in.m(T)));
        add(e, "Linear.weightGradient", in -> Linear.weightGradient(in.m(X), in.m(T)));
        add(e, "Linear.biasGradient", in -> Linear.biasGradient(in.m(T)));
        add(e, "Linear.inputGradient", in -> Linear.inputGradient(in.m(T), in.m(W)));
        add(e, "new LinearSoftmax", EntryPoints::linear);
        add(e, "LinearSoftmax.init", in -> LinearSoftmax.init(in.n(4), in.n(3), in.d(0.1), 1));
        add(e, "LinearSoftmax.lossAndGradient", in -> LinearSoftmax.lossAndGradient(in.m(W), in.m(X), in.y(Y),
                in.obj(L2.NONE)).loss());
        add(e, "LinearSoftmax.lossAndGradients", in -> LinearSoftmax.lossAndGradients(in.m(W), in.m(B), in.m(X),
                in.y(Y), in.obj(L2.halfNorm(0.1))).loss());
        add(e, "LinearSoftmax.lossAndGradientNaive", in -> LinearSoftmax.lossAndGradientNaive(in.m(W), in.m(X),
                in.y(Y), in.obj(L2.NONE)).loss());
        add(e, "LinearSoftmax.scores", in -> linear(in).scores(in.m(X)));
        add(e, "LinearSoftmax.evaluate", in -> linear(in).evaluate(in.m(X), in.y(Y), in.obj(L2.NONE)).loss());
        add(e, "LinearSoftmax.loss", in -> linear(in).loss(in.m(X), in.y(Y), in.obj(L2.NONE)));
        add(e, "LinearSoftmax.predict", in -> linear(in).predict(in.m(X)));
        add(e, "LinearSoftmax.lossOf", in -> {
            LinearSoftmax model = linear(in);
            return model.lossOf(in.m(X), in.y(Y), in.obj(L2.NONE)).applyAsDouble(in.own(model.w(), W.copy()));
        });
        add(e, "new TwoLayerNet", EntryPoints::net);
        add(e, "TwoLayerNet.init", in -> TwoLayerNet.init(in.n(4), in.n(5), in.n(3), in.d(0.1), 1));
        add(e, "TwoLayerNet.lossAndGradients", in -> net(in).lossAndGradients(in.m(X), in.y(Y),
                in.obj(L2.NONE)).loss());
        add(e, "TwoLayerNet.scores", in -> net(in).scores(in.m(X)));
        add(e, "TwoLayerNet.evaluate", in -> net(in).evaluate(in.m(X), in.y(Y), in.obj(L2.NONE)).loss());
        add(e, "TwoLayerNet.loss", in -> net(in).loss(in.m(X), in.y(Y), in.obj(L2.NONE)));
        add(e, "new Model.Evaluation", in -> new Model.Evaluation(in.d(1.0), in.list(List.of(W, B)),
                in.obj(new int[] {0, 1})));
    }

    private static void latex(List<EntryPoint> e) {
        add(e, "Formula.read", in -> {
            Formula f = Formula.read(in.latex("z_4 = w_{41}o_1 + \\frac{1}{2} = 3"));
            return f.toLatex() + f.source() + f.sideLatex() + f.sides().size();
        });
        add(e, "Formula.readAll", in -> Formula.readAll(in.latex("z_4 = o_1 \\\\ z_5 = 2 o_1")).size());
        add(e, "Formula.expression", in -> Formula.expression(in.latex("(1-a_4) \\times o_1")).toLatex());
        add(e, "Expr.evaluate", in -> Formula.expression(in.latex("\\sum_{i=1}^{3} a_i + e^{b} + \\max(a_1, b)"))
                .evaluate(in.obj(SCOPE)));
        add(e, "Expr.evaluate(unbounded sum)", in -> Formula.expression(in.latex("\\sum_i a_i"))
                .evaluate(in.obj(SCOPE)));
        add(e, "Expr.expand", in -> Formula.expression(in.latex("\\sum_{i=1}^{3} a_i \\ln b")).expand(in.obj(SCOPE))
                .toLatex());
        add(e, "Expr.derivative", in -> {
            Expr d = Formula.expression(in.latex("\\frac{a_1 e^{b}}{\\sqrt{b} + \\sigma(b)}")).derivative(in.s("b"));
            return d.toLatex() + d.evaluate(SCOPE) + d.symbols().size();
        });
        add(e, "new Expr.Num", in -> new Expr.Num(in.d(0.5), in.s("0.5")).toLatex());
        add(e, "Expr.Num.of", in -> Expr.Num.of(in.d(-0.5)).toLatex());
        add(e, "new Expr.Sym", in -> new Expr.Sym(in.s("a"), in.s("1"), in.s("")).evaluate(SCOPE));
        add(e, "Expr.Sym.name", in -> new Expr.Sym("a", "i", "").name(in.obj(SCOPE.with("i", 2))));
        add(e, "new Expr.Neg", in -> new Expr.Neg(in.obj(Expr.ONE)).evaluate(SCOPE));
        add(e, "new Expr.Add", in -> new Expr.Add(in.list(List.of(Expr.ONE, Expr.ZERO))).evaluate(SCOPE));
        add(e, "new Expr.Mul", in -> new Expr.Mul(in.list(List.of(Expr.ONE, Expr.Num.of(2)))).toLatex());
        add(e, "new Expr.Div", in -> new Expr.Div(in.obj(Expr.ONE), in.obj(Expr.Num.of(2))).evaluate(SCOPE));
        add(e, "new Expr.Pow", in -> new Expr.Pow(in.obj(Expr.Num.of(2)), in.obj(Expr.Num.of(3))).evaluate(SCOPE));
        add(e, "new Expr.Fn", in -> new Expr.Fn(in.s("max"), in.list(List.of(Expr.ONE, Expr.ZERO))).evaluate(SCOPE));
        add(e, "new Expr.Series", in -> new Expr.Series(in.s("i"), in.obj(Expr.ONE), in.obj(Expr.Num.of(3)),
                in.obj(new Expr.Sym("a", "i", ""))).evaluate(SCOPE));
        add(e, "Expr.Series.values", in -> new Expr.Series("i", null, null, new Expr.Sym("a", "i", ""))
                .values(in.obj(SCOPE)).size());
        add(e, "new Expr.Indicator", in -> new Expr.Indicator(in.obj(Expr.ONE), in.obj(Expr.ONE)).evaluate(SCOPE));
        add(e, "new Expr.Partial", in -> new Expr.Partial(in.obj(Expr.ONE), in.obj(new Expr.Sym("b", "", "")))
                .evaluate(Scope.of(WITH_PARTIALS)));
        add(e, "Scope.of(map)", in -> Scope.of(in.named(Map.of("a", in.d(1.5)))).value("a"));
        add(e, "Scope.of(values)", in -> Scope.of(in.obj(WITH_PARTIALS)).value("b"));
        add(e, "Scope.value", in -> SCOPE.value(in.s("a1")));
        add(e, "Scope.knows", in -> SCOPE.knows(in.s("a1")));
        add(e, "Scope.partial", in -> Scope.of(WITH_PARTIALS).partial(in.obj(Expr.ONE),
                in.obj(new Expr.Sym("b", "", ""))));
        add(e, "Scope.index", in -> SCOPE.with("i", 2).index(in.s("i")).orElse(0));
        add(e, "Scope.with", in -> SCOPE.with(in.s("i"), in.n(2)).index("i").orElse(0));
        add(e, "Scope.indexValues", in -> SCOPE.indexValues(in.s("i"), in.obj(new Expr.Sym("a", "i", ""))).size());
    }

    private static void graph(List<EntryPoint> e) {
        add(e, "Graph.fromLatex", in -> Graph.fromLatex(in.point(POINT), in.latex(SOFTMAX2), in.latex(LOSS))
                .node("L").value());
        add(e, "Graph.fromLatex(assignments)", in -> Graph.fromLatex(POINT, in.names(new String[]{SOFTMAX2, LOSS}))
                .node("L").value());
        add(e, "Graph.leaves(point)", in -> new Graph().leaves(in.point("h_1=1, h_2=2, w_{21}=-0.2")).size());
        add(e, "Graph.values(symbols)", in -> twoClasses().values(in.latex("a_1, z_2, L")).length);
        add(e, "Graph.assign", in -> {
            Graph g = twoClasses();
            Node q = g.assign(in.latex("q = a_1 a_2 + \\max(z_1, z_2) + 1\\{y_1=1\\}")).get(0);
            return q.value() + g.backward(q).size();
        });
        add(e, "Graph.assign(index)", in -> Graph.fromLatex(in.point(POINT)).assign(in.latex(
                "a_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}"), in.s("j"), in.n(1), in.n(2)).get(1).value());
        add(e, "Graph.numericDerivative(of)", in -> {
            Graph g = twoClasses();
            return g.numericDerivative(in.obj((java.util.function.DoubleSupplier) () -> g.node("L").value() * 2), in.own(g.node("a1"),
                    graph000().node("o1")), in.d(1e-5));
        });
        add(e, "Nets.document000", in -> Nets.document000(in.v(H), in.rows(W000), in.v(T2)));
        add(e, "Nets.document002", in -> Nets.document002(in.v(O), in.rows(W002), in.v(T3)));
        add(e, "Nets.document003", in -> Nets.document003(in.point("D=1, C=2, x^{(i)}_1=1, w^{(1)}_1=1, "
                + "w^{(2)}_1=-1, y^{(i)}=2"), in.names(new String[]{"i"})).node("ell(i)").value());
        add(e, "Graph.assign(index)", in -> Graph.fromLatex("x_1=1, x_2=2")
                .assign(in.latex("s_j = 2 x_j"), in.s("j"), in.n(1), in.n(2)).size());
        add(e, "Graph.leaf", in -> new Graph().leaf(in.s("x"), in.d(1.5)));
        add(e, "Graph.leaves", in -> new Graph().leaves(in.list(List.of("a", "b")), in.v(new double[]{1, 2})));
        add(e, "Graph.weightedSum", in -> {
            Graph g = graph000();
            Graph other = graph000();
            return g.weightedSum(in.s("y3"), in.list(List.of(g.node("w11"), g.node("w21"))),
                    java.util.Arrays.asList(g.node("h1"), in.own(g.node("h2"), other.node("h2"))));
        });
        add(e, "Graph.softmax", in -> {
            Graph g = graph000();
            return g.softmax(in.list(List.of("p1", "p2")), in.list(List.of(g.node("y1"), g.node("y2"))));
        });
        add(e, "Graph.crossEntropy(double[])", in -> {
            Graph g = graph000();
            return g.crossEntropy(in.s("C"), in.v(new double[]{0.25, 0.75}), List.of(g.node("o1"), g.node("o2")));
        });
        add(e, "Graph.crossEntropy(nodes)", in -> {
            Graph g = graph000();
            return g.crossEntropy("C", in.list(List.of(g.node("t1"), g.node("t2"))),
                    in.list(List.of(g.node("o1"), g.node("o2"))));
        });
        add(e, "Graph.set", in -> {
            Graph g = graph000();
            g.set(in.s("h1"), in.d(2.0));
            return g.node("L").value();
        });
        add(e, "Graph.set(leaves, values)", in -> {
            Graph g = graph000();
            g.set(in.list(List.of(g.node("h1"), g.node("w21"))), in.v(new double[]{2.0, -0.5}));
            return g.node("L").value();
        });
        add(e, "Graph.node", in -> graph000().node(in.s("L")));
        add(e, "Graph.backward(node)", in -> {
            Graph g = graph000();
            return g.backward(in.own(g.node("L"), graph000().node("L")));
        });
        add(e, "Graph.backward(nodes, v)", in -> {
            Graph g = graph000();
            return g.backward(in.list(List.of(g.node("o1"), g.node("o2"))), in.v(new double[]{1, -1}));
        });
        add(e, "Graph.expansion", in -> {
            Graph g = graph000();
            return g.expansion(in.own(g.node("L"), graph000().node("L")), g.node("w21")).sum();
        });
        add(e, "Graph.expansion(deep)", in -> {
            Graph g = TestGraphs.doubling(Math.min(in.n(3), MAX_DEPTH), 0.9);
            return g.expansion(g.node("L"), g.node("x0")).sum();
        });
        add(e, "Graph.numericDerivative", in -> {
            Graph g = graph000();
            return g.numericDerivative(g.node("L"), in.own(g.node("w21"), graph000().node("w21")), in.d(1e-5));
        });
        add(e, "Graph.leafGradients", in -> {
            Graph g = graph000();
            return g.leafGradients(in.own(g.node("L"), graph000().node("L")), in.d(1e-5)).size();
        });
        add(e, "Graph.leafGradients(deep)", in -> {
            Graph g = TestGraphs.doubling(Math.min(in.n(3), MAX_DEPTH), 0.9);
            return g.leafGradients(g.node("L"), 1e-5).size();
        });
        add(e, "new Graph.LeafGradient", in -> new Graph.LeafGradient(in.s("w"), in.d(1), in.d(1), in.d(1))
                .discrepancy());
        add(e, "new GraphFunction", in -> new GraphFunction(in.obj(graph000()), in.names(new String[]{"h1", "w21"})));
        add(e, "GraphFunction.at", in -> new GraphFunction(graph000(), "h1", "w21").at(in.v(new double[]{1, 2}),
                in.obj((Function<Graph, Double>) g -> g.node("L").value())));
        add(e, "GraphFunction.value", in -> new GraphFunction(graph000(), "h1").value(in.s("L"))
                .applyAsDouble(in.v(new double[]{0.5})));
        add(e, "GraphFunction.backprop", in -> new GraphFunction(graph000(), "h1").backprop(in.s("L"), in.s("w21"))
                .applyAsDouble(in.v(new double[]{0.5})));
        add(e, "GraphFunction.numericDerivative", in -> new GraphFunction(graph000(), "h1")
                .numericDerivative(in.s("L"), in.s("w21"), in.d(1e-5)).applyAsDouble(in.v(new double[]{0.5})));
        add(e, "GraphFunction.gaussianPoints", in -> new GraphFunction(graph000()).gaussianPoints(in.d(1.0))
                .apply(new Random(1)));
        add(e, "new Expansion", in -> new Expansion(in.s("L"), in.s("L"), in.s("w"), in.s("w"),
                in.list(List.of(new Expansion.Path(List.of())))).sum());
        add(e, "new Expansion.Path", in -> new Expansion.Path(in.list(List.of(
                new Expansion.Factor("L", "w", "s", "f", 0.5)))).product());
        add(e, "new Expansion.Factor", in -> new Expansion.Path(List.of(new Expansion.Factor(in.s("L"), in.s("w"),
                in.s("s"), in.s("f"), in.d(0.5)))).latexNumeric());
    }

    private static void check(List<EntryPoint> e) {
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{1, 2}});
        DMatrixRMaj grad = new DMatrixRMaj(new double[][]{{2, 4}});
        DMatrixRMaj row = Matrices.row(1, 2, 3);
        DMatrixRMaj jacobian = Softmax.jacobian(Softmax.rows(row));
        add(e, "GradientCheck.relativeError", in -> GradientCheck.relativeError(in.d(1.0), in.d(1.1)));
        add(e, "GradientCheck.centralDifference", in -> GradientCheck.centralDifference(
                in.fn((DoubleUnaryOperator) Math::sin, v -> v > 1 ? Double.NaN : v), in.d(1.0), in.d(1e-5)));
        add(e, "GradientCheck.numericGradient", in -> GradientCheck.numericGradient(in.fn(SUM_SQ, NAN_AT_SHIFT),
                in.m(x), in.d(1e-5)));
        add(e, "GradientCheck.numericJacobian", in -> GradientCheck.numericJacobian(in.fn(SOFTMAX, RETURNS_NULL),
                in.m(row), in.d(1e-5)));
        add(e, "GradientCheck.dense", in -> GradientCheck.dense(in.s("x"), in.fn(SUM_SQ, NAN_AT_SHIFT), in.m(x),
                in.m(grad), in.d(1e-5), in.d(1e-6)));
        add(e, "GradientCheck.sparse", in -> GradientCheck.sparse(in.s("x"), in.fn(SUM_SQ, NAN_AT_SHIFT), in.m(x),
                in.m(grad), in.n(1), 3, in.d(1e-5), in.d(1e-6)));
        add(e, "GradientCheck.jacobian", in -> GradientCheck.jacobian(in.s("a"), in.fn(SOFTMAX, RETURNS_NULL),
                in.m(row), in.m(jacobian), in.d(1e-5), in.d(1e-6)));
        add(e, "GradientCheck.report", in -> GradientCheck.report(in.obj(checkResult())).passed());
        add(e, "new GradientCheck.Result", in -> new GradientCheck.Result(in.s("x"), 1, 1, 1e-5, 1e-6,
                in.list(checkResult().entries())).verdict());
        add(e, "new GradientCheck.Report", in -> new GradientCheck.Report(in.list(List.of(checkResult()))).verdict());
        add(e, "Claim.check", in -> Claim.of(in.s("label"), in.s("x_1"), in.fn(FIRST, NAN_FN), in.fn(FIRST, NAN_FN))
                .variables(in.names(new String[]{"x1", "x2"})).at(in.v(new double[]{1, 2}))
                .sampled(in.count(3), 7, in.fn((Function<Random, double[]>) r -> new double[]{r.nextGaussian(), 1},
                        r -> null))
                .tolerance(in.d(1e-6)).check().holds());
        add(e, "Claim.corrected", in -> Claim.of("label", "x_1", FIRST, FIRST).at(1, 2)
                .corrected(in.s("x_1"), in.obj(FIRST)).check().holds());
        add(e, "NumberClaim.check", in -> NumberClaim.of(in.s("label"), in.s("0.0900"), in.d(0.0900306)).check()
                .holds());
        add(e, "NumberClaim.corrected", in -> NumberClaim.of("label", "0.0903", 0.0900306).corrected(in.s("0.0900"))
                .check().holds());
        add(e, "NumberClaim.halfUnit", in -> NumberClaim.halfUnit(in.s("0.0903")));
        add(e, "new Verdict.Sample", in -> new Verdict.Sample(in.list(List.of("x1")), in.v(new double[]{1}),
                in.d(1), in.d(1)).text());
        add(e, "ClaimsReport.add(verdict)", in -> new ClaimsReport().add(in.obj(verdict())).summary());
        add(e, "ClaimsReport.add(claim)", in -> new ClaimsReport().add(in.obj(Claim.of("l", "x", FIRST, FIRST)
                .at(1))).summary());
        add(e, "ClaimsReport.add(numberClaim)", in -> new ClaimsReport().add(in.obj(NumberClaim.of("l", "1", 1)))
                .summary());
        add(e, "ClaimsReport.addNumbers", in -> new ClaimsReport().addNumbers(in.s("softmax"),
                in.list(List.of("0.0900", "0.2447")), in.v(new double[]{0.0900306, 0.2447285})).summary());
    }

    private static void derivations(List<EntryPoint> e) {
        add(e, "Derivation.on", in -> Derivation.on(in.obj(twoClasses())).graph().nodes().size());
        add(e, "Derivation.fixed", in -> Derivation.on(twoClasses()).fixed(in.latex("y_1, y_2")).sampled(2, 1, 1)
                .check("chain", CHAIN).holds());
        add(e, "Derivation.sampled", in -> Derivation.on(twoClasses()).fixed("y_1, y_2").sampled(in.n(3), 7,
                in.d(1.0)).check("chain", CHAIN).points());
        add(e, "Derivation.tolerance", in -> derivation().tolerance(in.d(1e-6)).check("chain", CHAIN).holds());
        add(e, "Derivation.check", in -> derivation().check(in.s("chain"), in.latex(CHAIN)).holds());
        add(e, "Derivation.claim", in -> derivation().claim(in.s("slip"), in.latex(SLIP)).ours().check().holds());
        add(e, "Derivation.Check.over", in -> derivation().claim("dL/dz_j", "\\frac{\\partial L}{\\partial z_j} = "
                + "a_j - y_j").reconstructed().over(in.s("j"), 1, in.n(2)).check().holds());
        add(e, "Derivation.Check.corrected", in -> correctionRefused(() -> (Object) derivation().claim("slip", SLIP)
                .corrected(in.latex("a_1 - y_1")).check().holds()));
        add(e, "Derivation.along", in -> derivation().along(in.latex("z_1"), in.d(-2), in.d(2), in.n(5),
                in.latex(CHAIN)).maxDiscrepancy());
        add(e, "Verdict accessors", in -> verdictText(derivation().check(in.s("slip"), in.latex(SLIP))));
        add(e, "Verdict accessors(corrected)", in -> correctionRefused(() -> verdictText(derivation()
                .claim(in.s("slip"), SLIP).corrected("\\frac{\\partial L}{\\partial z_1} = a_1 - y_1").check())));
        add(e, "Verdict.requireBreakAt", in -> verdictText(derivation().check("slip", SLIP).requireBreakAt(in.n(2))));
        add(e, "ClaimsReport.counts", in -> new ClaimsReport().add(in.obj(derivation().claim("chain", CHAIN)
                .reconstructed().check())).add(verdict()).counts());
    }

    private static void dataAndTrain(List<EntryPoint> e) {
        add(e, "new Dataset", EntryPoints::data);
        add(e, "Dataset.rows", in -> DATA.rows(in.y(new int[]{0, 3})).size());
        add(e, "Dataset.split", in -> DATA.split(in.d(0.5), 1).train().size());
        add(e, "Datasets.spiral", in -> Datasets.spiral(in.n(5), in.n(3), 1).size());
        add(e, "Datasets.blobs", in -> Datasets.blobs(in.n(5), in.n(3), in.n(2), in.d(1.0), 1).size());
        add(e, "Datasets.permutation", in -> Datasets.permutation(in.n(5), in.obj(new Random(1))));
        add(e, "Digits.load", in -> {
            try {
                return Digits.load(in.own(DIGITS, Path.of("no-such-file.csv.gz"))).size();
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        });
        add(e, "Accuracy.of(predicted, y)", in -> Accuracy.of(in.y(new int[]{1, 2}), in.y(new int[]{1, 0})));
        add(e, "Accuracy.of(model, data)", in -> Accuracy.of(in.obj(linear(Inputs.dryRun())), in.obj(
                Datasets.blobs(3, 3, 4, 1.0, 2))));
        add(e, "new GradientDescent", in -> new GradientDescent(in.count(2), in.count(4), in.d(0.5), in.obj(L2.NONE),
                1));
        add(e, "GradientDescent.fit(model, train)", in -> new GradientDescent(2, 4, in.d(0.5), reg(in), 1)
                .fit(in.obj(LinearSoftmax.init(4, 3, 0.01, 1)), in.obj(DATA)).last().loss());
        add(e, "GradientDescent.fit(model, train, validation)", in -> new GradientDescent(2, 4, in.d(0.5), L2.NONE, 1)
                .fit(TwoLayerNet.init(4, 5, 3, 0.1, 1), DATA, in.obj(Datasets.blobs(2, 3, 4, 1.0, 3))).last().loss());
        add(e, "GradientDescent.fit(model, train, onEpoch)", in -> new GradientDescent(2, 4, in.d(0.5), L2.NONE, 1)
                .fit(LinearSoftmax.init(4, 3, 0.01, 1), DATA, in.obj((Consumer<History>) h -> { })).last().loss());
        add(e, "GradientDescent.fit(model, train, validation, onEpoch)", in -> new GradientDescent(2, 4, 0.5,
                L2.NONE, 1).fit(LinearSoftmax.init(3, 3, 0.01, 1), in.obj(Datasets.blobs(4, 3, 3, 1.0, 3)),
                in.obj(Datasets.blobs(2, 3, 3, 1.0, 4)), in.obj((Consumer<History>) h -> { })).last().loss());
        add(e, "new History.Epoch", in -> new History.Epoch(in.count(1), in.d(0.5), in.d(0.5),
                in.obj(OptionalDouble.of(0.5))));
        add(e, "History.Epoch(validation)", in -> new History.Epoch(1, 0.5, 0.5, OptionalDouble.of(in.d(0.5))));
        add(e, "new History", in -> new History(in.list(history().epochs())).last().loss());
        add(e, "History.toTable", in -> new History(in.list(history().epochs())).toTable().rowCount());
    }

    private static void view(List<EntryPoint> e) {
        add(e, "Html.table(table)", in -> Html.table(in.obj(Tables.matrix("Z", Z))));
        add(e, "Html.table(table, maxRows, highlight)", in -> Html.table(in.obj(Tables.matrix("Z", Z)),
                in.count(1), in.obj(r -> r == 0)));
        add(e, "Html.verdict", in -> Html.verdict(in.obj(verdict())));
        add(e, "Html.claims", in -> Html.claims(in.obj(report())));
        add(e, "Html.gradientCheck(result)", in -> Html.gradientCheck(in.obj(checkResult())));
        add(e, "Html.gradientCheck(report)", in -> Html.gradientCheck(in.obj(GradientCheck.report(checkResult()))));
        add(e, "Html.expansion", in -> Html.expansion(in.obj(expansion(in))));
        add(e, "Html.escape", in -> Html.escape(in.s("a < b")));
        add(e, "Markdown.math", in -> Markdown.math(in.s("x^2")));
        add(e, "Markdown.expansion", in -> Markdown.expansion(in.obj(expansion(in))));
        add(e, "Markdown.verdict", in -> Markdown.verdict(in.obj(verdict())));
        add(e, "Markdown.claims", in -> Markdown.claims(in.obj(report())));
        add(e, "Markdown.table", in -> Markdown.table(in.obj(Tables.matrix("Z", Z)), in.count(5)));
        add(e, "Text.number", in -> Text.number(in.d(0.123456)));
        add(e, "Text.table", in -> Text.table(in.obj(Tables.matrix("Z", Z)), in.count(5)));
        add(e, "Text.matrix", in -> Text.matrix(in.m(Z), in.count(8), in.count(8)));
        add(e, "Text.expansion", in -> Text.expansion(in.obj(expansion(in))));
        add(e, "Latex.number", in -> Latex.number(in.d(1.5e-7)));
        add(e, "Latex.matrix", in -> Latex.matrix(in.m(Z)));
        add(e, "Latex.matrix(SimpleMatrix)", in -> Latex.matrix(in.obj(new SimpleMatrix(Z))));
        add(e, "Latex.matrix(m, maxRows, maxCols)", in -> Latex.matrix(in.m(Z), in.count(8), in.count(8)));
        add(e, "Latex.display", in -> Latex.display(in.s("x^2")));
        add(e, "Charts.lines", in -> Charts.png(Charts.lines(in.s("t"), in.s("x"), in.s("y"), in.series(SERIES))));
        add(e, "Charts.sides", in -> Charts.png(Charts.sides(in.obj(derivation().along("z_1", -2, 2, 5, SLIP)))));
        add(e, "Charts.loss(history)", in -> Charts.loss(in.obj(history())));
        add(e, "Charts.histories", in -> Charts.png(Charts.histories(in.named(Map.of("a", history())))));
        add(e, "Charts.accuracies", in -> Charts.png(Charts.accuracies(in.named(Map.of("a", history())))));
        add(e, "Charts.loss(values)", in -> Charts.png(Charts.loss(in.v(new double[]{1, 0.5, 0.25}))));
        add(e, "Charts.loss(series)", in -> Charts.png(Charts.loss(in.series(SERIES))));
        add(e, "Charts.accuracy", in -> Charts.png(Charts.accuracy(in.series(SERIES))));
        add(e, "Charts.probabilities", in -> Charts.probabilities(in.v(new double[]{0.2, 0.3, 0.5}),
                in.names(COLS3)));
        add(e, "Charts.decisionRegions", in -> Charts.decisionRegions(in.fn((Function<DMatrixRMaj, int[]>)
                m -> new int[m.numRows], m -> new int[1]), in.m(new DMatrixRMaj(new double[][]{{0, 1}, {1, 0}})),
                in.y(new int[]{0, 1}), in.n(2)));
        add(e, "Charts.imageGrid", in -> Charts.imageGrid(in.m(IMAGES), in.n(2), in.n(2), in.names(COLS3)));
        add(e, "Charts.png(chart)", in -> Charts.png(in.obj(Charts.loss(1, 0.5))));
        add(e, "Charts.png(image)", in -> Charts.png(in.obj(image())));
        add(e, "Charts.svg", in -> Charts.svg(in.obj(Charts.loss(1, 0.5))));
        add(e, "Tables.matrix(name, m, rowLabels, colLabels)", in -> Tables.matrix(in.s("Z"), in.m(Z),
                in.names(ROWS2), in.names(COLS3)));
        add(e, "Tables.matrix(name, m)", in -> Tables.matrix(in.s("Z"), in.m(Z)));
        add(e, "Tables.values", in -> Tables.values(in.s("forward"), in.named(Map.of("a", 1.5))));
        add(e, "Tables.series", in -> Tables.series(in.s("loss"), in.series(SERIES)));
        add(e, "Tables.histories", in -> Tables.histories(in.s("h"), in.named(Map.of("a", history()))));
        add(e, "Tables.gradientCheck(result)", in -> Tables.gradientCheck(in.obj(checkResult())));
        add(e, "Tables.gradientCheck(report)", in -> Tables.gradientCheck(in.obj(GradientCheck.report(
                checkResult()))));
        add(e, "Tables.claims", in -> Tables.claims(in.obj(report())));
        add(e, "Tables.expansion", in -> Tables.expansion(in.obj(expansion(in))));
        add(e, "Renderers.render(value)", in -> Renderers.standard().render(in.m(Z)).text());
        add(e, "Renderers.render(value, mimes)", in -> Renderers.standard().render(in.obj(history()),
                in.names(new String[]{"html"})).data());
        add(e, "Renderers.register", in -> new Renderers().register(in.obj(String.class), in.list(List.of("text/plain")),
                in.list(List.of("text/plain")), in.obj((s, mime) -> s)).render("x").text());
        add(e, "Renderers.find", in -> Renderers.standard().find(in.obj(history())).isPresent());
        add(e, "MimeBundle.text", in -> MimeBundle.text(in.s("x")).text());
        add(e, "MimeBundle.with", in -> MimeBundle.text("x").with(in.s("html"), in.s("<b>x</b>")).data());
        add(e, "MimeBundle.get", in -> MimeBundle.text("x").get(in.s("text")).isPresent());
        add(e, "MimeBundle.normalize", in -> MimeBundle.normalize(in.s("svg")));
    }

    private static void kernel(List<EntryPoint> e) {
        add(e, "Notebook.display(value)", in -> Notebook.display(in.obj(Matrices.row(1, 2))));
        add(e, "Notebook.display(value, mimes)", in -> Notebook.display(in.obj(Matrices.row(1, 2)),
                in.names(new String[]{"latex"})));
        add(e, "Notebook.updateDisplay", in -> {
            Notebook.updateDisplay(in.s(Notebook.display(Matrices.row(1))), in.obj(Matrices.row(1, 2)));
            return "updated";
        });
        add(e, "LiveChart.of", in -> LiveChart.of(in.s("loss"), in.s("epoch"), in.s("loss")).finish().getTitle());
        add(e, "LiveChart.add", in -> {
            LiveChart live = LiveChart.of("loss", "epoch", "loss");
            live.add(in.s("train"), in.d(1), in.d(0.5));
            return Charts.png(live.chart());
        });
        add(e, "LiveChart.series", in -> {
            LiveChart live = LiveChart.loss();
            live.series(in.s("train")).accept(in.d(0.5));
            return Charts.png(live.finish());
        });
        add(e, "LiveChart.onEpoch", in -> {
            LiveChart live = LiveChart.loss();
            live.onEpoch().accept(in.obj(history()));
            return Charts.png(live.finish());
        });
    }
}
