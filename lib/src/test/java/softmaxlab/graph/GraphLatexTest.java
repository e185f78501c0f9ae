package softmaxlab.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static softmaxlab.graph.GraphTest.EXACT_TOL;
import static softmaxlab.graph.GraphTest.FD_TOL;
import static softmaxlab.graph.GraphTest.H;
import static softmaxlab.graph.GraphTest.assertMessage;

import java.util.List;
import java.util.Map;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Graphs built from the documents' own LaTeX agree with the hand-built nets, node by node and gradient by gradient. */
class GraphLatexTest {

    /** Document 000's forward pass, as printed (the loss, the softmax, the weighted sums). */
    static final String POINT_000 = "h_1=0.5, h_2=-1, h_3=2, w_{11}=0.1, w_{12}=-0.3, w_{21}=0.8, w_{22}=0.2, "
            + "w_{31}=-0.5, w_{32}=0.4, t_1=1, t_2=0";


    @Test
    void aSumWithoutBoundsWhoseSymbolsAreKnownForDifferentValuesIsRefusedNotCutToTheCommonOnes() {
        Graph g = Graph.fromLatex("y_1=0, y_2=0, y_3=0, y_4=0, y_5=1, a_1=0.2, a_2=0.3, a_3=0.5");
        assertMessage("its symbols are known for different k: y_k for k in [1, 2, 3, 4, 5], a_k for k in [1, 2, 3]; "
                + "expected them known for the same values, or bounds, e.g. \\sum_{k=1}^{3}",
                () -> g.assign("C = -\\sum_k y_k \\ln a_k"));
        g.assign("C = -\\sum_{k=1}^{3} y_k \\ln a_k");
        assertEquals(0, g.node("C").value(), EXACT_TOL, "with bounds, the sum the formula writes");
    }

    @Test
    void document000FromItsLatexIsTheHandBuiltNet() {
        Graph fromLatex = Graph.fromLatex(POINT_000, TestGraphs.FORWARD_000);
        Graph byHand = GraphTest.net000();
        assertSame(byHand, fromLatex, List.of("y1", "y2", "o1", "o2", "L"));
        assertEquals("w_{21}", fromLatex.node("w21").latex());
        assertEquals("o_1", fromLatex.node("o1").latex());
        // dL/dw21: two paths, through o1 and o2, as the document draws them
        Expansion e = fromLatex.expansion(fromLatex.node("L"), fromLatex.node("w21"));
        assertEquals(2, e.paths().size());
        assertEquals(byHand.backward(byHand.node("L")).get("w21"), e.sum(), EXACT_TOL);
        assertEquals("-\\frac{t_1}{o_1}", edge(fromLatex, "L", "o1").formula());
        assertEquals("-\\ln\\left(o_1\\right)", edge(fromLatex, "L", "t1").formula());
        assertEquals("h_2", e.paths().get(0).factors().get(2).formula());
        assertEquals("\\frac{e^{y_1} \\left(e^{y_1} + e^{y_2}\\right) - e^{y_1} e^{y_1}}{\\left(e^{y_1} + e^{y_2}\\right)^{2}}",
                fromLatex.node("o1").inputs().get(0).formula());
    }

    @Test
    void document002FromItsLatexIsTheHandBuiltNet() {
        Graph fromLatex = Graph.fromLatex(TestGraphs.POINT_002, TestGraphs.FORWARD_002);
        Graph byHand = GraphTest.net002();
        assertSame(byHand, fromLatex, List.of("z4", "z5", "z6", "a4", "a5", "a6", "Loss"));
        assertEquals(3, fromLatex.expansion(fromLatex.node("Loss"), fromLatex.node("w41")).paths().size());
    }

    @Test
    void pointWritesTheLeavesAsTheReaderReadsThem() {
        Graph byHand = GraphTest.net000();
        assertEquals("h_1=0.5, h_2=-1, h_3=2, w_{11}=0.1, w_{12}=-0.3, w_{21}=0.8, w_{22}=0.2, w_{31}=-0.5, "
                + "w_{32}=0.4, t_1=1, t_2=0", byHand.point());
        // a net built by hand and the document's own formulas at its point: the same graph
        assertSame(byHand, Graph.fromLatex(byHand.point(), TestGraphs.FORWARD_000), List.of("y1", "y2", "o1", "o2", "L"));
        assertEquals("", new Graph().point());
    }

    @Property
    void pointReadsBackAsTheSameDoubles(@ForAll double a, @ForAll double b) {
        Assume.that(Double.isFinite(a) && Double.isFinite(b));
        Graph g = new Graph();
        g.leaf("w21", a);
        g.leaf("x", b);
        Map<String, Double> read = Graph.fromLatex(g.point()).values();
        assertEquals(Map.of("w21", a, "x", b), read, g.point());
    }

    @Test
    void pointReadsBackExtremeDoubles() {
        for (double v : new double[]{Double.MIN_VALUE, -Double.MAX_VALUE, 1e-5, 123456789.125, -0.0, 0.1}) {
            Graph g = new Graph();
            g.leaf("v", v);
            assertEquals(v == 0 ? 0 : v, Graph.fromLatex(g.point()).node("v").value(), 0, g.point());
        }
    }

    @Test
    void centralDifferencesThroughAComputedNodeAreBackprop() {
        Graph g = Graph.fromLatex(TestGraphs.POINT_002, TestGraphs.FORWARD_002);
        double a4 = g.node("a4").value();
        g.backward(g.node("Loss"));
        for (String z : List.of("z4", "z5", "z6", "a4")) {
            double grad = g.node(z).grad();
            assertEquals(grad, g.numericDerivative(g.node("Loss"), g.node(z), H), FD_TOL * Math.max(1, Math.abs(grad)),
                    z);
        }
        assertEquals(a4 - 1, g.node("z4").grad(), EXACT_TOL);
        assertEquals(a4, g.values().get("a4"), 0, "values restored after the central differences");
    }

    @Test
    void generalOperationsCarryTheirLocalDerivatives() {
        Graph g = Graph.fromLatex("x=0.7, y=-0.3, k=2", "u = \\sqrt{x^2+1} + \\max(x, y) \\cdot x^{k}",
                "v = \\frac{\\ln(u)}{y} - \\sigma(x y) + 1\\{k=2\\} e^{y}");
        g.backward(g.node("v"));
        for (String leaf : List.of("x", "y")) {
            assertEquals(g.numericDerivative(g.node("v"), g.node(leaf), H), g.node(leaf).grad(), FD_TOL, leaf);
        }
        assertEquals("\\frac{1}{u y}", edge(g, "v", "u").formula());
    }

    @Test
    void valuesOfSymbolsInTheOrderNamed() {
        Graph g = Graph.fromLatex(TestGraphs.POINT_002, TestGraphs.FORWARD_002);
        double[] a = g.values("a_6, a_4");
        assertEquals(g.node("a6").value(), a[0], 0);
        assertEquals(g.node("a4").value(), a[1], 0);
        assertEquals(2, g.values("w_{41}")[0], 0);
        assertMessage("symbols part \"a_4 + 1\" is not a symbol; expected LaTeX symbols separated by commas",
                () -> g.values("a_4, a_4 + 1"));
        assertMessage("no node named \"a7\"", () -> g.values("a_7"));
        assertMessage("names no node", () -> g.values(" , "));
    }

    @Test
    void anIndexedAssignmentIsTheFormulasWrittenOut() {
        String point = "o_1=1, o_2=0, o_3=0, w_{41}=2, w_{42}=0.5, w_{43}=-1, w_{51}=3, w_{52}=0.2, w_{53}=0.7, "
                + "w_{61}=4, w_{62}=-0.4, w_{63}=0.1, y_4=1, y_5=0, y_6=0";
        Graph indexed = Graph.fromLatex(point);
        List<Node> z = indexed.assign("z_j = \\sum_{k=1}^{3} w_{jk}o_k", "j", 4, 6);
        List<Node> a = indexed.assign("a_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}", "j", 4, 6);
        indexed.assign("Loss= -\\sum_i y_i\\ln a_i");
        assertEquals(List.of("z4", "z5", "z6"), z.stream().map(Node::name).toList());
        assertEquals(List.of("a_4", "a_5", "a_6"), a.stream().map(Node::latex).toList());
        assertSame(Graph.fromLatex(TestGraphs.POINT_002, TestGraphs.FORWARD_002), indexed, List.of("z4", "z5", "z6", "a4", "a5", "a6",
                "Loss"));
        List<Node> lines = Graph.fromLatex("x=3").assign("p_i = i x \\\\ q_i = p_i + 1", "i", 1, 2);
        assertEquals(List.of("p1", "q1", "p2", "q2"), lines.stream().map(Node::name).toList());
        assertEquals(7, lines.get(3).value(), EXACT_TOL);
    }

    @Test
    void indexedAssignmentErrorsNameWhatIsWrong() {
        assertMessage("j from 3 to 1; expected 0 <= from <= to <= 99", () -> Graph.fromLatex("x=1")
                .assign("a_j = x", "j", 3, 1));
        assertMessage("j from 0 to 100; expected", () -> Graph.fromLatex("x=1").assign("a_j = x", "j", 0, 100));
        assertMessage("cannot read \"z_j\" at column 7: no node named z2 (neither a leaf", () -> Graph.fromLatex("z_1=1")
                .assign("a_j = z_j", "j", 1, 2));
        assertMessage("\"j = x\" is not an assignment", () -> Graph.fromLatex("x=1").assign("j = x", "j", 1, 2));
        assertMessage("index", () -> Graph.fromLatex("x=1").assign("a_j = x", "jk", 1, 2));
        assertMessage("name \"a1\" is taken", () -> Graph.fromLatex("x=1, a_1=2").assign("a_j = x", "j", 1, 2));
    }

    @Test
    void pointAndAssignmentErrorsNameWhatIsWrong() {
        assertMessage("point part \"h_1\" is not symbol = number", () -> Graph.fromLatex("h_1"));
        assertMessage("name \"h1\" is taken", () -> Graph.fromLatex("h_1=1, h_1=2"));
        assertMessage("\\alpha = NaN; expected a finite number", () -> Graph.fromLatex("\\alpha=\\sqrt{-1}"));
        assertMessage("\"y = 2 = 3\" is not an assignment",
                () -> Graph.fromLatex("x=1", "y = 2 = 3").assign("y = 2"));
        assertMessage("\"x + 1\" is not an assignment", () -> Graph.fromLatex("x=1", "x + 1"));
        assertMessage("cannot read \"z\" at column 7: no node named z (neither a leaf of the point nor assigned above); nearest: x\n    y = x z\n          ^",
                () -> Graph.fromLatex("x=1", "y = x z"));
        assertMessage("a derivative \\frac{\\partial x}{\\partial x} cannot define a graph node",
                () -> Graph.fromLatex("x=1", "y = \\frac{\\partial x}{\\partial x}"));
        assertMessage("y at the point = NaN", () -> Graph.fromLatex("x=-1", "y = \\ln x"));
        assertMessage("point is null", () -> Graph.fromLatex(null));
    }

    private static Edge edge(Graph g, String parent, String child) {
        return g.node(parent).inputs().stream().filter(e -> e.child().name().equals(child)).findFirst().orElseThrow();
    }

    private static void assertSame(Graph expected, Graph actual, List<String> computed) {
        Map<String, Double> values = actual.values();
        expected.values().forEach((name, v) -> assertEquals(v, values.get(name), EXACT_TOL, name));
        Map<String, Double> grads = actual.backward(actual.node(computed.get(computed.size() - 1)));
        expected.backward(expected.node(computed.get(computed.size() - 1)))
                .forEach((leaf, g) -> assertEquals(g, grads.get(leaf), EXACT_TOL, leaf));
        for (String c : computed) {
            assertEquals(expected.node(c).grad(), actual.node(c).grad(), EXACT_TOL, c);
        }
    }

    @Test
    void withTheLabelAtNodeFourTwoOfThreePathsToW41AreZero() {
        Graph g = Graph.fromLatex(TestGraphs.POINT_002, TestGraphs.FORWARD_002);
        Expansion x = g.expansion(g.node("Loss"), g.node("w41"));
        assertEquals(3, x.paths().size());
        assertEquals(2, x.zeroPaths());
    }
}
