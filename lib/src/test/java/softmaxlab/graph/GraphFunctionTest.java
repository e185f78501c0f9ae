package softmaxlab.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GraphFunctionTest {

    static final double EXACT_TOL = 1e-12;
    /** Central differences with H on O(1) values: truncation ~H^2, rounding ~1e-16 / H. */
    static final double FD_TOL = 1e-8;
    static final double H = 1e-5;
    static final long SEED = 42;

    static GraphFunction net000() {
        Graph g = Nets.document000(new double[]{0.5, -1.0, 2.0}, new double[][]{{0.1, -0.3}, {0.8, 0.2}, {-0.5, 0.4}},
                new double[]{1, 0});
        return new GraphFunction(g, "h1", "h2", "h3", "w11", "w12", "w21", "w22", "w31", "w32");
    }

    @Test
    void valueAtAPointFollowsTheFormulaAndLeavesTheGraphAsItWas() {
        GraphFunction f = net000();
        Map<String, Double> before = f.graph().values();
        double[] p = {1, 2, 3, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        // y_1 = w_{11} h_1 + w_{21} h_2 + w_{31} h_3, y_2 likewise with w_{i2}
        double y1 = 0.1 * 1 + 0.3 * 2 + 0.5 * 3;
        double y2 = 0.2 * 1 + 0.4 * 2 + 0.6 * 3;
        assertEquals(y1, f.value("y1").applyAsDouble(p), EXACT_TOL);
        // o_1 = e^{y_1} / (e^{y_1} + e^{y_2})
        assertEquals(Math.exp(y1) / (Math.exp(y1) + Math.exp(y2)), f.value("o1").applyAsDouble(p), EXACT_TOL);
        assertEquals(before, f.graph().values());
        assertArrayEquals(new double[]{0.5, -1.0, 2.0, 0.1, -0.3, 0.8, 0.2, -0.5, 0.4}, f.point());
    }

    @Test
    void withoutNamesEveryLeafInBuildOrderIsAVariable() {
        double[] t = {1, 0, 0};
        GraphFunction f = new GraphFunction(Nets.document002(new double[]{1, 0, 0},
                new double[][]{{2, 0.5, -1}, {3, 0.2, 0.7}, {4, -0.4, 0.1}}, t));
        assertArrayEquals(new String[]{"o1", "o2", "o3", "w41", "w42", "w43", "w51", "w52", "w53", "w61", "w62", "w63"},
                f.variables());
        double[] p = f.point();
        p[3] = -1.5;
        Graph fresh = Nets.document002(new double[]{1, 0, 0},
                new double[][]{{-1.5, 0.5, -1}, {3, 0.2, 0.7}, {4, -0.4, 0.1}}, t);
        assertEquals(fresh.node("Loss").value(), f.value("Loss").applyAsDouble(p), EXACT_TOL);
    }

    @Test
    void backpropAndCentralDifferenceAgreeAtRandomPoints() {
        GraphFunction f = net000();
        Random random = new Random(SEED);
        for (int k = 0; k < 20; k++) {
            double[] p = f.gaussianPoints(1.0).apply(random);
            double o1 = f.value("o1").applyAsDouble(p);
            // dL/dw_{21} = (o_1 - t_1) h_2 with t = (1, 0)
            double expected = (o1 - 1) * p[1];
            assertEquals(expected, f.backprop("L", "w21").applyAsDouble(p), EXACT_TOL);
            assertEquals(expected, f.numericDerivative("L", "w21", H).applyAsDouble(p), FD_TOL);
        }
    }

    @Test
    void sameSeedSamePoints() {
        GraphFunction f = net000();
        assertArrayEquals(f.gaussianPoints(2.0).apply(new Random(SEED)), f.gaussianPoints(2.0).apply(new Random(SEED)));
        assertEquals(9, f.gaussianPoints(2.0).apply(new Random(SEED)).length);
        assertArrayEquals(new String[]{"h1", "h2", "h3", "w11", "w12", "w21", "w22", "w31", "w32"}, f.variables());
    }

    @Test
    void aFailingReadStillRestoresTheLeaves() {
        GraphFunction f = net000();
        double[] before = f.point();
        assertThrows(IllegalStateException.class, () -> f.at(new double[9], g -> {
            throw new IllegalStateException("read failed");
        }));
        assertArrayEquals(before, f.point());
    }

    @Test
    void badInputIsNamed() {
        Graph g = net000().graph();
        assertMessage("variable y1 is computed by the graph; expected a leaf", () -> new GraphFunction(g, "y1"));
        assertMessage("variable h1 is listed twice", () -> new GraphFunction(g, "h1", "h1"));
        assertMessage("no node named \"x9\"", () -> new GraphFunction(g, "x9"));
        assertMessage("graph is null", () -> new GraphFunction(null, "h1"));
        GraphFunction f = net000();
        assertMessage("p has length 2; expected 9", () -> f.value("o1").applyAsDouble(new double[2]));
        assertMessage("p[1] (h2) = NaN; expected a finite number",
                () -> f.value("o1").applyAsDouble(new double[]{0, Double.NaN, 0, 0, 0, 0, 0, 0, 0}));
        assertMessage("no node named \"o3\"", () -> f.value("o3"));
        assertMessage("h = 0.0", () -> f.numericDerivative("L", "w21", 0));
        assertMessage("scale = -1.0", () -> f.gaussianPoints(-1));
    }

    static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
