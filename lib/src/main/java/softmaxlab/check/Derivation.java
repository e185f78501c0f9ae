package softmaxlab.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import softmaxlab.graph.Graph;
import softmaxlab.graph.Node;
import softmaxlab.latex.Expr;
import softmaxlab.latex.Formula;
import softmaxlab.latex.Scope;
import softmaxlab.latex.Shapes;
import softmaxlab.math.Require;

/**
 * Printed formulas checked as printed, against a chain-rule graph: the claim is the document's LaTeX, read once
 * ({@link Formula}), and what a verdict shows is that string. In it a symbol is a node's value ({@code a_4} is node
 * a4) and {@code \frac{\partial A}{\partial B}} is dA/dB on the graph two ways that must agree: by central differences
 * (B a leaf, or a node held while everything after it is recomputed; step {@link #H} times B's size, at most 1) and by
 * backpropagation. They agree within the tolerance or, where the central difference is itself inexact (ln a near
 * a = 0), within its own error estimate |D(h) - D(2h)|; the value used is backprop's, exact to rounding. A derivative
 * of a formula that is not a node ({@code \frac{\partial \log a}{\partial a}}) is the central difference alone.
 *
 * <pre>
 *   Graph net = Graph.fromLatex("o_1=1, o_2=0, ..., y_4=1, y_5=0, y_6=0", "z_4 = ...", "a_4 = ...", "Loss = ...");
 *   Derivation d = Derivation.on(net).fixed("y_4, y_5, y_6");
 *   Verdict v = d.check("002 (情况一)", "\\frac{\\partial Loss}{\\partial w_{41}} "
 *           + "= -\\frac{1}{a_4} \\times a_4(1-a_4) \\times o_1 = (1-a_4) \\times o_1");
 * </pre>
 * A claim is checked at the graph's own point (the document's example) first, then at seeded random points: every
 * leaf not {@link #fixed} moved by {@code scale * N(0, 1)}. A chain {@code A = B = C} is checked step by step: the
 * verdict names the first {@code =} that breaks, with the values on each side, at the document's example when it
 * fails there. Steps agree when {@code |right - left| / max(1, |left|) <= tolerance} at every point.
 */
public final class Derivation {

    /** Random points per claim, besides the document's own. */
    public static final int DEFAULT_SAMPLES = 50;
    /** The seed of the random points: same seed, same points, same verdicts. */
    public static final long DEFAULT_SEED = 20180603;
    /** How far random points lie from the document's: each free leaf moves by this times N(0, 1). */
    public static final double DEFAULT_SCALE = 1;
    /** Central-difference step: its error, ~1e-10 for values of order 1, is far below the tolerance. */
    public static final double H = GradientCheck.DEFAULT_H;
    /** Below this size a node's step shrinks no further: the step is H min(1, max(|x|, MIN_STEP_SCALE)). */
    public static final double MIN_STEP_SCALE = 1e-3;
    /** Most random points per claim ({@link #sampled}). */
    public static final int MAX_SAMPLES = 10_000;
    /** Most evaluations per claim: points times the values of an index ({@link Check#over}). */
    public static final int MAX_CASES = 100_000;
    /**
     * Most work per claim, counted in node values computed (forward passes, central differences, backprop) and
     * symbols looked up: under a second here, where the documents' claims need a few thousand.
     */
    public static final long MAX_WORK = 300_000;

    private final Graph graph;
    private final List<Node> free = new ArrayList<>();
    private int samples = DEFAULT_SAMPLES;
    private long seed = DEFAULT_SEED;
    private double scale = DEFAULT_SCALE;
    private double tolerance = Claim.DEFAULT_TOLERANCE;
    private long work;
    // ∂output/∂leaf by backprop at the leaves' current values, checked once: a matrix side asks for the same partial
    // in many entries (the Jacobian's in a product); emptied whenever a leaf changes
    private final Map<String, Double> partials = new HashMap<>();
    // > 0 while a derivative of a formula moves a leaf (a second derivative): the partials above do not hold then
    private int moving;
    // the node names the scope reads while a counterexample's dependencies are traced, else null
    private Set<String> reading;

    private Derivation(Graph graph) {
        this.graph = graph;
        free.addAll(graph.leaves());
    }

    /**
     * Claims checked against {@code graph}, at its current leaf values (the document's example) and at random points
     * around them.
     *
     * @param graph e.g. {@code Graph.fromLatex(...)} or {@code Nets.document000(...)}; its leaves are moved during a
     *              check and restored after it
     */
    public static Derivation on(Graph graph) {
        Require.notNull("graph", graph);
        if (graph.leaves().isEmpty()) {
            throw new IllegalArgumentException("graph has no leaves; expected a graph built at a point");
        }
        return new Derivation(graph);
    }

    /** The graph the claims are checked on. */
    public Graph graph() {
        return graph;
    }

    /**
     * Leaves that keep the document's values at every random point, e.g. one-hot targets {@code "y_4, y_5, y_6"}
     * (a claim such as dLoss/dz_4 = a_4 - 1 holds only for the label it was derived for). Returns this.
     *
     * @param leaves leaf symbols as LaTeX, separated by commas
     */
    public Derivation fixed(String leaves) {
        Require.notNull("leaves", leaves);
        Set<Node> kept = new HashSet<>();
        for (String part : leaves.split(",")) {
            Expr e = Formula.expression(part, graph::knows);
            if (!(e instanceof Expr.Sym s)) {
                throw new IllegalArgumentException("fixed: \"" + part.strip() + "\" is not a symbol; expected leaf "
                        + "symbols separated by commas, e.g. \"y_4, y_5\"");
            }
            Optional<Shapes.Shape> shape = graph.shape(s.name());
            if (shape.isPresent()) {
                // a vector or matrix: all its entries
                for (int i = 1; i <= shape.get().rows(); i++) {
                    for (int j = 1; j <= shape.get().cols(); j++) {
                        kept.add(leaf(Shapes.entry(s, shape.get(), i, j)));
                    }
                }
                continue;
            }
            kept.add(leaf(s));
        }
        free.clear();
        graph.leaves().stream().filter(n -> !kept.contains(n)).forEach(free::add);
        return this;
    }

    // the leaf a symbol of fixed(...) names
    private Node leaf(Expr.Sym s) {
        Node n = graph.node(s.name());
        if (!n.isLeaf()) {
            throw new IllegalArgumentException("fixed: " + s.toLatex() + " is computed by the graph; expected a "
                    + "leaf, one of " + graph.leaves().stream().map(Node::latex).toList());
        }
        return n;
    }

    /**
     * {@code n} random points from {@code new Random(seed)}, each free leaf at its document value plus
     * {@code scale * N(0, 1)}; n = 0 checks the document's example only. Returns this.
     *
     * @param n     0 to {@link #MAX_SAMPLES}
     * @param scale {@code > 0}, at most {@link Require#MAX_SCALE}
     */
    public Derivation sampled(int n, long seed, double scale) {
        if (n < 0 || n > MAX_SAMPLES) {
            throw new IllegalArgumentException("n = " + n + "; expected 0 to " + MAX_SAMPLES
                    + " random points (Derivation.MAX_SAMPLES)");
        }
        this.samples = n;
        this.seed = seed;
        this.scale = Require.scale("scale", Require.positive("scale", scale));
        return this;
    }

    /** The largest discrepancy allowed between the sides of each {@code =}, default {@link Claim#DEFAULT_TOLERANCE}. */
    public Derivation tolerance(double tol) {
        this.tolerance = Require.positive("tol", tol);
        return this;
    }

    /** Checks a formula the document prints: {@code claim(label, latex).check()}. */
    public Verdict check(String label, String latex) {
        return claim(label, latex).check();
    }

    /**
     * A claim to check, e.g. {@code claim("002 (情况一)",
     * "\\frac{\\partial Loss}{\\partial w_{41}} = (1-a_4) \\times o_1").corrected("(a_4-1) \\times o_1").check()}.
     *
     * @param latex a formula {@code A = B} or a chain {@code A = B = C}, as printed
     */
    public Check claim(String label, String latex) {
        return new Check(Require.text("label", label), read(Require.text("latex", latex)));
    }

    private Formula read(String latex) {
        Formula f = Formula.read(latex, graph::knows);
        if (f.sides().size() < 2) {
            throw new IllegalArgumentException("\"" + latex + "\" has no =; expected a claim A = B or a chain "
                    + "A = B = C");
        }
        return f;
    }

    /**
     * Every side of a claim along one leaf, for a chart ({@code Charts.sides}): the leaf at {@code n} evenly spaced
     * values from {@code from} to {@code to}, the other leaves as they are, each side evaluated as {@link Check#check()}
     * evaluates it (a {@code \partial} by backprop, checked against central differences). E.g.
     * {@code along("z", -6, 6, 61, "\\frac{\\partial L}{\\partial z} = a - y")}: the derivative on the graph and
     * the formula claimed for it, over z. The leaf is restored after; the claim has no free index (write the component,
     * {@code z_1}, rather than {@code z_i}).
     *
     * @param leaf  a leaf symbol as LaTeX, e.g. {@code "z"} or {@code "z_1"}
     * @param from  first value, finite
     * @param to    last value, finite and {@code > from}
     * @param n     values, 2 to {@link #MAX_SAMPLES}
     * @param latex a claim {@code A = B} or a chain {@code A = B = C}
     * @throws IllegalArgumentException when a value of the leaf makes the graph or a side not finite (the range is
     *                                  too wide, or the side undefined there)
     * @throws IllegalStateException    as {@link Check#check()}: backprop and central differences disagree, or the
     *                                  work exceeds {@link #MAX_WORK}
     */
    public Curves along(String leaf, double from, double to, int n, String latex) {
        Expr e = Formula.expression(Require.text("leaf", leaf), graph::knows);
        Node x = e instanceof Expr.Sym s ? graph.node(s.name()) : null;
        if (x == null || !x.isLeaf()) {
            throw new IllegalArgumentException("leaf \"" + leaf + "\" is not a leaf of the graph; expected one of "
                    + graph.leaves().stream().map(Node::latex).toList());
        }
        Require.finite("from", from);
        Require.finite("to", to);
        if (!(to > from) || !Double.isFinite(to - from)) {
            throw new IllegalArgumentException("from = " + from + ", to = " + to + "; expected from < to");
        }
        if (n < 2 || n > MAX_SAMPLES) {
            throw new IllegalArgumentException("n = " + n + "; expected 2 to " + MAX_SAMPLES
                    + " values (Derivation.MAX_SAMPLES)");
        }
        Formula f = read(Require.text("latex", latex));
        work = 0;
        partials.clear();
        double saved = x.value();
        double[] xs = new double[n];
        double[][] values = new double[f.sides().size()][n];
        try {
            for (int k = 0; k < n; k++) {
                xs[k] = from + (to - from) * k / (n - 1);
                spend(graph.nodes().size());
                partials.clear();
                try {
                    graph.set(x.name(), xs[k]);
                } catch (IllegalArgumentException refused) {
                    throw new IllegalArgumentException(refused.getMessage() + "; expected a narrower range of "
                            + leaf, refused);
                }
                for (int s = 0; s < values.length; s++) {
                    values[s][k] = f.sides().get(s).evaluate(scope);
                    if (!Double.isFinite(values[s][k])) {
                        throw new IllegalArgumentException("step " + (s + 1) + " (" + f.sideLatex().get(s) + ") is "
                                + values[s][k] + " at " + x.name() + " = " + xs[k] + "; expected a finite value "
                                + "along " + leaf + ": a narrower range, or a side defined there");
                    }
                }
            }
        } finally {
            graph.set(x.name(), saved);
            partials.clear();
        }
        return new Curves(x.latex(), xs, f.sideLatex(), values);
    }

    /**
     * The sides of a claim along one leaf ({@link #along}): side s, written {@code sides.get(s)}, has the finite value
     * {@code values[s][k]} where the leaf is {@code x[k]}.
     *
     * @param leaf the leaf's LaTeX, e.g. {@code z_1}
     */
    public record Curves(String leaf, double[] x, List<String> sides, double[][] values) {

        public Curves {
            Require.text("leaf", leaf);
            x = Require.notNull("x", x).clone();
            sides = Require.noNulls("sides", sides);
            Require.notNull("values", values);
            if (values.length != sides.size()) {
                throw new IllegalArgumentException("values has " + values.length + " rows; expected "
                        + sides.size() + ", one per side");
            }
            double[][] copy = new double[values.length][];
            for (int s = 0; s < values.length; s++) {
                copy[s] = Require.finite("values[" + s + "]", values[s]).clone();
                if (copy[s].length != x.length) {
                    throw new IllegalArgumentException("values[" + s + "] has length " + copy[s].length
                            + "; expected " + x.length + ", one per x");
                }
            }
            values = copy;
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[][] values() {
            double[][] copy = new double[values.length][];
            for (int s = 0; s < values.length; s++) {
                copy[s] = values[s].clone();
            }
            return copy;
        }

        /**
         * The largest {@code |right - left| / max(1, |left|)} over every {@code =} and every x, the measure of
         * {@link Check#check()}.
         */
        public double maxDiscrepancy() {
            double worst = 0;
            for (int s = 0; s + 1 < values.length; s++) {
                for (int k = 0; k < x.length; k++) {
                    worst = Math.max(worst, Claim.discrepancy(values[s][k], values[s + 1][k]));
                }
            }
            return worst;
        }
    }

    /** One claim: printed (default), reconstructed or ours, with an optional corrected form. */
    public final class Check {

        private final String label;
        private final Formula formula;
        private Formula corrected;
        private Verdict.Source source = Verdict.Source.PRINTED;
        private String index;
        private int from;
        private int to;

        private Check(String label, Formula formula) {
            this.label = label;
            this.formula = formula;
        }

        /** Marks the formula as our reconstruction of what the document shows only as an image or implies. */
        public Check reconstructed() {
            source = Verdict.Source.RECONSTRUCTED;
            return this;
        }

        /** Marks the formula as our own addition. */
        public Check ours() {
            source = Verdict.Source.OURS;
            return this;
        }

        /**
         * Checks the claim for every value of an index, e.g. {@code claim("002 dLoss/dz = a - y",
         * "\\frac{\\partial Loss}{\\partial z_j} = a_j - y_j").over("j", 4, 6)}: every point with j = 4, 5, 6.
         *
         * @param index a letter used in the claim's subscripts
         */
        public Check over(String index, int from, int to) {
            Require.letter("index", index);
            if (to < from || (long) to - from >= Scope.MAX_TERMS) {
                throw new IllegalArgumentException("index " + index + " from " + from + " to " + to
                        + "; expected from <= to and at most " + Scope.MAX_TERMS + " values");
            }
            this.index = index;
            this.from = from;
            this.to = to;
            return this;
        }

        /**
         * The corrected form: a whole claim {@code A = B'}, or only its right side {@code B'} (then the printed
         * left side is kept). Checked at the same points; {@link #check()} throws when it does not hold.
         */
        public Check corrected(String latex) {
            Formula f = Formula.read(Require.text("latex", latex), graph::knows);
            corrected = f.sides().size() >= 2 ? f : read(formula.sideLatex().get(0) + " = " + latex);
            return this;
        }

        /**
         * Checks the claim (and the corrected form) at the document's example, then at the random points.
         *
         * @throws IllegalArgumentException when a symbol names no node, or the claim's left side is not finite at a
         *                                  point (fix such leaves with {@link #fixed}, or sample closer)
         * @throws IllegalStateException    when central differences and backprop disagree on a derivative, or the
         *                                  check needs more than {@link #MAX_WORK}
         * @throws AssertionError           when the corrected form does not hold
         */
        public Verdict check() {
            long cases = (samples + 1L) * (index == null ? 1 : to - from + 1);
            if (cases > MAX_CASES) {
                throw new IllegalArgumentException((samples + 1) + " points times " + (to - from + 1) + " values of "
                        + index + " make " + cases + " evaluations; expected at most " + MAX_CASES
                        + " (Derivation.MAX_CASES): fewer sampled points or a shorter range");
            }
            work = 0;
            partials.clear();
            List<double[]> points = points();
            Optional<Verdict> correction = corrected == null ? Optional.empty()
                    : Optional.of(verdict(corrected, points, Optional.empty()));
            return verdict(formula, points, correction).requireCorrectionHolds();
        }

        /** One evaluation: a point of the free leaves and, with {@link #over}, the index's value. */
        private record Case(double[] point, int j) {
        }

        // every index value at the document's point first, then at each random point
        private List<Case> cases(List<double[]> points) {
            List<Case> cases = new ArrayList<>();
            for (double[] p : points) {
                for (int j = index == null ? 0 : from; j <= (index == null ? 0 : to); j++) {
                    cases.add(new Case(p, j));
                }
            }
            return cases;
        }

        private Verdict verdict(Formula f, List<double[]> points, Optional<Verdict> correction) {
            List<Case> cases = cases(points);
            int atDocument = index == null ? 1 : to - from + 1;
            java.util.Map<Integer, List<Expr[][]>> byIndex = new java.util.HashMap<>();
            for (Case c : cases) {
                byIndex.computeIfAbsent(c.j(), j -> lowered(f, index == null ? scope : scope.with(index, j)));
            }
            List<Expr[][]> sides = byIndex.get(cases.get(0).j());
            double[][][] values = values(f, byIndex, cases);
            int steps = f.sides().size() - 1;
            double worst = 0;
            int broken = -1;
            Verdict.Sample counter = null;
            String note = "";
            for (int s = 0; s < steps; s++) {
                Shapes.Shape left = Shapes.shape(sides.get(s));
                Shapes.Shape right = Shapes.shape(sides.get(s + 1));
                if (!left.equals(right)) {
                    worst = Double.POSITIVE_INFINITY;
                    if (broken < 0) {
                        broken = s;
                        // no entry of one side stands against an entry of the other: no counterexample, the
                        // note gives the shapes
                        note = "step " + (s + 1) + " is " + left + " and step " + (s + 2) + " is " + right
                                + transposeNote(values, s, left, right, cases.size());
                    }
                    continue;
                }
                double stepWorst = -1;
                int worstCase = -1;
                int worstEntry = 0;
                int documentCase = -1;
                int documentEntry = 0;
                for (int k = 0; k < cases.size(); k++) {
                    for (int e = 0; e < values[k][s].length; e++) {
                        // NaN ranks worst
                        double d = Claim.discrepancy(values[k][s][e], values[k][s + 1][e]);
                        double rank = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                        if (rank > stepWorst) {
                            stepWorst = rank;
                            worstCase = k;
                            worstEntry = e;
                        }
                        if (k < atDocument && rank > tolerance && documentCase < 0) {
                            documentCase = k;
                            documentEntry = e;
                        }
                        worst = Double.isNaN(worst) || Double.isNaN(d) ? Double.NaN : Math.max(worst, d);
                    }
                }
                if (stepWorst > tolerance && broken < 0) {
                    broken = s;
                    // the document's example first, when the step fails there
                    int shown = documentCase >= 0 ? documentCase : worstCase;
                    int entry = documentCase >= 0 ? documentEntry : worstEntry;
                    counter = sample(cases.get(shown), values[shown][s + 1][entry], values[shown][s][entry]);
                    note = left.equals(Shapes.Shape.SCALAR) ? "" : "entry (" + (entry / left.cols() + 1) + ", "
                            + (entry % left.cols() + 1) + ")" + transposeNote(values, s, left, right, cases.size());
                }
            }
            boolean holds = broken < 0;
            Verdict.Sample document = sample(cases.get(0), values[0][steps][0], values[0][0][0]);
            boolean chain = steps > 1;
            Set<String> dependsOn = holds ? Set.of()
                    : dependsOn(f, byIndex, broken, cases.get(counter == null ? 0 : counterCase(cases, counter)));
            return new Verdict(label, f.source(), holds, worst, tolerance, cases.size(), Optional.of(document),
                    Optional.ofNullable(counter), correction, source, chain ? f.sideLatex() : List.of(),
                    chain && !holds ? broken + 1 : 0, Optional.of(new Verdict.Focus(variableLatex(), dependsOn)),
                    holds ? "" : note);
        }

        // the sides entry by entry (a side without vectors or matrices is its own single entry), an index bound
        private List<Expr[][]> lowered(Formula f, Scope at) {
            try {
                return f.sides().stream().map(side -> Shapes.entries(side, graph::shape, at)).toList();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("in \"" + f.source() + "\": " + e.getMessage(), e);
            }
        }

        // ": step s+2 is the transpose of step s+1", when its entries are that in every case; "" otherwise
        private String transposeNote(double[][][] values, int s, Shapes.Shape left, Shapes.Shape right, int n) {
            if (!right.equals(new Shapes.Shape(left.cols(), left.rows())) || left.rows() == left.cols()
                    && left.rows() == 1) {
                return "";
            }
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < left.rows(); i++) {
                    for (int j = 0; j < left.cols(); j++) {
                        double d = Claim.discrepancy(values[k][s][i * left.cols() + j],
                                values[k][s + 1][j * right.cols() + i]);
                        if (!(d <= tolerance)) {
                            return "";
                        }
                    }
                }
            }
            return ": step " + (s + 2) + " is the transpose of step " + (s + 1) + " (layout: docs/notation.md)";
        }

        // the case a counterexample was taken from
        private int counterCase(List<Case> cases, Verdict.Sample counter) {
            for (int k = 0; k < cases.size(); k++) {
                if (Arrays.equals(sample(cases.get(k), 0, 0).point(), counter.point())) {
                    return k;
                }
            }
            return 0;
        }

        private List<String> variableLatex() {
            List<String> latex = new ArrayList<>();
            if (index != null) {
                latex.add(index);
            }
            free.forEach(n -> latex.add(n.latex()));
            return latex;
        }

        /**
         * The variables sides s and s + 1 depend on at case c: the index, and every free leaf at or below a node the
         * two sides read (a symbol's value, a derivative's output and input).
         */
        private Set<String> dependsOn(Formula f, java.util.Map<Integer, List<Expr[][]>> lowered, int s, Case c) {
            double[] saved = current();
            Set<String> read = new HashSet<>();
            try {
                set(c.point());
                Scope at = index == null ? scope : scope.with(index, c.j());
                reading = read;
                evaluate(f, lowered.get(c.j()).get(s), at);
                evaluate(f, lowered.get(c.j()).get(s + 1), at);
            } finally {
                reading = null;
                set(saved);
            }
            Set<Node> below = new HashSet<>();
            Deque<Node> todo = new ArrayDeque<>();
            read.stream().filter(graph::has).map(graph::node).forEach(todo::add);
            while (!todo.isEmpty()) {
                Node n = todo.pop();
                if (below.add(n)) {
                    n.inputs().forEach(e -> todo.add(e.child()));
                }
            }
            Set<String> names = new HashSet<>();
            if (index != null) {
                names.add(index);
            }
            free.stream().filter(below::contains).forEach(n -> names.add(n.name()));
            return names;
        }

        private Verdict.Sample sample(Case c, double printed, double truth) {
            List<String> names = new ArrayList<>();
            double[] point = c.point();
            if (index != null) {
                names.add(index);
                point = new double[c.point().length + 1];
                point[0] = c.j();
                System.arraycopy(c.point(), 0, point, 1, c.point().length);
            }
            free.forEach(n -> names.add(n.name()));
            return new Verdict.Sample(names, point, printed, truth);
        }

        // every entry of every side in every case; the graph's leaves are restored after
        private double[][][] values(Formula f, java.util.Map<Integer, List<Expr[][]>> lowered, List<Case> cases) {
            double[] saved = current();
            double[][][] values = new double[cases.size()][][];
            try {
                for (int k = 0; k < cases.size(); k++) {
                    Case c = cases.get(k);
                    if (k == 0 || c.point() != cases.get(k - 1).point()) {
                        set(c.point());
                    }
                    Scope at = index == null ? scope : scope.with(index, c.j());
                    List<Expr[][]> sides = lowered.get(c.j());
                    values[k] = new double[sides.size()][];
                    for (int i = 0; i < sides.size(); i++) {
                        values[k][i] = evaluate(f, sides.get(i), at);
                    }
                    for (double v : values[k][0]) {
                        if (!Double.isFinite(v)) {
                            throw new IllegalArgumentException(f.sideLatex().get(0) + " is " + v + " "
                                    + sample(c, 0, 0).place() + "expected a finite value: keep such leaves "
                                    + "fixed(...) or sample closer");
                        }
                    }
                }
            } finally {
                set(saved);
            }
            return values;
        }

        private double[] evaluate(Formula f, Expr[][] side, Scope at) {
            double[] out = new double[side.length * side[0].length];
            for (int i = 0; i < side.length; i++) {
                for (int j = 0; j < side[0].length; j++) {
                    try {
                        out[i * side[0].length + j] = side[i][j].evaluate(at);
                    } catch (NoNode e) {
                        throw noNode(f, e.name);
                    }
                }
            }
            return out;
        }

        // the document's point first, then the random ones
        private List<double[]> points() {
            List<double[]> points = new ArrayList<>();
            double[] document = current();
            points.add(document);
            Random random = new Random(seed);
            for (int k = 0; k < samples; k++) {
                double[] p = document.clone();
                for (int i = 0; i < p.length; i++) {
                    p[i] += scale * random.nextGaussian();
                }
                points.add(p);
            }
            return points;
        }
    }

    private double[] current() {
        return free.stream().mapToDouble(Node::value).toArray();
    }

    // the free leaves at p; a point where the graph is not finite is refused with the advice that fits a claim
    private void set(double[] p) {
        spend(graph.nodes().size());
        partials.clear();
        try {
            graph.set(free, p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; keep such leaves fixed(...) or sample closer", e);
        }
    }

    // a node whose value is one other node's: W_{ij} of W = [w^{(1)}, w^{(2)}]
    private static boolean isCopy(Node n) {
        return n.inputs().size() == 1 && n.inputs().get(0).formula().equals("1");
    }

    // output is by, or is computed from it through the graph's edges
    private static boolean computedFrom(Node output, Node by) {
        Deque<Node> todo = new ArrayDeque<>(List.of(output));
        Set<Node> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (n == by) {
                return true;
            }
            if (seen.add(n)) {
                n.inputs().forEach(edge -> todo.push(edge.child()));
            }
        }
        return false;
    }

    // counts work against MAX_WORK
    private void spend(long units) {
        work += units;
        if (work > MAX_WORK) {
            throw new IllegalStateException("the check needs more than " + MAX_WORK + " node values and symbol "
                    + "look-ups (Derivation.MAX_WORK); expected fewer sampled points, a shorter index range, fewer "
                    + "derivatives or a smaller graph");
        }
    }

    // a symbol of a claim that names no node, found while evaluating it
    private static final class NoNode extends IllegalArgumentException {
        private final String name;

        NoNode(String name) {
            super("no node named " + name);
            this.name = name;
        }
    }

    private Node node(String name) {
        if (!graph.has(name)) {
            throw new NoNode(name);
        }
        return graph.node(name);
    }

    // "no node named u" at the first symbol written with that name (or its letters), with the nearest node names
    private IllegalArgumentException noNode(Formula f, String name) {
        List<Expr.Sym> written = f.sides().stream().flatMap(side -> side.symbols().stream()).toList();
        Expr.Sym sym = written.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElse(written.stream().filter(s -> name.startsWith(s.name().replaceAll("[^A-Za-z].*", "")))
                        .findFirst().orElse(new Expr.Sym(name, "", "")));
        int pos = Math.max(f.source().indexOf(sym.toLatex()), 0);
        List<String> near = Formula.closest(name, graph.nodes().stream().map(Node::name).toList());
        return Formula.errorAt(f.source(), sym.toLatex(), pos, "no node named " + name + " in the graph"
                + (near.isEmpty() ? "" : "; nearest: " + String.join(", ", near)));
    }

    // a formula's symbols are the graph's nodes; a \partial is a central difference checked against backprop
    private final Scope scope = Scope.of(new Scope.Values() {
        public double value(String name) {
            spend(1);
            if (reading != null) {
                reading.add(name);
            }
            return node(name).value();
        }

        public boolean knows(String name) {
            return graph.has(name);
        }

        public double partial(Expr of, Expr.Sym wrt, Scope scope) {
            Node by = node(wrt.name(scope));
            String key = of instanceof Expr.Sym s ? node(s.name(scope)).name() + "/" + by.name() : null;
            boolean cached = key != null && reading == null && moving == 0;
            if (cached && partials.containsKey(key)) {
                spend(1);
                return partials.get(key);
            }
            // up to six forward passes (x +- h, x +- 2h, restored twice) and a backward pass
            spend(7L * graph.nodes().size());
            // a step relative to the node's size: ln a near a = 0 needs a small one
            double h = H * Math.min(1, Math.max(Math.abs(by.value()), MIN_STEP_SCALE));
            if (reading != null) {
                reading.add(by.name());
            }
            if (!(of instanceof Expr.Sym s)) {
                moving++;
                try {
                    return graph.numericDerivative(() -> of.evaluate(scope), by, h);
                } finally {
                    moving--;
                }
            }
            Node output = node(s.name(scope));
            if (reading != null) {
                reading.add(output.name());
            }
            if (isCopy(by) && !computedFrom(output, by)) {
                // W = [w^{(1)}, w^{(2)}] copies its columns: L is computed from the columns, never from W, and a
                // derivative by the copy would be 0 where the learner means the column's
                String original = by.inputs().get(0).child().name();
                throw new IllegalArgumentException("∂" + output.name() + "/∂" + by.name() + ": " + output.name()
                        + " is not computed from " + by.name() + ", a copy of " + original + "; expected the "
                        + "derivative by " + original + " (write the symbol the formulas above use)");
            }
            double numeric = graph.numericDerivative(output, by, h);
            double coarse = graph.numericDerivative(output, by, 2 * h);
            graph.backward(output);
            double backprop = by.grad();
            // agreement within the tolerance, or within the central difference's own error (~|D(h) - D(2h)| / 3)
            double allowed = Math.max(tolerance * Math.max(1, Math.abs(backprop)), 10 * Math.abs(numeric - coarse));
            if (!(Math.abs(numeric - backprop) <= allowed)) {
                // named by its nodes: the message is plain text, no LaTeX inside a sentence
                throw new IllegalStateException("∂" + output.name() + "/∂" + by.name() + ": central difference "
                        + numeric + " and backprop " + backprop + " disagree beyond the tolerance " + tolerance
                        + "; expected them to agree (a point where the graph is not differentiable?)");
            }
            if (cached) {
                partials.put(key, backprop);
            }
            return backprop;
        }
    });
}
