package softmaxlab.graph;

import java.util.List;

/** Graphs and LaTeX shared by tests of several packages. */
public final class TestGraphs {

    /** Document 000's forward pass, as printed. */
    public static final String[] FORWARD_000 = {
        "y_1=w_{11}h_1+w_{21}h_2+w_{31}h_3", "y_2=w_{12}h_1+w_{22}h_2+w_{32}h_3",
        "o_1=\\frac{e^{y_1}}{\\sum_{i=1}^2{e^{y_i}}}", "o_2=\\frac{e^{y_2}}{\\sum_{i=1}^2{e^{y_i}}}",
        "L=-t_1\\log{o_1}-t_2\\log{o_2}"};

    /** Document 002's forward pass, as printed (its z_6 line completed the way z_4 and z_5 are written). */
    public static final String[] FORWARD_002 = {
        "z_4 = w_{41}*o_1+w_{42}*o_2+w_{43}*o_3 \\\\ z_5 = w_{51}*o_1+w_{52}*o_2+w_{53}*o_3 \\\\ "
            + "z_6 = w_{61}*o_1+w_{62}*o_2+w_{63}*o_3",
        "a_4=\\frac{e^{z_4}}{e^{z_4}+e^{z_5}+e^{z_6}} \\\\ a_5=\\frac{e^{z_5}}{e^{z_4}+e^{z_5}+e^{z_6}} \\\\ "
            + "a_6=\\frac{e^{z_6}}{e^{z_4}+e^{z_5}+e^{z_6}}",
        "Loss= -\\sum_i y_i\\ln a_i"};

    /** The document's example: o = (1, 0, 0) and w_{41}, w_{51}, w_{61} = 2, 3, 4 give z = (2, 3, 4); label a_4. */
    public static final String POINT_002 = "o_1=1, o_2=0, o_3=0, w_{41}=2, w_{42}=0.5, w_{43}=-1, w_{51}=3, "
            + "w_{52}=0.2, w_{53}=0.7, w_{61}=4, w_{62}=-0.4, w_{63}=0.1, y_4=1, y_5=0, y_6=0";

    private TestGraphs() {
    }

    /** x_i = w x_{i-1} + w x_{i-1}, i = 1..depth, L = w x_depth: every level doubles the paths from L to x0. */
    public static Graph doubling(int depth, double w) {
        Graph g = new Graph();
        Node x = g.leaf("x0", 0.5);
        Node weight = g.leaf("w", w);
        for (int i = 1; i <= depth; i++) {
            x = g.weightedSum("x" + i, List.of(weight, weight), List.of(x, x));
        }
        g.weightedSum("L", List.of(weight), List.of(x));
        return g;
    }
}
