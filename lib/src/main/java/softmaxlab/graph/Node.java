package softmaxlab.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * A scalar in a {@link Graph}, named as the documents name it (h1, w21, y1, o1, L; z4, a4, Loss). It holds its value
 * from the last forward pass, its gradient from the last backward pass, and the edges to the nodes it is computed
 * from, each carrying its local partial.
 */
public final class Node {

    private final String name;
    private final String latex;
    private final DoubleSupplier rule;
    private final List<Edge> inputs = new ArrayList<>();
    private double value;
    private double grad;

    /** {@code rule == null} makes a leaf; the LaTeX is the name's, digits as subscript. */
    Node(String name, double value, DoubleSupplier rule) {
        this(name, Tex.name(name), value, rule);
    }

    /** A node whose LaTeX is given, as a formula wrote it ({@code \\alpha}, {@code x^{(1)}}). */
    Node(String name, String latex, double value, DoubleSupplier rule) {
        this.name = name;
        this.latex = latex;
        this.value = value;
        this.rule = rule;
    }

    /** The name as given, e.g. {@code "w21"}. */
    public String name() {
        return name;
    }

    /** The name in LaTeX: digits as subscript ({@code w_{21}}, {@code h_1}, {@code L}), or as a formula wrote it. */
    public String latex() {
        return latex;
    }

    /** The value from the last forward pass (a leaf: the value it was given). */
    public double value() {
        return value;
    }

    /** d output / d this node from the last backward pass (0 when the node is not upstream of the output). */
    public double grad() {
        return grad;
    }

    /** True for a leaf: an input, weight or target set from outside. */
    public boolean isLeaf() {
        return rule == null;
    }

    /** The edges to the nodes this one is computed from (none for a leaf), each with its local partial. */
    public List<Edge> inputs() {
        return List.copyOf(inputs);
    }

    @Override
    public String toString() {
        return name + " = " + value;
    }

    List<Edge> edges() {
        return inputs;
    }

    void addInput(Edge edge) {
        inputs.add(edge);
    }

    void recompute() {
        if (rule != null) {
            value = rule.getAsDouble();
        }
    }

    void setValue(double value) {
        this.value = value;
    }

    void setGrad(double grad) {
        this.grad = grad;
    }

    // d output / d this += (d parent / d this)(d output / d parent): a node on several paths sums them
    void addGrad(double contribution) {
        grad += contribution;
    }
}
