package softmaxlab.graph;

import java.util.function.DoubleSupplier;

/**
 * An edge from a {@link #parent()} node to a {@link #child()} it is computed from (micrograd's child: an operand),
 * carrying the local partial d parent / d child three ways: as a symbol ({@code \frac{\partial o_1}{\partial y_1}}),
 * as a formula in the documents' notation ({@code o_1(1-o_1)}), and as its value at the current node values.
 */
public final class Edge {

    private final Node parent;
    private final Node child;
    private final String formula;
    private final DoubleSupplier partial;

    Edge(Node parent, Node child, String formula, DoubleSupplier partial) {
        this.parent = parent;
        this.child = child;
        this.formula = formula;
        this.partial = partial;
    }

    /** The node computed from {@link #child()}, e.g. o1 for the edge o1 -> y1. */
    public Node parent() {
        return parent;
    }

    /** The operand, e.g. y1 for the edge o1 -> y1. */
    public Node child() {
        return child;
    }

    /** {@code \frac{\partial o_1}{\partial y_1}}. */
    public String symbol() {
        return Tex.partial(parent.latex(), child.latex());
    }

    /** The local partial in the documents' notation, e.g. {@code o_1(1-o_1)}, {@code -o_2 o_1}, {@code h_2}. */
    public String formula() {
        return formula;
    }

    /** The local partial d parent / d child at the nodes' current values. */
    public double value() {
        return partial.getAsDouble();
    }

    @Override
    public String toString() {
        return symbol() + " = " + formula + " = " + value();
    }
}
