package softmaxlab.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import softmaxlab.math.Require;

/**
 * A graph's nodes as functions of a point: chosen leaves {@code x_1..x_n} (e.g. o1, o2, o3, w41, ..., w63 of document
 * 002's net) are set to {@code p}, the forward pass is run and a value is read. This is the form a printed formula
 * is checked in ({@code softmaxlab.check.Claim} takes {@code ToDoubleFunction<double[]>}): the truth at p is the
 * graph's value or a central difference on the graph at p.
 *
 * <p>Every evaluation restores the leaves' values and reruns the forward pass, so the graph reads as before;
 * gradients are those of the last backward pass (an evaluation by {@link #backprop} runs one).
 */
public final class GraphFunction {

    private final Graph graph;
    private final List<Node> variables;

    /**
     * @param graph     the graph; its leaf values are changed during an evaluation and restored after it
     * @param variables names of the leaves that make up a point, in the point's order, e.g. "h1", "h2", "w21";
     *                  none: every leaf, in the order the graph built them
     */
    public GraphFunction(Graph graph, String... variables) {
        this.graph = Require.notNull("graph", graph);
        Require.notNull("variables", variables);
        if (variables.length == 0) {
            variables = graph.leaves().stream().map(Node::name).toArray(String[]::new);
        }
        List<Node> nodes = new ArrayList<>(variables.length);
        for (String name : variables) {
            Node n = graph.node(name);
            if (!n.isLeaf()) {
                throw new IllegalArgumentException("variable " + name + " is computed by the graph; expected a leaf, "
                        + "one of " + graph.leaves().stream().map(Node::name).toList());
            }
            if (nodes.contains(n)) {
                throw new IllegalArgumentException("variable " + name + " is listed twice; expected each leaf once");
            }
            nodes.add(n);
        }
        this.variables = List.copyOf(nodes);
    }

    /** The graph whose nodes are read. */
    public Graph graph() {
        return graph;
    }

    /** The variables' names, in the point's order (for {@code Claim.variables}). */
    public String[] variables() {
        return variables.stream().map(Node::name).toArray(String[]::new);
    }

    /** The variables' current values: the graph's own point. */
    public double[] point() {
        return variables.stream().mapToDouble(Node::value).toArray();
    }

    /**
     * Reads {@code read} from the graph with the variables set to {@code p}, then restores them.
     *
     * @param p one finite value per variable; Not modified
     */
    public <T> T at(double[] p, Function<Graph, T> read) {
        Require.notNull("p", p);
        Require.notNull("read", read);
        if (p.length != variables.size()) {
            throw new IllegalArgumentException("p has length " + p.length + "; expected " + variables.size()
                    + ", one value per variable " + List.of(variables()));
        }
        for (int i = 0; i < p.length; i++) {
            Require.finite("p[" + i + "] (" + variables.get(i).name() + ")", p[i]);
        }
        double[] saved = point();
        // refused (IllegalArgumentException naming the values) where the graph is not finite at p
        graph.set(variables, p);
        try {
            return read.apply(graph);
        } finally {
            graph.set(variables, saved);
        }
    }

    /** {@code p -> } the value of {@code node} at p, e.g. {@code value("a4")}. */
    public ToDoubleFunction<double[]> value(String node) {
        graph.node(node);
        return p -> at(p, g -> g.node(node).value());
    }

    /** {@code p -> d output / d leaf} at p by backpropagation ({@link Graph#backward(Node)}). */
    public ToDoubleFunction<double[]> backprop(String output, String leaf) {
        graph.node(output);
        graph.node(leaf);
        return p -> at(p, g -> g.backward(g.node(output)).get(leaf));
    }

    /** {@code p -> (output(leaf + h) - output(leaf - h)) / (2h)} at p ({@link Graph#numericDerivative}). */
    public ToDoubleFunction<double[]> numericDerivative(String output, String leaf, double h) {
        graph.node(output);
        graph.node(leaf);
        Require.positive("h", h);
        return p -> at(p, g -> g.numericDerivative(g.node(output), g.node(leaf), h));
    }

    /**
     * Random points for {@code Claim.sampled}: every coordinate {@code scale * N(0, 1)} from the caller's generator.
     *
     * @param scale standard deviation, {@code > 0} and at most {@link Require#MAX_SCALE}, so that every point is finite
     */
    public Function<Random, double[]> gaussianPoints(double scale) {
        Require.scale("scale", Require.positive("scale", scale));
        int n = variables.size();
        return random -> {
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                p[i] = scale * random.nextGaussian();
            }
            return p;
        };
    }
}
