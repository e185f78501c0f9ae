package softmaxlab.graph;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

import org.ejml.data.DMatrixRMaj;
import softmaxlab.latex.Expr;
import softmaxlab.latex.Formula;
import softmaxlab.latex.Scope;
import softmaxlab.latex.Shapes;
import softmaxlab.math.Require;

/**
 * A scalar chain-rule graph at the documents' granularity (micrograd's shape): every node carries its local
 * partials; {@link #backward(Node)} sorts the nodes topologically, seeds the output with dL/dL = 1 and walks back,
 * adding {@code grad(child) += (d parent / d child) grad(parent)}, so a node on several paths sums them.
 *
 * <p>Document 000's network, built with the primitives (see {@link Nets#document000}):
 * <pre>
 *   y_1 = w_{11} h_1 + w_{21} h_2 + w_{31} h_3        weightedSum
 *   o_j = e^{y_j} / sum_i e^{y_i}                      softmax
 *   L   = -t_1 log o_1 - t_2 log o_2                   crossEntropy
 * </pre>
 * Values are computed when a node is built and again by {@link #forward()}; leaves change through
 * {@link #set(String, double)}, which runs the forward pass, so values are never stale.
 */
public final class Graph {

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> byName = new LinkedHashMap<>();
    // vectors and matrices, by the name of their symbol: fixed once, by a declaration, values or an assignment
    private final Map<String, Shapes.Shape> shapes = new LinkedHashMap<>();

    // ---- builders ------------------------------------------------------------------------------------------------

    /** A leaf (input, weight or target) with a finite value. */
    public Node leaf(String name, double value) {
        Require.finite(requireNewName(name), value);
        return add(new Node(name, value, null));
    }

    /** Leaves named {@code names[i]} with {@code values[i]}, in order. */
    public List<Node> leaves(List<String> names, double[] values) {
        Require.notNull("names", names);
        Require.notNull("values", values);
        if (names.size() != values.length) {
            throw new IllegalArgumentException("values has length " + values.length + "; expected " + names.size()
                    + ", one per name " + names);
        }
        requireNewNames(names);
        List<Node> leaves = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            leaves.add(leaf(names.get(i), values[i]));
        }
        return leaves;
    }

    /**
     * {@code y = sum_i w_i x_i}, e.g. {@code y_1 = w_{11} h_1 + w_{21} h_2 + w_{31} h_3}. Local partials:
     * {@code dy/dw_i = x_i} and {@code dy/dx_i = w_i}.
     *
     * @param weights w_1..w_n, nodes of this graph
     * @param inputs  x_1..x_n, nodes of this graph, as many as weights
     */
    public Node weightedSum(String name, List<Node> weights, List<Node> inputs) {
        List<Node> w = requireNodes("weights", weights);
        List<Node> x = requireNodes("inputs", inputs);
        requireOnePer("inputs", x, "weight", w);
        Node y = add(new Node(requireNewName(name), 0, () -> {
            // y = sum_i w_i x_i
            double sum = 0;
            for (int i = 0; i < w.size(); i++) {
                sum += w.get(i).value() * x.get(i).value();
            }
            return sum;
        }));
        for (int i = 0; i < w.size(); i++) {
            Node wi = w.get(i);
            Node xi = x.get(i);
            // dy/dw_i = x_i
            edge(y, wi, xi.latex(), xi::value);
            // dy/dx_i = w_i
            edge(y, xi, wi.latex(), wi::value);
        }
        y.recompute();
        return y;
    }

    /**
     * {@code o_j = e^{y_j} / sum_k e^{y_k}}, computed shifted by max_k y_k. Every o_j has an edge to every y_k:
     * {@code do_j/dy_j = o_j(1-o_j)}, {@code do_j/dy_k = -o_j o_k} (k != j).
     *
     * @param names  o_1..o_n
     * @param inputs y_1..y_n, nodes of this graph
     * @return o_1..o_n
     */
    public List<Node> softmax(List<String> names, List<Node> inputs) {
        Require.notNull("names", names);
        List<Node> y = requireNodes("inputs", inputs);
        if (names.size() != y.size()) {
            throw new IllegalArgumentException("names has " + names.size() + " entries " + names + "; expected "
                    + y.size() + ", one per input " + names(inputs));
        }
        requireNewNames(names);
        List<Node> outputs = new ArrayList<>(names.size());
        for (int j = 0; j < names.size(); j++) {
            int index = j;
            outputs.add(add(new Node(names.get(j), 0, () -> softmax(y, index))));
        }
        for (int j = 0; j < outputs.size(); j++) {
            Node o = outputs.get(j);
            for (int k = 0; k < y.size(); k++) {
                Node ok = outputs.get(k);
                if (k == j) {
                    // do_j/dy_j = o_j (1 - o_j)
                    edge(o, y.get(k), o.latex() + "(1-" + o.latex() + ")", () -> o.value() * (1 - o.value()));
                } else {
                    // do_j/dy_k = -o_j o_k
                    edge(o, y.get(k), "-" + o.latex() + " " + ok.latex(), () -> -o.value() * ok.value());
                }
            }
            o.recompute();
        }
        return outputs;
    }

    // o_j = e^{y_j - m} / sum_k e^{y_k - m}, m = max_k y_k: the same quotient, with no overflow
    private static double softmax(List<Node> y, int j) {
        double max = Double.NEGATIVE_INFINITY;
        for (Node yk : y) {
            max = Math.max(max, yk.value());
        }
        double sum = 0;
        for (Node yk : y) {
            sum += Math.exp(yk.value() - max);
        }
        return Math.exp(y.get(j).value() - max) / sum;
    }

    /**
     * {@code L = -sum_j t_j log o_j} with constant targets (a one-hot label, as in document 002, or soft targets).
     * Local partials {@code dL/do_j = -t_j / o_j}, written with the number: {@code -\frac{1}{a_4}}.
     * A term with t_j = 0 is 0 (0 log 0 = 0).
     *
     * @param targets t_1..t_n: non-negative, summing to 1
     * @param probs   o_1..o_n, nodes of this graph whose values are probabilities (a softmax's outputs)
     */
    public Node crossEntropy(String name, double[] targets, List<Node> probs) {
        Require.notNull("targets", targets);
        List<Node> o = requireNodes("probs", probs);
        if (targets.length != o.size()) {
            throw new IllegalArgumentException("targets has length " + targets.length + "; expected " + o.size()
                    + ", one per probability " + names(probs));
        }
        Require.distributions("targets", new DMatrixRMaj(1, targets.length, true, targets),
                "constant targets: one-hot or soft");
        List<DoubleSupplier> t = new ArrayList<>();
        List<String> tLatex = new ArrayList<>();
        for (int j = 0; j < targets.length; j++) {
            double tj = Require.finite("targets[" + j + "]", targets[j]);
            t.add(() -> tj);
            tLatex.add(Tex.number(tj, Expansion.DIGITS));
        }
        return crossEntropy(name, t, tLatex, o);
    }

    /**
     * {@code L = -sum_j t_j log o_j} with targets as leaves (document 000's t_1, t_2). Local partials
     * {@code dL/do_j = -\frac{t_j}{o_j}} and {@code dL/dt_j = -\log o_j}.
     *
     * @param targets t_1..t_n, nodes of this graph
     * @param probs   o_1..o_n, nodes of this graph whose values are probabilities (a softmax's outputs)
     */
    public Node crossEntropy(String name, List<Node> targets, List<Node> probs) {
        List<Node> t = requireNodes("targets", targets);
        List<Node> o = requireNodes("probs", probs);
        requireOnePer("targets", t, "probability", o);
        Node loss = crossEntropy(name, t.stream().<DoubleSupplier>map(tj -> tj::value).toList(),
                t.stream().map(Node::latex).toList(), o);
        for (int j = 0; j < t.size(); j++) {
            Node oj = o.get(j);
            // dL/dt_j = -log o_j
            edge(loss, t.get(j), "-\\log " + oj.latex(), () -> -Math.log(oj.value()));
        }
        return loss;
    }

    private Node crossEntropy(String name, List<DoubleSupplier> t, List<String> tLatex, List<Node> o) {
        for (int j = 0; j < o.size(); j++) {
            double oj = o.get(j).value();
            if (!(oj >= 0 && oj <= 1)) {
                throw new IllegalArgumentException("probs[" + j + "] = " + o.get(j).name() + " = " + oj
                        + "; expected a probability in [0, 1] (a softmax output)");
            }
        }
        Node loss = add(new Node(requireNewName(name), 0, () -> {
            // L = -sum_j t_j log o_j, with 0 log 0 = 0
            double sum = 0;
            for (int j = 0; j < t.size(); j++) {
                double tj = t.get(j).getAsDouble();
                sum += tj == 0 ? 0 : -tj * Math.log(o.get(j).value());
            }
            return sum;
        }));
        for (int j = 0; j < t.size(); j++) {
            Node oj = o.get(j);
            DoubleSupplier tj = t.get(j);
            // dL/do_j = -t_j / o_j, which is 0 where t_j = 0 (also at o_j = 0, where -0/0 would be NaN)
            edge(loss, oj, "-\\frac{" + tLatex.get(j) + "}{" + oj.latex() + "}",
                    () -> tj.getAsDouble() == 0 ? 0 : -tj.getAsDouble() / oj.value());
        }
        loss.recompute();
        return loss;
    }

    // ---- formulas written in LaTeX ------------------------------------------------------------------------------

    /**
     * The chain-rule graph of a forward pass written as the documents write it: leaves from {@code point}, then one
     * node per assignment, in order ({@link #assign}). Document 002:
     * <pre>
     *   Graph.fromLatex("o_1=1, o_2=2, o_3=0.5, w_{41}=0.1, ..., y_4=1, y_5=0, y_6=0",
     *           "z_4 = w_{41}o_1+w_{42}o_2+w_{43}o_3 \\\\ z_5 = ... \\\\ z_6 = ...",
     *           "a_4=\\frac{e^{z_4}}{e^{z_4}+e^{z_5}+e^{z_6}} \\\\ ...",
     *           "Loss = -\\sum_i y_i \\ln a_i");
     * </pre>
     *
     * @param point       the leaves and their values ({@link #leaves(String)})
     * @param assignments formulas {@code symbol = formula}, several in one string separated by {@code \\}
     */
    public static Graph fromLatex(String point, String... assignments) {
        Graph g = new Graph();
        g.leaves(point);
        for (String a : Require.notNull("assignments", assignments)) {
            g.assign(a);
        }
        return g;
    }

    /**
     * Leaves from a point written in LaTeX, separated by commas: numbers {@code "h_1=1, w_{21}=-0.2"} (nodes h1, w21),
     * vectors {@code "\\mathbf{x} = (0.5, -1.2)"} (a column: nodes x1, x2, the symbols x_1, x_2), matrices
     * {@code "W = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}"} (nodes W11 ... W22), and declarations
     * {@code "W \\in \\mathbb{R}^{2 \\times 2}"}, which a value given for the symbol must match. A declared symbol
     * without a value is assigned later with that shape, or names entries the graph has already: document 003's
     * column {@code \\mathrm{w}^{(2)} \\in \\mathbb{R}^{2}} is the nodes of {@code \\mathrm{w}^{(2)}_1} and
     * {@code \\mathrm{w}^{(2)}_2}. At most {@link Shapes#MAX_SIZE} rows and columns.
     */
    public List<Node> leaves(String point) {
        Require.notNull("point", point);
        List<Node> leaves = new ArrayList<>();
        Map<String, Shapes.Shape> declared = new LinkedHashMap<>();
        for (String part : splitTopLevel(point)) {
            if (part.contains("\\in")) {
                declare(part, declared);
                continue;
            }
            int eq = part.indexOf('=');
            String value = eq < 0 ? "" : part.substring(eq + 1).strip();
            if (value.startsWith("(") && splitTopLevel(value.substring(1, Math.max(1, value.length() - 1))).size() > 1
                    || value.startsWith("\\begin")) {
                leaves.addAll(matrixLeaf(part, part.substring(0, eq), value, declared));
                continue;
            }
            Formula f = Formula.read(part, this::naming);
            if (f.sides().size() == 2 && f.sides().get(0) instanceof Expr.Indicator) {
                throw new IllegalArgumentException("point part \"" + part.strip() + "\" starts with a Kronecker "
                        + "delta (\\delta with a two-letter subscript is 1 when they are equal), not a symbol; name "
                        + "the value another way, e.g. \\delta^{(1)}_{2}");
            }
            if (f.sides().size() != 2 || !(f.sides().get(0) instanceof Expr.Sym symbol)) {
                throw new IllegalArgumentException("point part \"" + part.strip() + "\" is not symbol = number; "
                        + "expected e.g. \"h_1=1, w_{21}=-0.2\"");
            }
            double v = f.sides().get(1).evaluate(Scope.EMPTY);
            Require.finite(symbol.toLatex(), v);
            leaves.add(add(new Node(requireNewName(symbol.name()), symbol.toLatex(), v, null)));
        }
        declared.forEach((name, shape) -> {
            if (has(name)) {
                throw new IllegalArgumentException(name + " is declared " + shape + " but is a number (a node); a "
                        + "name is a number or a vector or matrix, not both");
            }
            shapes.putIfAbsent(name, shape);
        });
        return leaves;
    }

    // where a name is given (a point's left side, a declaration), I is a symbol, not the identity matrix
    private boolean naming(String name) {
        return name.equals("I") || knows(name);
    }

    /** True when {@code name} names a node or a vector or matrix of nodes (x for x1, x2). */
    public boolean knows(String name) {
        return has(name) || shapes.containsKey(Require.notNull("name", name));
    }

    /** The shape of the vector or matrix named {@code name} (e.g. "W"), or empty for a number or an unknown name. */
    public Optional<Shapes.Shape> shape(String name) {
        return Optional.ofNullable(shapes.get(Require.notNull("name", name)));
    }

    // W \in \mathbb{R}^{2 \times 3}, x \in \mathbb{R}^{3}, x \in \mathbb{R}^3
    private void declare(String part, Map<String, Shapes.Shape> declared) {
        String[] sides = part.split("\\\\in", 2);
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\\\\mathbb\\{R\\}\\^(?:\\{\\s*(\\d+)\\s*(?:\\\\times\\s*(\\d+)\\s*)?\\}|(\\d))")
                .matcher(sides[1].strip());
        if (!(Formula.expression(sides[0], this::naming) instanceof Expr.Sym symbol) || !m.matches()) {
            throw new IllegalArgumentException("point part \"" + part.strip() + "\" is not a declaration; expected "
                    + "e.g. \"W \\in \\mathbb{R}^{2 \\times 3}\" or \"x \\in \\mathbb{R}^{3}\"");
        }
        int rows = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(3));
        int cols = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        Shapes.Shape shape;
        try {
            shape = new Shapes.Shape(rows, cols);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("point part \"" + part.strip() + "\" declares " + e.getMessage(), e);
        }
        Shapes.Shape before = declared.containsKey(symbol.name()) ? declared.get(symbol.name())
                : shapes.get(symbol.name());
        if (before != null && !before.equals(shape)) {
            throw new IllegalArgumentException("point part \"" + part.strip() + "\" declares " + symbol.toLatex()
                    + " as " + shape + ", but it is " + before + "; a symbol's shape is fixed once");
        }
        declared.put(symbol.name(), shape);
    }

    // x = (0.5, -1.2) or W = \begin{bmatrix} ... \end{bmatrix}: one leaf per entry
    private List<Node> matrixLeaf(String part, String lhs, String value, Map<String, Shapes.Shape> declared) {
        if (!(Formula.expression(lhs, this::naming) instanceof Expr.Sym symbol)) {
            throw new IllegalArgumentException("point part \"" + part.strip() + "\" gives a vector or matrix to "
                    + lhs.strip() + "; expected a symbol without subscript, e.g. \"\\mathbf{x} = (0.5, -1.2)\"");
        }
        double[][] values = value.startsWith("(") ? column(part, value) : matrix(part, value);
        Shapes.Shape shape;
        try {
            shape = new Shapes.Shape(values.length, values[0].length);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("point part \"" + part.strip() + "\" is " + e.getMessage(), e);
        }
        Shapes.Shape wanted = declared.getOrDefault(symbol.name(), shapes.get(symbol.name()));
        if (wanted != null && !wanted.equals(shape)) {
            throw new IllegalArgumentException("point part \"" + part.strip() + "\" gives " + symbol.toLatex()
                    + " " + shape + " values; it is declared " + wanted);
        }
        return matrix(symbol, values);
    }

    /**
     * Leaves for the vector or matrix {@code symbol} (LaTeX, e.g. {@code "W"} or {@code "\\mathbf{x}"}): one per
     * entry, named as the per-component formulas name them (W_{12} is node W12; x_2 of a column vector, x2). Not
     * modified (copied). A {@code double[n][1]} is a column vector.
     */
    public List<Node> matrix(String symbol, double[][] values) {
        if (!(Formula.expression(Require.text("symbol", symbol), this::naming) instanceof Expr.Sym s)) {
            throw new IllegalArgumentException("symbol \"" + symbol + "\"; expected one symbol, e.g. \"W\" or "
                    + "\"\\mathbf{x}\"");
        }
        Require.notNull("values", values);
        if (values.length == 0 || values[0] == null || values[0].length == 0) {
            throw new IllegalArgumentException("values of " + symbol + " are empty; expected rows of entries");
        }
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            Require.notNull("values[" + i + "]", values[i]);
            if (values[i].length != values[0].length) {
                throw new IllegalArgumentException("values[" + i + "] has " + values[i].length + " entries and "
                        + "values[0] " + values[0].length + "; expected rows of one length");
            }
            copy[i] = values[i].clone();
        }
        return matrix(s, copy);
    }

    private List<Node> matrix(Expr.Sym symbol, double[][] values) {
        Shapes.Shape shape;
        try {
            shape = new Shapes.Shape(values.length, values[0].length);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("values of " + symbol.toLatex() + " are " + e.getMessage(), e);
        }
        if (shapes.containsKey(symbol.name()) && !shapes.get(symbol.name()).equals(shape)) {
            throw new IllegalArgumentException(symbol.toLatex() + " is " + shapes.get(symbol.name()) + "; values "
                    + "are " + shape + ": a symbol's shape is fixed once");
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= shape.rows(); i++) {
            for (int j = 1; j <= shape.cols(); j++) {
                names.add(Shapes.entry(symbol, shape, i, j).name());
            }
        }
        requireNewNames(names);
        if (has(symbol.name())) {
            throw new IllegalArgumentException(symbol.toLatex() + " is already a node; a name is a number or a "
                    + "vector or matrix, not both");
        }
        shapes.put(symbol.name(), shape);
        List<Node> leaves = new ArrayList<>();
        for (int i = 1; i <= shape.rows(); i++) {
            for (int j = 1; j <= shape.cols(); j++) {
                Expr.Sym e = Shapes.entry(symbol, shape, i, j);
                double v = values[i - 1][j - 1];
                Require.finite(e.toLatex(), v);
                leaves.add(add(new Node(e.name(), e.toLatex(), v, null)));
            }
        }
        return leaves;
    }

    // (0.5, -1.2): a column
    private double[][] column(String part, String value) {
        if (!value.endsWith(")")) {
            throw new IllegalArgumentException("point part \"" + part.strip() + "\": expected a vector (a, b, ...) "
                    + "closed by )");
        }
        List<String> entries = splitTopLevel(value.substring(1, value.length() - 1));
        double[][] out = new double[entries.size()][1];
        for (int i = 0; i < out.length; i++) {
            out[i][0] = number(part, entries.get(i));
        }
        return out;
    }

    // \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} (also pmatrix): rows by \\, entries by &
    private double[][] matrix(String part, String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\\\\begin\\{([bp]matrix)\\}(.*)\\\\end\\{\\1\\}", java.util.regex.Pattern.DOTALL)
                .matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("point part \"" + part.strip() + "\": expected a matrix "
                    + "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix} (or pmatrix)");
        }
        List<String> rows = java.util.Arrays.stream(m.group(2).split("\\\\\\\\")).filter(r -> !r.isBlank())
                .toList();
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            String[] cells = rows.get(i).split("&");
            out[i] = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                out[i][j] = number(part, cells[j]);
            }
            if (out[i].length != out[0].length) {
                throw new IllegalArgumentException("point part \"" + part.strip() + "\": row " + (i + 1) + " has "
                        + out[i].length + " entries and row 1 " + out[0].length + "; expected rows of one length");
            }
        }
        if (out.length == 0) {
            throw new IllegalArgumentException("point part \"" + part.strip() + "\": the matrix has no rows");
        }
        return out;
    }

    private static double number(String part, String latex) {
        double v;
        try {
            v = Formula.expression(latex).evaluate(Scope.EMPTY);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("point part \"" + part.strip() + "\": entry \"" + latex.strip()
                    + "\" is not a number: " + e.getMessage(), e);
        }
        Require.finite("point part \"" + part.strip() + "\" entry " + latex.strip(), v);
        return v;
    }

    /**
     * The leaves and their current values as a point in LaTeX, the form {@link #leaves(String)} reads:
     * {@code "h_1=1, h_2=2, w_{21}=-0.2, t_1=1"}, in the order built. Each value is written as a plain decimal that
     * reads back as the same double, so {@code Graph.fromLatex(g.point(), ...)} starts exactly at g's leaves (e.g. a
     * document's forward formulas at the point of a net built with {@link Nets}). Not modified.
     */
    public String point() {
        List<String> parts = new ArrayList<>();
        for (Node leaf : leaves()) {
            // Double.toString's digits read back exactly; plain, because the reader takes no exponent (1.0E-5)
            parts.add(leaf.latex() + "=" + new BigDecimal(Double.toString(leaf.value())).stripTrailingZeros()
                    .toPlainString());
        }
        return String.join(", ", parts);
    }

    // "a=1, b=\\max(1, 2)" -> ["a=1", "b=\\max(1, 2)"]: commas and semicolons outside braces and parentheses
    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            depth += c == '{' || c == '(' ? 1 : c == '}' || c == ')' ? -1 : 0;
            if (depth == 0 && (c == ',' || c == ';')) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts.stream().filter(p -> !p.isBlank()).toList();
    }

    /**
     * One node per assignment {@code symbol = formula} ({@code z_4 = w_{41}o_1+w_{42}o_2+w_{43}o_3}; several separated
     * by {@code \\}), named as written (z4). Its formula may use the leaves and the nodes assigned before; sums are
     * written out over their bounds, or for {@code \\sum_i} over the i for which its symbols name nodes. Its local
     * partials are the formula's derivatives with respect to each symbol in it, e.g. for
     * {@code o_1=\\frac{e^{y_1}}{e^{y_1}+e^{y_2}}} the quotient rule
     * {@code \\frac{e^{y_1} (e^{y_1} + e^{y_2}) - e^{y_1} e^{y_1}}{(e^{y_1} + e^{y_2})^{2}}}: formula and value are one
     * tree.
     *
     * @return the nodes added, in order
     */
    public List<Node> assign(String latex) {
        List<Node> added = new ArrayList<>();
        for (Formula f : Formula.readAll(Require.notNull("latex", latex), this::knows)) {
            added.addAll(assign(f, scope));
        }
        return added;
    }

    /**
     * One node per value of an index, for formulas written per component, as a document prints neuron j:
     * {@code assign("s_j = \\sum_{d=1}^{2} w_{dj} x_d", "j", 1, 3)} assigns s_1, s_2 and s_3
     * ({@code s_1 = w_{11} x_1 + w_{21} x_2}, ...), as {@link #assign(String)} would assign the lines written out.
     * Several formulas separated by {@code \\\\} are assigned in turn for each value. Letters of subscripts and
     * labels equal to {@code index} are replaced by its value, on both sides.
     *
     * @param latex assignments whose left sides have the index in their subscript or label
     * @param index a letter
     * @param from  the first value, at least 0
     * @param to    the last value, at least {@code from}, at most {@link Scope#MAX_INDEX}
     * @return the nodes added, in order of the index
     */
    public List<Node> assign(String latex, String index, int from, int to) {
        Require.letter("index", index);
        if (from < 0 || to < from || to > Scope.MAX_INDEX) {
            throw new IllegalArgumentException("index " + index + " from " + from + " to " + to
                    + "; expected 0 <= from <= to <= " + Scope.MAX_INDEX + " (Scope.MAX_INDEX)");
        }
        List<Formula> formulas = Formula.readAll(Require.notNull("latex", latex), this::knows);
        List<Node> added = new ArrayList<>();
        for (int v = from; v <= to; v++) {
            for (Formula f : formulas) {
                added.addAll(assign(f, scope.with(index, v)));
            }
        }
        return added;
    }

    // one node (or one per entry of a vector or matrix formula): symbol = formula, its index letters bound
    private List<Node> assign(Formula f, Scope at) {
        if (f.sides().size() != 2 || !(f.sides().get(0) instanceof Expr.Sym written)
                || !(written.expand(at) instanceof Expr.Sym lhs)) {
            throw new IllegalArgumentException("\"" + f.source() + "\" is not an assignment; expected "
                    + "symbol = formula, e.g. z_4 = w_{41}o_1+w_{42}o_2");
        }
        Expr rhs = f.sides().get(1).expand(at);
        Expr[][] entries;
        try {
            entries = Shapes.entries(rhs, this::shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("in \"" + f.source() + "\": " + e.getMessage(), e);
        }
        Shapes.Shape shape = Shapes.shape(entries);
        Shapes.Shape declared = shapes.get(lhs.name());
        if (declared != null && !declared.equals(shape)) {
            throw new IllegalArgumentException("in \"" + f.source() + "\": " + lhs.toLatex() + " is declared "
                    + declared + " and the formula is " + shape + (declared.equals(new Shapes.Shape(shape.cols(),
                    shape.rows())) ? ", the transpose's shape" : ""));
        }
        if (declared == null && shape.equals(Shapes.Shape.SCALAR)) {
            return List.of(node(f, at, lhs, entries[0][0]));
        }
        if (has(lhs.name())) {
            throw new IllegalArgumentException("in \"" + f.source() + "\": the formula is " + shape + " and "
                    + lhs.toLatex() + " is a number (a node); expected a new symbol on the left, e.g. s = W^\\top x");
        }
        shapes.put(lhs.name(), shape);
        List<Node> added = new ArrayList<>();
        for (int i = 0; i < shape.rows(); i++) {
            for (int j = 0; j < shape.cols(); j++) {
                added.add(node(f, at, Shapes.entry(lhs, shape, i + 1, j + 1), entries[i][j]));
            }
        }
        return added;
    }

    // the node lhs = rhs, with an edge to each node rhs uses, carrying the partial written as a formula
    private Node node(Formula f, Scope at, Expr.Sym lhs, Expr rhs) {
        String name = requireNewName(lhs.name());
        List<String> used = rhs.symbols().stream().map(Expr.Sym::name).distinct().toList();
        for (String u : used) {
            if (!byName.containsKey(u)) {
                throw unknown(f, at, u);
            }
        }
        Node n = add(new Node(name, lhs.toLatex(), 0, () -> rhs.evaluate(scope)));
        for (String u : used) {
            Expr partial = rhs.derivative(u);
            if (partial != Expr.ZERO) {
                edge(n, byName.get(u), partial.toLatex(), () -> partial.evaluate(scope));
            }
        }
        n.recompute();
        Require.finite(lhs.toLatex() + " at the point", n.value());
        return n;
    }

    // "no node named u", at the symbol as written, with the nearest names
    private IllegalArgumentException unknown(Formula f, Scope at, String u) {
        Expr.Sym written = f.sides().get(1).symbols().stream().filter(s -> s.expand(at) instanceof Expr.Sym e
                && e.name().equals(u)).findFirst().orElseThrow();
        String text = written.toLatex();
        int pos = Math.max(f.source().indexOf(text), 0);
        List<String> near = Formula.closest(u, byName.keySet());
        return Formula.errorAt(f.source(), text, pos, "no node named " + u + " (neither a leaf of the point nor "
                + "assigned above)" + (near.isEmpty() ? "" : "; nearest: " + String.join(", ", near)));
    }

    // the graph's node values as a formula's symbols
    private final Scope scope = Scope.of(new Scope.Values() {
        public double value(String name) {
            return node(name).value();
        }

        public boolean knows(String name) {
            return byName.containsKey(name);
        }
    });

    // ---- values --------------------------------------------------------------------------------------------------

    /**
     * Recomputes every value from the current leaf values, in the order the nodes were built (a topological one).
     *
     * @throws IllegalStateException naming the first node whose value is not finite (e.g. e^{y} overflowing)
     */
    public void forward() {
        forwardHolding(null);
    }

    // the forward pass with one node's value (if any) held as set
    private void forwardHolding(Node held) {
        for (Node n : nodes) {
            if (n != held) {
                n.recompute();
            }
        }
        for (Node n : nodes) {
            if (!Double.isFinite(n.value())) {
                throw new IllegalStateException("forward pass: " + n.name() + " = " + n.value() + " at leaves "
                        + leafValues() + "; expected finite values (are the leaves too large?)");
            }
        }
    }

    /**
     * Sets a leaf's value and runs {@link #forward()}; a value that makes a node non-finite is refused and the leaf
     * keeps its old value.
     */
    public void set(String leaf, double value) {
        set(List.of(node(leaf)), new double[] {value});
    }

    /**
     * Sets several leaves, then runs one {@link #forward()} (not one per leaf); values that make a node non-finite
     * are refused and every leaf keeps its old value.
     *
     * @param leaves leaves of this graph. Modified: their values.
     * @param values finite, one per leaf, in the same order. Not modified.
     */
    public void set(List<Node> leaves, double[] values) {
        List<Node> ns = requireNodes("leaves", leaves);
        Require.notNull("values", values);
        if (values.length != ns.size()) {
            throw new IllegalArgumentException("values has length " + values.length + "; expected " + ns.size()
                    + ", one per leaf " + names(ns));
        }
        double[] saved = new double[ns.size()];
        for (int i = 0; i < ns.size(); i++) {
            requireLeaf(ns.get(i));
            Require.finite(ns.get(i).name(), values[i]);
            saved[i] = ns.get(i).value();
        }
        for (int i = 0; i < ns.size(); i++) {
            ns.get(i).setValue(values[i]);
        }
        try {
            forward();
        } catch (IllegalStateException e) {
            for (int i = 0; i < ns.size(); i++) {
                ns.get(i).setValue(saved[i]);
            }
            forward();
            StringBuilder set = new StringBuilder();
            for (int i = 0; i < ns.size(); i++) {
                set.append(i == 0 ? "" : ", ").append(ns.get(i).name()).append(" = ").append(values[i]);
            }
            throw new IllegalArgumentException(set + " is refused: " + e.getMessage(), e);
        }
    }

    private Map<String, Double> leafValues() {
        Map<String, Double> values = new LinkedHashMap<>();
        leaves().forEach(n -> values.put(n.name(), n.value()));
        return values;
    }

    /** The node with this name; unknown name -> IllegalArgumentException listing the known names. */
    public Node node(String name) {
        Node n = name == null ? null : byName.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no node named " + (name == null ? "null" : "\"" + name + "\"")
                    + "; expected one of " + byName.keySet());
        }
        return n;
    }

    /** True when a node is named {@code name}. */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** Every node, in the order built. */
    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** The leaves, in the order built. */
    public List<Node> leaves() {
        return nodes.stream().filter(Node::isLeaf).toList();
    }

    /** name -> value for every node, in the order built: a forward table. */
    public Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        nodes.forEach(n -> values.put(n.name(), n.value()));
        return values;
    }

    /**
     * The values of the nodes named by LaTeX symbols separated by commas, in that order: {@code values("a_4, a_5, a_6")}
     * is (a4, a5, a6), e.g. a softmax row to compare with the library's.
     *
     * @param symbols e.g. {@code "z_4, z_5, z_6"} or {@code "w_{41}, Loss"}
     * @throws IllegalArgumentException naming a part that is not a symbol or names no node
     */
    public double[] values(String symbols) {
        List<String> parts = splitTopLevel(Require.notNull("symbols", symbols));
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("symbols = \"" + symbols + "\" names no node; expected LaTeX symbols "
                    + "separated by commas, e.g. \"a_4, a_5, a_6\"");
        }
        double[] values = new double[parts.size()];
        for (int k = 0; k < values.length; k++) {
            if (!(Formula.expression(parts.get(k)) instanceof Expr.Sym s)) {
                throw new IllegalArgumentException("symbols part \"" + parts.get(k).strip() + "\" is not a symbol; "
                        + "expected LaTeX symbols separated by commas, e.g. \"a_4, a_5, a_6\"");
            }
            values[k] = node(s.name()).value();
        }
        return values;
    }

    /** name -> grad for every node from the last backward pass, in the order built. */
    public Map<String, Double> grads() {
        Map<String, Double> grads = new LinkedHashMap<>();
        nodes.forEach(n -> grads.put(n.name(), n.grad()));
        return grads;
    }

    // ---- backward ------------------------------------------------------------------------------------------------

    /**
     * Backpropagation from a scalar output: every grad is reset to 0, the output's set to dL/dL = 1, then in reverse
     * topological order {@code grad(child) += (d parent / d child) grad(parent)}.
     *
     * @return leaf name -> dL/d leaf, in the order built (0 for leaves the output does not depend on)
     */
    public Map<String, Double> backward(Node output) {
        requireOwn("output", output);
        return backward(List.of(output), new double[]{1});
    }

    /**
     * Vector-Jacobian product from a vector output: seeds {@code grad(outputs[i]) = v[i]} and backpropagates, so
     * each leaf x gets {@code (v^T J)_x = sum_i v_i d outputs[i] / dx}.
     *
     * @param outputs the output nodes, e.g. (o1, o2)
     * @param v       one weight per output
     * @return leaf name -> (v^T J) entry, in the order built
     */
    public Map<String, Double> backward(List<Node> outputs, double[] v) {
        requireNodes("outputs", outputs);
        Require.notNull("v", v);
        if (v.length != outputs.size()) {
            throw new IllegalArgumentException("v has length " + v.length + "; expected " + outputs.size()
                    + ", one entry per output " + names(outputs));
        }
        for (int i = 0; i < v.length; i++) {
            Require.finite("v[" + i + "]", v[i]);
        }
        List<Node> order = topologicalOrder(outputs);
        nodes.forEach(n -> n.setGrad(0));
        for (int i = 0; i < v.length; i++) {
            outputs.get(i).addGrad(v[i]);
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Node parent = order.get(i);
            for (Edge e : parent.edges()) {
                // dL/d child += (d parent / d child) dL/d parent
                double contribution = e.value() * parent.grad();
                if (!Double.isFinite(contribution)) {
                    throw new IllegalStateException("backward: " + e.symbol() + " = " + e.formula() + " = " + e.value()
                            + " times the gradient " + parent.grad() + " of " + parent.name() + " is not finite at "
                            + "leaves " + leafValues() + "; expected finite local partials");
                }
                e.child().addGrad(contribution);
            }
        }
        Map<String, Double> leafGrads = new LinkedHashMap<>();
        leaves().forEach(n -> leafGrads.put(n.name(), n.grad()));
        return leafGrads;
    }

    // children before parents: the build order (a node is built after its operands), kept to the nodes the outputs
    // are computed from; found with an explicit stack, so a deep graph cannot overflow the call stack
    private List<Node> topologicalOrder(List<Node> outputs) {
        Set<Node> reached = new HashSet<>(outputs);
        Deque<Node> todo = new ArrayDeque<>(outputs);
        while (!todo.isEmpty()) {
            for (Edge e : todo.pop().edges()) {
                if (reached.add(e.child())) {
                    todo.push(e.child());
                }
            }
        }
        return nodes.stream().filter(reached::contains).toList();
    }

    // ---- chain rule written out, and finite differences ----------------------------------------------------------

    /**
     * The chain-rule expansion of d output / d wrt: every path from the output down to wrt, with its factors
     * (symbol, formula, value at the current values), each path's product and their sum. The paths are counted
     * first (without listing them); more than {@link Expansion#MAX_PATHS} are refused.
     *
     * @param wrt a leaf (w21) or an intermediate node (y1)
     */
    public Expansion expansion(Node output, Node wrt) {
        requireOwn("output", output);
        requireOwn("wrt", wrt);
        Map<Node, Long> pathsTo = pathCounts(output, wrt);
        long count = pathsTo.getOrDefault(output, 0L);
        if (count > Expansion.MAX_PATHS) {
            throw new IllegalArgumentException("d" + output.name() + "/d" + wrt.name() + " has "
                    + (count == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : count) + " paths from "
                    + output.name() + " to " + wrt.name() + "; expected at most " + Expansion.MAX_PATHS
                    + " (Expansion.MAX_PATHS) to write out; backward(output) gives the gradient");
        }
        List<Expansion.Path> paths = collectPaths(output, wrt, pathsTo);
        return new Expansion(output.name(), output.latex(), wrt.name(), wrt.latex(), paths);
    }

    /**
     * The number of paths from each node (up to {@code output}) down to {@code wrt}, counted over the build order (a
     * node's operands are built before it): paths(wrt) = 1, paths(n) = sum over n's edges of paths(child); absent
     * means 0. Saturates at {@code Long.MAX_VALUE}.
     */
    private Map<Node, Long> pathCounts(Node output, Node wrt) {
        Map<Node, Long> paths = new HashMap<>();
        if (nodes.indexOf(wrt) > nodes.indexOf(output)) {
            return paths;
        }
        paths.put(wrt, 1L);
        for (Node n : nodes.subList(nodes.indexOf(wrt) + 1, nodes.indexOf(output) + 1)) {
            long count = 0;
            for (Edge e : n.edges()) {
                long child = paths.getOrDefault(e.child(), 0L);
                count = child > Long.MAX_VALUE - count ? Long.MAX_VALUE : count + child;
            }
            if (count > 0) {
                paths.put(n, count);
            }
        }
        return paths;
    }

    /**
     * The sum over every path from {@code output} down to {@code wrt} of the product of its local partials, without
     * listing the paths: sum(wrt) = 1, sum(n) = sum over n's edges of (d n / d child) sum(child), over the build
     * order. Equal to {@code expansion(output, wrt).sum()} (the same products, grouped by distributivity).
     */
    private double pathSum(Node output, Node wrt) {
        if (nodes.indexOf(wrt) > nodes.indexOf(output)) {
            return 0;
        }
        Map<Node, Double> sums = new HashMap<>();
        sums.put(wrt, 1.0);
        for (Node n : nodes.subList(nodes.indexOf(wrt) + 1, nodes.indexOf(output) + 1)) {
            double sum = 0;
            for (Edge e : n.edges()) {
                Double child = sums.get(e.child());
                if (child != null) {
                    sum += e.value() * child;
                }
            }
            sums.put(n, sum);
        }
        return sums.getOrDefault(output, 0.0);
    }

    // depth first along the edges that lead to wrt (pathsTo > 0), so the work is the paths listed and never the dead
    // ends; an explicit stack of edge iterators, one per factor of the current prefix, so a deep graph cannot overflow
    // the call stack
    private static List<Expansion.Path> collectPaths(Node output, Node wrt, Map<Node, Long> pathsTo) {
        List<Expansion.Path> paths = new ArrayList<>();
        List<Expansion.Factor> prefix = new ArrayList<>();
        if (output == wrt) {
            paths.add(new Expansion.Path(prefix));
            return paths;
        }
        Deque<Iterator<Edge>> stack = new ArrayDeque<>();
        stack.push(output.edges().iterator());
        while (!stack.isEmpty()) {
            Iterator<Edge> edges = stack.peek();
            if (!edges.hasNext()) {
                stack.pop();
                if (!stack.isEmpty()) {
                    prefix.remove(prefix.size() - 1);
                }
                continue;
            }
            Edge e = edges.next();
            if (!pathsTo.containsKey(e.child())) {
                continue;
            }
            prefix.add(new Expansion.Factor(e.parent().name(), e.child().name(), e.symbol(), e.formula(), e.value()));
            if (e.child() == wrt) {
                paths.add(new Expansion.Path(prefix));
                prefix.remove(prefix.size() - 1);
            } else {
                stack.push(e.child().edges().iterator());
            }
        }
        return paths;
    }

    /**
     * Central difference {@code (out(x + h) - out(x - h)) / (2h)}. For a leaf x the leaf is moved; for a node
     * computed by the graph (z_4) the node is held at z ± h while everything computed from it is recomputed, which is
     * the derivative backprop leaves in {@code grad(z)}. The node is restored and the forward pass rerun, so the
     * graph's values are as before.
     *
     * @param wrt a leaf (w21) or a node computed by the graph (z4)
     * @param h   step, finite and {@code > 0}
     */
    public double numericDerivative(Node output, Node wrt, double h) {
        requireOwn("output", output);
        return numericDerivative(output::value, wrt, h);
    }

    /**
     * Central difference of any quantity read from the graph (e.g. a formula over its nodes), with {@code wrt} moved
     * or held as in {@link #numericDerivative(Node, Node, double)}.
     *
     * @param of read after each forward pass
     */
    public double numericDerivative(DoubleSupplier of, Node wrt, double h) {
        Require.notNull("of", of);
        requireOwn("wrt", wrt);
        Require.positive("h", h);
        double saved = wrt.value();
        try {
            double plus = valueWith(of, wrt, saved + h, "+");
            double minus = valueWith(of, wrt, saved - h, "-");
            double d = (plus - minus) / (2 * h);
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("h = " + h + " gives (" + plus + " - " + minus + ") / (2h) = " + d
                        + " for the derivative with respect to " + wrt.name() + "; expected a smaller step");
            }
            return d;
        } finally {
            wrt.setValue(saved);
            forward();
        }
    }

    // the quantity read with wrt held at x = wrt +- h; a non-finite forward pass names h
    private double valueWith(DoubleSupplier of, Node wrt, double x, String sign) {
        wrt.setValue(x);
        try {
            forwardHolding(wrt);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("h gives " + wrt.name() + " " + sign + " h = " + x
                    + ", where the graph is not finite: " + e.getMessage(), e);
        }
        return of.getAsDouble();
    }

    /**
     * One leaf's gradient three ways: backprop, the chain-rule expansion's sum, and the central difference.
     * {@link #discrepancy()} is the largest difference from backprop, scaled by max(1, |backprop|): relative for large
     * gradients, absolute for small ones (where the central difference's own noise, ~1e-11, is absolute).
     */
    public record LeafGradient(String leaf, double backprop, double expansion, double numeric) {

        public LeafGradient {
            Require.text("leaf", leaf);
            Require.finite("backprop", backprop);
            Require.finite("expansion", expansion);
            Require.finite("numeric", numeric);
        }

        public double discrepancy() {
            double scale = Math.max(1, Math.abs(backprop));
            return Math.max(Math.abs(backprop - expansion), Math.abs(backprop - numeric)) / scale;
        }
    }

    /**
     * {@link LeafGradient} for every leaf, in the order built; the graph's values and grads are left as after backward.
     * The expansion's sum is computed without listing the paths (any number of them), two forward passes per leaf.
     */
    public List<LeafGradient> leafGradients(Node output, double h) {
        requireOwn("output", output);
        Require.positive("h", h);
        Map<String, Double> backprop = backward(output);
        List<LeafGradient> rows = new ArrayList<>();
        for (Node leaf : leaves()) {
            rows.add(new LeafGradient(leaf.name(), backprop.get(leaf.name()), pathSum(output, leaf),
                    numericDerivative(output, leaf, h)));
        }
        return rows;
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    private Node add(Node n) {
        nodes.add(n);
        byName.put(n.name(), n);
        return n;
    }

    private static void edge(Node parent, Node child, String formula, DoubleSupplier partial) {
        parent.addInput(new Edge(parent, child, formula, partial));
    }

    private String requireNewName(String name) {
        if (name == null || name.isBlank() || !name.equals(name.strip())
                || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("name = " + (name == null ? "null" : "\"" + name + "\"")
                    + "; expected a name without spaces, as the documents write it (h1, w21, o1, L)");
        }
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("name \"" + name + "\" is taken; expected a new name, not one of "
                    + byName.keySet());
        }
        return name;
    }

    // every name checked before any node is added, so a bad name leaves the graph as it was
    private void requireNewNames(List<String> names) {
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("names " + names + " repeat a name; expected " + names.size()
                    + " different names");
        }
        names.forEach(this::requireNewName);
    }

    private Node requireOwn(String argument, Node n) {
        if (n == null) {
            throw new IllegalArgumentException(argument + " is null; expected a node of this graph, one of "
                    + byName.keySet());
        }
        if (byName.get(n.name()) != n) {
            throw new IllegalArgumentException(argument + " = " + n.name()
                    + " belongs to another graph; expected a node of this graph, one of " + byName.keySet());
        }
        return n;
    }

    // a copy, so that the caller's later changes to the list do not change the graph
    private List<Node> requireNodes(String argument, List<Node> list) {
        Require.notNull(argument, list);
        if (list.isEmpty()) {
            throw new IllegalArgumentException(argument + " is empty; expected at least one node");
        }
        for (int i = 0; i < list.size(); i++) {
            requireOwn(argument + "[" + i + "]", list.get(i));
        }
        return List.copyOf(list);
    }

    private static void requireOnePer(String argument, List<Node> list, String what, List<Node> other) {
        if (list.size() != other.size()) {
            throw new IllegalArgumentException(argument + " has " + list.size() + " nodes " + names(list)
                    + "; expected " + other.size() + ", one per " + what + " " + names(other));
        }
    }

    private static Node requireLeaf(Node n) {
        if (!n.isLeaf()) {
            throw new IllegalArgumentException(n.name() + " is computed from " + names(n.edges().stream()
                    .map(Edge::child).distinct().toList()) + "; expected a leaf (an input, weight or target)");
        }
        return n;
    }


    private static List<String> names(List<Node> list) {
        return list.stream().map(Node::name).toList();
    }
}
