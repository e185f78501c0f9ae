package softmaxlab.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static softmaxlab.graph.GraphTest.EXACT_TOL;
import static softmaxlab.graph.GraphTest.assertMessage;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import softmaxlab.math.L2;
import softmaxlab.math.LinearSoftmax;
import softmaxlab.math.Matrices;

/** Document 003's classifier as a graph ({@link Nets#document003}) and per-component assignments. */
class Document003Test {

    static final String W = "w^{(1)}_1=0.3, w^{(1)}_2=0.2, w^{(2)}_1=-0.1, w^{(2)}_2=0.4, w^{(3)}_1=0.8, "
            + "w^{(3)}_2=-0.6";
    /** The same W as a matrix (D, C): column j is w^{(j)}. */
    static final DMatrixRMaj W_MATRIX = Matrices.of(new double[][] {{0.3, -0.1, 0.8}, {0.2, 0.4, -0.6}});

    @Test
    void oneIndexAssignsOneNodePerValue() {
        Graph g = Graph.fromLatex("x_1=2, x_2=3, w_{11}=1, w_{21}=10, w_{12}=100, w_{22}=1000");
        List<Node> s = g.assign("s_j = \\sum_{d=1}^{2} w_{dj} x_d", "j", 1, 2);
        assertEquals(List.of("s1", "s2"), s.stream().map(Node::name).toList());
        assertEquals(2 + 30, s.get(0).value(), EXACT_TOL);
        assertEquals(200 + 3000, s.get(1).value(), EXACT_TOL);
        assertEquals("s_2", s.get(1).latex());
        assertEquals(1000, g.backward(s.get(1)).get("x2"), EXACT_TOL);
    }

    @Test
    void labelsIndexByASymbolsValue() {
        // \mathrm{w}^{(y^{(i)})}_d: entry d of the true class's column, y^{(i)} = 3
        Graph g = Nets.document003("D=2, C=3, x^{(i)}_1=0.5, x^{(i)}_2=-1.2, y^{(i)}=3, " + W, "i");
        g.assign("q = \\mathrm{w}^{(y^{(i)})}_2");
        assertEquals(-0.6, g.node("q").value(), EXACT_TOL);
    }

    @Test
    void oneSampleIsTheLibrarysLinearSoftmax() {
        Graph g = Nets.document003("D=2, C=3, x^{(i)}_1=0.5, x^{(i)}_2=-1.2, y^{(i)}=3, " + W, "i");
        DMatrixRMaj x = Matrices.row(0.5, -1.2);
        LinearSoftmax.LossAndGradient truth = LinearSoftmax.lossAndGradient(W_MATRIX, x, new int[] {2}, L2.NONE);
        assertEquals(truth.loss(), g.node("ell(i)").value(), EXACT_TOL);
        assertEquals(0.5 * 0.3 - 1.2 * 0.2, g.node("s1(i)").value(), EXACT_TOL);
        g.backward(g.node("ell(i)"));
        for (int d = 0; d < 2; d++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(truth.dW().get(d, j), g.node("w" + (d + 1) + "(" + (j + 1) + ")").grad(), EXACT_TOL);
            }
        }
    }

    @Test
    void aBatchHasTheMeanLoss() {
        Graph g = Nets.document003("N=2, D=2, C=3, x^{(1)}_1=0.5, x^{(1)}_2=-1.2, y^{(1)}=3, x^{(2)}_1=1, "
                + "x^{(2)}_2=0.3, y^{(2)}=1, " + W, "1", "2");
        DMatrixRMaj x = Matrices.of(new double[][] {{0.5, -1.2}, {1, 0.3}});
        LinearSoftmax.LossAndGradient truth = LinearSoftmax.lossAndGradient(W_MATRIX, x, new int[] {2, 0}, L2.NONE);
        assertEquals(truth.loss(), g.node("L").value(), EXACT_TOL);
        assertEquals(truth.loss(), (g.node("ell(1)").value() + g.node("ell(2)").value()) / 2, EXACT_TOL);
        g.backward(g.node("L"));
        assertEquals(truth.dW().get(1, 2), g.node("w2(3)").grad(), EXACT_TOL);
    }

    @Test
    void errorsNameWhatIsWrong() {
        String point = "D=1, C=2, x^{(i)}_1=1, w^{(1)}_1=1, w^{(2)}_1=2, y^{(i)}=";
        assertMessage("point has no D; expected it among the leaves", () -> Nets.document003("C=2", "i"));
        assertMessage("C = 2.5 in point; expected an integer from 1 to 99",
                () -> Nets.document003("D=1, C=2.5", "i"));
        assertMessage("y^{(i)} = 3; expected a class in 1..2", () -> Nets.document003(point + "3", "i"));
        assertMessage("point has no y(j)", () -> Nets.document003(point + "1", "j"));
        assertMessage("sample label \" \"; expected a small letter or a number 1 to 99",
                () -> Nets.document003(point + "1", " "));
        assertMessage("samples is empty", () -> Nets.document003(point + "1"));
        assertMessage("samples is null", () -> Nets.document003(point + "1", (String[]) null));
        Graph g = Graph.fromLatex("x_1=1");
        assertMessage("index = \"jk\"; expected one letter", () -> g.assign("s_j = x_1", "jk", 1, 2));
        assertMessage("index j from 2 to 1; expected 0 <= from <= to <= 99", () -> g.assign("s_j = x_1", "j", 2, 1));
        assertMessage("cannot read \"x_j\" at column 7: no node named x2 (neither a leaf of the point nor assigned", () -> g.assign("s_j = x_j", "j", 1, 2));
    }
}
