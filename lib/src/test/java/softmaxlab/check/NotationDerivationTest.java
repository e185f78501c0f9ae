package softmaxlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import softmaxlab.graph.Graph;

/** Textbook notation in whole derivations: the verdicts on a graph, right where they hold and where a slip is. */
class NotationDerivationTest {

    @Test
    void leibnizPrimeAndSecondDerivativesOfTheSigmoid() {
        Derivation d = Derivation.on(Graph.fromLatex("z=0.3", "a = \\operatorname{sigmoid}(z)"));
        assertTrue(d.check("da/dz", "\\frac{da}{dz} = \\sigma'(z) = a(1 - a)").holds());
        assertTrue(d.check("d2a/dz2", "\\frac{d^2 a}{dz^2} = a(1 - a)(1 - 2a)").holds());
        assertTrue(d.check("inline", "\\partial a/\\partial z = \\frac{\\mathrm{d}}{\\mathrm{d}z} \\sigma(z)").holds());
        Verdict slip = d.check("slip", "\\frac{da}{dz} = \\sigma'(z) = a(1 + a)");
        assertFalse(slip.holds());
        assertEquals(2, slip.brokenStep().getAsInt());
    }

    @Test
    void softmaxJacobianWithTheKroneckerDelta() {
        Graph g = Graph.fromLatex("z_1=2, z_2=3, z_3=4");
        g.assign("a_i = \\operatorname{softmax}(z)_i", "i", 1, 3);
        Derivation jacobian = Derivation.on(g);
        for (int i = 1; i <= 3; i++) {
            String row = "\\frac{\\partial a_" + i + "}{\\partial z_j} = a_" + i + "(\\delta_{" + i + "j} - a_j)";
            assertTrue(jacobian.claim("row " + i, row).over("j", 1, 3).check().holds(), row);
        }
        // the common slip: the delta on the wrong factor
        assertFalse(jacobian.claim("slip", "\\frac{\\partial a_1}{\\partial z_j} = \\delta_{1j}(a_1 - a_j)")
                .over("j", 1, 3).check().holds());
    }

    @Test
    void reluWrittenByNameIsNotDropped() {
        Graph g = Graph.fromLatex("u_2=-0.5, w=2", "h_2 = \\text{ReLU}(u_2)", "L = w h_2");
        assertEquals(0, g.node("h2").value());
        assertFalse(Derivation.on(g).check("h = u", "h_2 = u_2").holds());
    }

    @Test
    void aTransposeNextToATemperatureNodeIsRefused() {
        Graph g = Graph.fromLatex("w=0.5, x=2, T=3", "a = \\sigma(w x / T)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Derivation.on(g).check("t", "a = \\sigma(w^T x / T)"));
        assertTrue(e.getMessage().contains("column 14: ^T reads two ways"), e::getMessage);
        assertTrue(Derivation.on(g).check("t", "a = \\sigma(w^\\top x / T)").holds());
    }

    @Test
    void aSymbolThatNamesNoNodeIsShownWhereItIsWritten() {
        Derivation d = Derivation.on(Graph.fromLatex("z_1=1, z_2=2", "L = z_1 z_2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.check("c", "\\frac{\\partial L}{\\partial z_1} = z_3"));
        assertTrue(e.getMessage().startsWith("cannot read \"z_3\" at column 35: no node named z3 in the graph; "
                + "nearest: z1, z2, L"), e::getMessage);
    }
}
