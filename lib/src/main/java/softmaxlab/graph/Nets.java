package softmaxlab.graph;

import java.util.ArrayList;
import java.util.List;

import softmaxlab.latex.Scope;
import softmaxlab.math.Require;

/** The documents' networks, built from {@link Graph}'s primitives with the documents' names. */
public final class Nets {

    private Nets() {
    }

    /**
     * Document 000: inputs h_1..h_3, weights w_{ij} (input i, output j), outputs y_1, y_2, softmax o_1, o_2, loss
     * <pre>
     *   y_j = w_{1j} h_1 + w_{2j} h_2 + w_{3j} h_3
     *   o_j = e^{y_j} / (e^{y_1} + e^{y_2})
     *   L   = -t_1 log o_1 - t_2 log o_2
     * </pre>
     * Leaves h1..h3, w11, w12, w21, w22, w31, w32, t1, t2 (targets are leaves, so dL/do_1 reads -t_1/o_1).
     *
     * @param h h_1..h_3: 3 values
     * @param w W: (3, 2), {@code w[i][j]} is w_{i+1, j+1}
     * @param t t_1, t_2: 2 values, e.g. one-hot {1, 0}
     */
    public static Graph document000(double[] h, double[][] w, double[] t) {
        requireLength("h", h, 3);
        requireMatrix(w, 3, 2);
        requireLength("t", t, 2);
        Graph g = new Graph();
        List<Node> hs = g.leaves(List.of("h1", "h2", "h3"), h);
        List<List<Node>> wColumns = weightColumns(g, w);
        List<Node> ts = g.leaves(List.of("t1", "t2"), t);
        Node y1 = g.weightedSum("y1", wColumns.get(0), hs);
        Node y2 = g.weightedSum("y2", wColumns.get(1), hs);
        List<Node> o = g.softmax(List.of("o1", "o2"), List.of(y1, y2));
        g.crossEntropy("L", ts, o);
        return g;
    }

    /**
     * Document 002: inputs o_1..o_3, weights w_{ji} (node j = 4..6, input i), scores z_4..z_6, softmax a_4..a_6, loss
     * <pre>
     *   z_j  = w_{j1} o_1 + w_{j2} o_2 + w_{j3} o_3
     *   a_j  = e^{z_j} / (e^{z_4} + e^{z_5} + e^{z_6})
     *   Loss = -sum_j t_j ln a_j
     * </pre>
     * Leaves o1..o3, w41, w42, w43, w51, ..., w63 (row by row); the targets are constants, as the document writes
     * dLoss/da_4 = -1/a_4 for label a_4.
     *
     * @param o o_1..o_3: 3 values
     * @param w (3, 3), {@code w[j][i]} is w_{j+4, i+1}: row j holds the weights into node j+4
     * @param t targets for a_4..a_6: 3 values, e.g. one-hot {1, 0, 0} (document 002's case: label a_4)
     */
    public static Graph document002(double[] o, double[][] w, double[] t) {
        requireLength("o", o, 3);
        requireMatrix(w, 3, 3);
        requireLength("t", t, 3);
        Graph g = new Graph();
        List<Node> os = g.leaves(List.of("o1", "o2", "o3"), o);
        List<Node> z = new ArrayList<>();
        List<List<Node>> rows = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            rows.add(g.leaves(List.of("w" + (j + 4) + "1", "w" + (j + 4) + "2", "w" + (j + 4) + "3"), w[j]));
        }
        for (int j = 0; j < 3; j++) {
            z.add(g.weightedSum("z" + (j + 4), rows.get(j), os));
        }
        List<Node> a = g.softmax(List.of("a4", "a5", "a6"), z);
        g.crossEntropy("Loss", t, a);
        return g;
    }

    /**
     * Document 003's linear softmax classifier, one sample or a batch, with the document's names:
     * <pre>
     *   s^{(i)}_j = \sum_{d=1}^{D} \mathrm{w}^{(j)}_d x^{(i)}_d      (s = W^T x, written per component)
     *   a^{(i)}  = Softmax(s^{(i)})                                 (the library's max-shifted softmax nodes)
     *   \ell^{(i)} = -sum_k 1\{k = y^{(i)}\} log a^{(i)}_k           (the library's cross-entropy node)
     *   \mathcal{L} = -sum_i sum_k (1\{k = y^{(i)}\} / N) log a^{(i)}_k  (with more than one sample)
     * </pre>
     * Nodes s1(i), a1(i), ell(i) (LaTeX {@code s^{(i)}_1}, {@code a^{(i)}_1}, {@code \ell^{(i)}}) for each sample i,
     * and L ({@code \mathcal{L}}). The probabilities and losses are the library's own nodes, not the document's
     * formulas, so that the document's formulas can be checked against them ({@code check.Derivation}). The labels
     * are read once, when the graph is built: keep {@code y^{(i)}} fixed in a derivation.
     *
     * @param point   the leaves ({@link Graph#leaves(String)}): D and C, each x^{(i)}_d (d = 1..D), each
     *                {@code \mathrm{w}^{(j)}_d} (column j of W, j = 1..C) and each label y^{(i)} in 1..C; e.g.
     *                {@code "D=1, C=2, x^{(i)}_1=0.5, \\mathrm{w}^{(1)}_1=1, \\mathrm{w}^{(2)}_1=-1, y^{(i)}=2"}
     * @param samples the samples' labels as the point writes them: {@code "i"}, or {@code "1", "2"}
     */
    public static Graph document003(String point, String... samples) {
        Graph g = Graph.fromLatex(point);
        int dims = count(g, "D");
        int classes = count(g, "C");
        Require.notNull("samples", samples);
        if (samples.length == 0) {
            throw new IllegalArgumentException("samples is empty; expected at least one label, e.g. \"i\"");
        }
        List<Node> allProbs = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        for (String i : samples) {
            if (i == null || !i.matches("[a-z]|[1-9][0-9]?")) {
                throw new IllegalArgumentException("sample label " + (i == null ? "null" : "\"" + i + "\"")
                        + "; expected a small letter or a number 1 to 99, as in x^{(i)} or x^{(2)}");
            }
            int label = count(g, "y(" + i + ")");
            if (label > classes) {
                throw new IllegalArgumentException("y^{(" + i + ")} = " + label + "; expected a class in 1.." + classes);
            }
            List<Node> s = g.assign("s^{(" + i + ")}_j = \\sum_{d=1}^{" + dims + "} \\mathrm{w}^{(j)}_d x^{(" + i + ")}_d",
                    "j", 1, classes);
            List<String> names = new ArrayList<>();
            for (int j = 1; j <= classes; j++) {
                names.add("a" + j + "(" + i + ")");
            }
            List<Node> a = g.softmax(names, s);
            double[] t = new double[classes];
            t[label - 1] = 1;
            g.crossEntropy("ell(" + i + ")", t, a);
            allProbs.addAll(a);
            targets.add(t);
        }
        if (samples.length > 1) {
            double[] batch = new double[allProbs.size()];
            for (int n = 0; n < targets.size(); n++) {
                for (int j = 0; j < classes; j++) {
                    batch[n * classes + j] = targets.get(n)[j] / samples.length;
                }
            }
            g.crossEntropy("L", batch, allProbs);
        }
        return g;
    }

    // a leaf holding a count or class: an integer from 1 to Scope.MAX_INDEX
    private static int count(Graph g, String name) {
        if (!g.has(name)) {
            throw new IllegalArgumentException("point has no " + name + "; expected it among the leaves " + g.values()
                    .keySet());
        }
        double v = g.node(name).value();
        if (v != Math.rint(v) || v < 1 || v > Scope.MAX_INDEX) {
            throw new IllegalArgumentException(name + " = " + v + " in point; expected an integer from 1 to "
                    + Scope.MAX_INDEX);
        }
        return (int) v;
    }

    // leaves w11, w12, w21, ... (row by row, as the document lists them); returns the columns: the weights into y_j
    private static List<List<Node>> weightColumns(Graph g, double[][] w) {
        List<List<Node>> columns = new ArrayList<>();
        for (int j = 0; j < w[0].length; j++) {
            columns.add(new ArrayList<>());
        }
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w[i].length; j++) {
                columns.get(j).add(g.leaf("w" + (i + 1) + (j + 1), w[i][j]));
            }
        }
        return columns;
    }

    private static void requireLength(String name, double[] v, int length) {
        if (v == null || v.length != length) {
            throw new IllegalArgumentException(name + (v == null ? " is null" : " has length " + v.length)
                    + "; expected " + length + " values");
        }
    }

    private static void requireMatrix(double[][] w, int rows, int cols) {
        if (w == null || w.length != rows) {
            throw new IllegalArgumentException("w " + (w == null ? "is null" : "has " + w.length + " rows")
                    + "; expected shape (" + rows + ", " + cols + ")");
        }
        for (int i = 0; i < rows; i++) {
            if (w[i] == null || w[i].length != cols) {
                throw new IllegalArgumentException("w[" + i + "] " + (w[i] == null ? "is null" : "has length "
                        + w[i].length) + "; expected shape (" + rows + ", " + cols + ")");
            }
        }
    }
}
