package softmaxlab.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GraphTest {

    /** Backprop and the expansion add the same products in another order: they agree to rounding. */
    static final double EXACT_TOL = 1e-12;
    /** Central differences with H on O(1) values: truncation ~H^2, rounding ~1e-16 / H. */
    static final double FD_TOL = 1e-8;
    static final double H = 1e-5;

    static final double[] H000 = {0.5, -1.0, 2.0};
    static final double[][] W000 = {{0.1, -0.3}, {0.8, 0.2}, {-0.5, 0.4}};
    static final double[] T000 = {1, 0};

    static Graph net000() {
        return Nets.document000(H000, W000, T000);
    }

    // document 002 at its own example: o = (1, 0, 0) and w_{41}, w_{51}, w_{61} = 2, 3, 4 give z = (2, 3, 4)
    static Graph net002() {
        return Nets.document002(new double[]{1, 0, 0}, new double[][]{{2, 0.5, -1}, {3, 0.2, 0.7}, {4, -0.4, 0.1}},
                new double[]{1, 0, 0});
    }

    @Test
    void namesRenderWithDigitsAsSubscript() {
        Graph g = net000();
        assertEquals("w_{21}", g.node("w21").latex());
        assertEquals("h_1", g.node("h1").latex());
        assertEquals("L", g.node("L").latex());
        assertEquals("Loss", net002().node("Loss").latex());
        assertEquals("\\frac{\\partial o_1}{\\partial y_1}", g.node("o1").inputs().get(0).symbol());
    }

    @Test
    void forwardFollowsDocument000() {
        Graph g = net000();
        Map<String, Double> v = g.values();
        // y_1 = w_{11} h_1 + w_{21} h_2 + w_{31} h_3
        double y1 = 0.1 * 0.5 + 0.8 * -1.0 + -0.5 * 2.0;
        double y2 = -0.3 * 0.5 + 0.2 * -1.0 + 0.4 * 2.0;
        assertEquals(y1, v.get("y1"), EXACT_TOL);
        assertEquals(y2, v.get("y2"), EXACT_TOL);
        double o1 = Math.exp(y1) / (Math.exp(y1) + Math.exp(y2));
        assertEquals(o1, v.get("o1"), EXACT_TOL);
        assertEquals(1 - o1, v.get("o2"), EXACT_TOL);
        assertEquals(-Math.log(o1), v.get("L"), EXACT_TOL);
        assertEquals(List.of("h1", "h2", "h3", "w11", "w12", "w21", "w22", "w31", "w32", "t1", "t2",
                "y1", "y2", "o1", "o2", "L"), List.copyOf(v.keySet()));
    }

    @Test
    void dLdw21FourWays() {
        Graph g = net000();
        Node loss = g.node("L");
        Node w21 = g.node("w21");
        double backprop = g.backward(loss).get("w21");
        Expansion e = g.expansion(loss, w21);
        double numeric = g.numericDerivative(loss, w21, H);
        // dL/dw_{21} = (o_1 - t_1) h_2 for one-hot t
        double closed = (g.node("o1").value() - 1) * H000[1];
        assertEquals(closed, backprop, EXACT_TOL);
        assertEquals(closed, e.sum(), EXACT_TOL);
        assertEquals(closed, numeric, FD_TOL);
        assertEquals(backprop, w21.grad());

        // two paths, through o1 and through o2
        assertEquals(2, e.paths().size());
        assertEquals(List.of("o1", "y1", "w21"), e.paths().get(0).factors().stream().map(Expansion.Factor::child).toList());
        assertEquals(List.of("o2", "y1", "w21"), e.paths().get(1).factors().stream().map(Expansion.Factor::child).toList());
        assertEquals("\\frac{\\partial L}{\\partial w_{21}} = "
                + "\\frac{\\partial L}{\\partial o_1}\\frac{\\partial o_1}{\\partial y_1}\\frac{\\partial y_1}{\\partial w_{21}}"
                + " + \\frac{\\partial L}{\\partial o_2}\\frac{\\partial o_2}{\\partial y_1}\\frac{\\partial y_1}{\\partial w_{21}}",
                e.latexSymbolic());
        assertEquals("\\frac{\\partial L}{\\partial w_{21}} = "
                + "\\left(-\\frac{t_1}{o_1}\\right) \\cdot \\left(o_1(1-o_1)\\right) \\cdot h_2"
                + " + \\left(-\\frac{t_2}{o_2}\\right) \\cdot \\left(-o_2 o_1\\right) \\cdot h_2",
                e.latexFormulas());
        // each factor's value is its formula at the current values
        double o1 = g.node("o1").value();
        double o2 = g.node("o2").value();
        List<Expansion.Factor> first = e.paths().get(0).factors();
        assertEquals(-1 / o1, first.get(0).value(), EXACT_TOL);
        assertEquals(o1 * (1 - o1), first.get(1).value(), EXACT_TOL);
        assertEquals(H000[1], first.get(2).value());
        assertEquals(-o2 * o1, e.paths().get(1).factors().get(1).value(), EXACT_TOL);
        assertEquals(0.0, e.paths().get(1).product(), 0.0);
        assertTrue(e.latexNumeric().endsWith(" = " + Tex.number(closed, Expansion.DIGITS)), e.latexNumeric());
    }

    @Test
    void vectorJacobianProductIsVTransposeJ() {
        Graph g = net000();
        List<Node> outputs = List.of(g.node("o1"), g.node("o2"));
        double[] v = {0.7, -1.3};
        Map<String, Double> vjp = g.backward(outputs, v);
        for (Node leaf : g.leaves()) {
            // (v^T J)_x = sum_i v_i d o_i / dx, J by central differences
            double expected = v[0] * g.numericDerivative(outputs.get(0), leaf, H)
                    + v[1] * g.numericDerivative(outputs.get(1), leaf, H);
            assertEquals(expected, vjp.get(leaf.name()), FD_TOL, leaf.name());
        }
        // o_1 + o_2 = 1, so v = (1, 1) gives 0 for every leaf
        g.backward(outputs, new double[]{1, 1}).values().forEach(x -> assertEquals(0, x, EXACT_TOL));
    }

    @Test
    void backwardResetsGradsSoTwoCallsAgree() {
        Graph g = net000();
        Map<String, Double> first = g.backward(g.node("L"));
        assertEquals(first, g.backward(g.node("L")));
        assertEquals(1.0, g.node("L").grad());
    }

    @Test
    void document002CaseOneIsAMinusOneTimesO1() {
        Graph g = net002();
        Node loss = g.node("Loss");
        double a4 = g.node("a4").value();
        double[] z = {2, 3, 4};
        assertEquals(Math.exp(2) / (Math.exp(2) + Math.exp(3) + Math.exp(4)), a4, EXACT_TOL);
        assertEquals(z[2], g.node("z6").value(), EXACT_TOL);
        double o1 = g.node("o1").value();
        Map<String, Double> grads = g.backward(loss);
        // dLoss/dw_{41} = (a_4 - 1) o_1, not the printed (1 - a_4) o_1
        assertEquals((a4 - 1) * o1, grads.get("w41"), EXACT_TOL);
        assertEquals((a4 - 1) * o1, g.numericDerivative(loss, g.node("w41"), H), FD_TOL);
        // dLoss/dw_{51} = a_5 o_1, as printed
        assertEquals(g.node("a5").value() * o1, grads.get("w51"), EXACT_TOL);
        assertEquals(g.node("a5").value() * o1, g.numericDerivative(loss, g.node("w51"), H), FD_TOL);

        Expansion e = g.expansion(loss, g.node("w41"));
        // three paths Loss -> a_j -> z_4 -> w_41; the document keeps the first, the others are 0 for t = (1, 0, 0)
        assertEquals(3, e.paths().size());
        assertEquals("\\left(-\\frac{1}{a_4}\\right) \\cdot \\left(a_4(1-a_4)\\right) \\cdot o_1",
                e.paths().get(0).latexFormulas());
        assertEquals(0.0, e.paths().get(1).product(), 0.0);
        assertEquals((a4 - 1) * o1, e.sum(), EXACT_TOL);
    }

    @Test
    void everyLeafAgreesThreeWays() {
        for (Graph g : List.of(net000(), net002())) {
            Node output = g.nodes().get(g.nodes().size() - 1);
            for (Graph.LeafGradient row : g.leafGradients(output, H)) {
                assertTrue(row.discrepancy() <= FD_TOL, row.toString());
            }
        }
    }

    @Test
    void setAndNumericDerivativeLeaveTheGraphConsistent() {
        Graph g = net000();
        Map<String, Double> before = g.values();
        g.numericDerivative(g.node("L"), g.node("w21"), H);
        assertEquals(before, g.values());
        g.set("h2", 3.0);
        Graph fresh = Nets.document000(new double[]{0.5, 3.0, 2.0}, W000, T000);
        assertEquals(fresh.values(), g.values());
    }

    @Test
    void numbersRenderAsLatex() {
        assertEquals("0.0903", Tex.number(0.0903, 4));
        assertEquals("-0.7553", Tex.number(0.2447 - 1, 4));
        assertEquals("1", Tex.number(1.0, 4));
        assertEquals("1.5 \\times 10^{-7}", Tex.number(1.5e-7, 4));
        assertEquals("\\left(-1.25\\right)", Tex.factor(-1.25, 4));
        assertEquals("h_2", Tex.factor("h_2"));
        assertEquals("\\left(-o_2 o_1\\right)", Tex.factor("-o_2 o_1"));
    }

    @Test
    void badInputIsNamed() {
        Graph g = net000();
        assertMessage("no node named \"w99\"; expected one of [h1, h2, h3, w11", () -> g.node("w99"));
        assertMessage("name \"h1\" is taken", () -> g.leaf("h1", 1));
        assertMessage("x = NaN; expected a finite number", () -> g.leaf("x", Double.NaN));
        assertMessage("name = \"w 1\"; expected a name without spaces", () -> g.leaf("w 1", 1));
        assertMessage("o1 is computed from [y1, y2]; expected a leaf", () -> g.set("o1", 0.5));
        assertMessage("h = 0.0; expected a positive finite number",
                () -> g.numericDerivative(g.node("L"), g.node("w21"), 0));
        assertMessage("h = NaN", () -> g.numericDerivative(g.node("L"), g.node("w21"), Double.NaN));
        assertMessage("v has length 1; expected 2, one entry per output [o1, o2]",
                () -> g.backward(List.of(g.node("o1"), g.node("o2")), new double[]{1}));
        assertMessage("inputs has 2 nodes [h1, h2]; expected 3, one per weight [w11, w21, w31]",
                () -> g.weightedSum("y3", List.of(g.node("w11"), g.node("w21"), g.node("w31")),
                        List.of(g.node("h1"), g.node("h2"))));
        assertMessage("names has 1 entries [p1]; expected 2",
                () -> g.softmax(List.of("p1"), List.of(g.node("y1"), g.node("y2"))));
        assertMessage("names [p1, p1] repeat a name",
                () -> g.softmax(List.of("p1", "p1"), List.of(g.node("y1"), g.node("y2"))));
        assertMessage("targets has length 3; expected 2",
                () -> g.crossEntropy("L2", new double[]{1, 0, 0}, List.of(g.node("o1"), g.node("o2"))));
        assertMessage("names [x, x] repeat a name", () -> g.leaves(List.of("x", "x"), new double[2]));
        assertMessage("values has length 1; expected 2", () -> g.leaves(List.of("x", "z"), new double[1]));
        Node stranger = new Graph().leaf("h1", 1);
        assertMessage("output = h1 belongs to another graph", () -> g.backward(stranger));
        assertMessage("output is null", () -> g.backward((Node) null));
        assertMessage("inputs is empty", () -> g.softmax(List.of(), List.of()));
        assertMessage("h has length 2; expected 3 values", () -> Nets.document000(new double[2], W000, T000));
        assertMessage("w[1] has length 1; expected shape (3, 2)",
                () -> Nets.document000(H000, new double[][]{{1, 2}, {1}, {1, 2}}, T000));
        // a failed builder leaves the graph as it was
        assertEquals(16, g.nodes().size());
    }

    static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> "message: " + e.getMessage() + "\nexpected: " + expected);
    }

    /** Law: for random weights and inputs, expansion sum == backprop == central difference at every leaf. */
    @Property(tries = 25, seed = "2018")
    void chainRuleAgreesForRandomNets(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        Random r = new Random(seed);
        double[][] w000 = {{r.nextGaussian(), r.nextGaussian()}, {r.nextGaussian(), r.nextGaussian()},
                {r.nextGaussian(), r.nextGaussian()}};
        double p = r.nextDouble();
        Graph g000 = Nets.document000(new double[]{r.nextGaussian(), r.nextGaussian(), r.nextGaussian()}, w000,
                new double[]{p, 1 - p});
        double[][] w002 = new double[3][3];
        for (double[] row : w002) {
            for (int i = 0; i < 3; i++) {
                row[i] = r.nextGaussian();
            }
        }
        double[] t = new double[3];
        t[r.nextInt(3)] = 1;
        Graph g002 = Nets.document002(new double[]{r.nextDouble(), r.nextDouble(), r.nextDouble()}, w002, t);
        for (Graph g : List.of(g000, g002)) {
            Node output = g.nodes().get(g.nodes().size() - 1);
            for (Graph.LeafGradient row : g.leafGradients(output, H)) {
                assertEquals(row.backprop(), row.expansion(), EXACT_TOL, row.leaf());
                assertTrue(row.discrepancy() <= FD_TOL, row.toString());
            }
        }
    }

    @Test
    void anExpansionOfTooManyPathsIsRefusedWithoutListingThem() {
        Graph g = TestGraphs.doubling(30, 0.5);
        var e = assertThrows(IllegalArgumentException.class, () -> g.expansion(g.node("L"), g.node("x0")));
        assertEquals("dL/dx0 has 1073741824 paths from L to x0; expected at most 1024 (Expansion.MAX_PATHS) to "
                + "write out; backward(output) gives the gradient", e.getMessage());
        Graph deeper = TestGraphs.doubling(100, 0.5);
        e = assertThrows(IllegalArgumentException.class, () -> deeper.expansion(deeper.node("L"), deeper.node("x0")));
        assertTrue(e.getMessage().startsWith("dL/dx0 has more than 9223372036854775807 paths"), e.getMessage());
        Graph ten = TestGraphs.doubling(10, 0.5);
        assertEquals(1024, ten.expansion(ten.node("L"), ten.node("x0")).paths().size());
    }

    @Test
    void leafGradientsSumPathsWithoutListingThem() {
        Graph g = TestGraphs.doubling(30, 0.5);
        // dL/dx0 = w (2w)^30 = 0.5 at w = 0.5
        for (Graph.LeafGradient row : g.leafGradients(g.node("L"), 1e-5)) {
            assertEquals(row.backprop(), row.expansion(), 1e-12 * Math.max(1, Math.abs(row.backprop())));
            assertTrue(row.discrepancy() < 1e-6, row.toString());
        }
        assertEquals(0.5, g.backward(g.node("L")).get("x0"), 1e-12);
    }

    @Test
    void aLeafValueThatOverflowsTheForwardPassIsRefusedAndUndone() {
        Graph g = Nets.document000(new double[]{1, 0.5, -1}, new double[][]{{0.1, 0.2}, {0.3, -0.4}, {0.5, 0.6}},
                new double[]{1, 0});
        double loss = g.node("L").value();
        var e = assertThrows(IllegalArgumentException.class, () -> g.set("h1", 1e308));
        assertTrue(e.getMessage().startsWith("h1 = 1.0E308 is refused: forward pass: "), e.getMessage());
        assertEquals(1.0, g.node("h1").value());
        assertEquals(loss, g.node("L").value());
    }

    @Test
    void constantTargetsMustBeADistributionAndProbsProbabilities() {
        Graph g = new Graph();
        List<Node> o = g.softmax(List.of("o1", "o2"), g.leaves(List.of("y1", "y2"), new double[]{1, 2}));
        var e = assertThrows(IllegalArgumentException.class, () -> g.crossEntropy("L", new double[]{1, 1}, o));
        assertEquals("targets row 0 sums to 2.0; expected rows that sum to 1 (constant targets: one-hot or soft)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> g.crossEntropy("L", new double[]{1, 0}, List.of(g.node("y1"), g.node("y2"))));
        assertEquals("probs[1] = y2 = 2.0; expected a probability in [0, 1] (a softmax output)", e.getMessage());
    }

    @Test
    void anExpansionWalksOnlyTheEdgesThatLeadToItsVariable() {
        // M = z x40 with 2^40 paths below x40 that do not lead to z: one path, found at once
        Graph g = TestGraphs.doubling(40, 0.5);
        Node z = g.leaf("z", 2);
        g.weightedSum("M", List.of(z), List.of(g.node("x40")));
        assertEquals(1, g.expansion(g.node("M"), z).paths().size());
    }

    @Test
    void aVeryDeepGraphBackpropagatesAndExpandsWithoutOverflowingTheStack() {
        Graph g = new Graph();
        Node w = g.leaf("w", 1);
        Node x = g.leaf("x0", 0.5);
        for (int i = 1; i <= 100_000; i++) {
            x = g.weightedSum("x" + i, List.of(w), List.of(x));
        }
        assertEquals(1.0, g.backward(x).get("x0"));
        assertEquals(1, g.expansion(x, g.node("x0")).paths().size());
    }

    @Test
    void severalLeavesAreSetTogetherAndARefusedPointRestoresThemAll() {
        Graph g = Graph.fromLatex("x=1, y=2", "z = x y");
        g.set(List.of(g.node("x"), g.node("y")), new double[] {3, 4});
        assertEquals(12, g.node("z").value(), 0);
        var e = assertThrows(IllegalArgumentException.class,
                () -> g.set(List.of(g.node("x"), g.node("y")), new double[] {1e300, 1e300}));
        assertTrue(e.getMessage().startsWith("x = 1.0E300, y = 1.0E300 is refused: forward pass: z = Infinity"),
                e.getMessage());
        assertEquals(3, g.node("x").value(), 0);
        assertEquals(4, g.node("y").value(), 0);
        assertEquals(12, g.node("z").value(), 0);
    }
}
