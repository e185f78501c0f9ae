package softmaxlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import softmaxlab.graph.Graph;
import softmaxlab.latex.Shapes;
import softmaxlab.view.Verdicts;

/** Vector and matrix chains checked step by step: shapes first, then values, the first broken = named. */
class MatrixDerivationTest {

    // a linear layer S = X W + 1 b^T on two samples, with a scalar loss of its scores
    private static Graph linearLayer() {
        return Graph.fromLatex("X = \\begin{bmatrix} 1 & -2 & 0.5 \\\\ 0.3 & 0.8 & -1 \\end{bmatrix}, "
                        + "W = \\begin{bmatrix} 0.2 & -0.1 \\\\ 0.4 & 0.3 \\\\ -0.5 & 0.6 \\end{bmatrix}, "
                        + "b \\in \\mathbb{R}^{2}, b = (0.1, -0.2)",
                "S = XW + \\mathbf{1} b^\\top", "L = \\sum_{n=1}^{2} \\sum_{c=1}^{2} S_{nc}^2");
    }

    @Test
    void matrixAndPerComponentFormsCheckAgainstOneGraph() {
        Graph g = linearLayer();
        assertEquals(new Shapes.Shape(2, 2), g.shape("S").orElseThrow());
        // S_{12} = sum_d X_{1d} W_{d2} + b_2
        assertEquals(1 * -0.1 + -2 * 0.3 + 0.5 * 0.6 - 0.2, g.node("S12").value(), 1e-15);
        Derivation d = Derivation.on(g);
        assertTrue(d.check("dW", "\\frac{\\partial L}{\\partial W} = X^\\top (2S)").holds());
        assertTrue(d.check("db", "\\nabla_b L = (\\mathbf{1}^\\top (2S))^\\top").holds());
        assertTrue(d.check("dX", "\\frac{\\partial L}{\\partial X} = 2 S W^\\top").holds());
        assertTrue(d.claim("dW entry", "\\frac{\\partial L}{\\partial W_{1j}} = \\sum_{n=1}^{2} X_{n1} 2 S_{nj}")
                .over("j", 1, 2).check().holds());
    }

    @Test
    void aTransposedGradientIsNamedAsTheTranspose() {
        Derivation d = Derivation.on(linearLayer());
        Verdict v = d.check("dW slip", "\\frac{\\partial L}{\\partial W} = X^\\top (2S) = (2S)^\\top X");
        assertFalse(v.holds());
        assertEquals(2, v.brokenStep().getAsInt());
        assertTrue(v.note().equals("step 2 is 3×2 and step 3 is 2×3: step 3 is the transpose of step 2 "
                + "(layout: docs/notation.md)"), v::note);
        // no entry of a 3×2 side stands against an entry of a 2×3 one: no numbers are shown as a counterexample
        assertTrue(v.counterexample().isEmpty());
        assertEquals("The first = that breaks is between step 2 and step 3: X^T(2S) ≠ (2S)^T X. Step 2 is "
                + "3×2 and step 3 is 2×3: step 3 is the transpose of step 2 (layout: docs/notation.md).",
                Verdicts.text(v).lines().reduce((a, b) -> b).orElseThrow());
        assertTrue(new ClaimsReport().add(v).rows().get(0).counterexample().startsWith(
                "the first = that breaks is between step 2 (X^\\top (2S)) and step 3 ((2S)^\\top X) (step 2 is 3×2"));
    }

    @Test
    void sidesOfDifferentShapesWithoutAChainNameTheShapes() {
        Verdict v = Derivation.on(linearLayer()).check("dW slip", "\\frac{\\partial L}{\\partial W} = (2S)^\\top X");
        assertFalse(v.holds());
        assertTrue(v.counterexample().isEmpty());
        assertEquals("Step 1 is 3×2 and step 2 is 2×3: step 2 is the transpose of step 1 (layout: docs/notation.md).",
                Verdicts.text(v).lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void aWrongEntryIsShownWithItsIndex() {
        Derivation d = Derivation.on(linearLayer());
        Verdict v = d.check("dX slip", "\\frac{\\partial L}{\\partial X} = S W^\\top");
        assertFalse(v.holds());
        assertTrue(v.note().startsWith("entry (1, 1)"), v::note);
    }

    @Test
    void aProductThatDoesNotFitNamesBothShapes() {
        Graph g = linearLayer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.assign("P = X X"));
        assertEquals("in \"P = X X\": the shapes in X X do not fit: X is 2×3 and X is 2×3: a product needs 3 = 2; "
                + "the transpose of X would fit", e.getMessage());
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class, () -> g.assign("Q = X + W"));
        assertTrue(sum.getMessage().contains("a sum of 2×3 and 3×2"), sum::getMessage);
        IllegalArgumentException declared = assertThrows(IllegalArgumentException.class,
                () -> Graph.fromLatex("x \\in \\mathbb{R}^{3}, x = (1, 2)"));
        assertTrue(declared.getMessage().contains("gives x 2×1 values; it is declared 3×1"), declared::getMessage);
    }

    @Test
    void aVectorCanBeKeptFixed() {
        Graph g = Graph.fromLatex("z = (1, -0.5, 0.2), y = (0, 1, 0)",
                "a = \\operatorname{softmax}(z)", "L = -\\sum_{k=1}^{3} y_k \\ln a_k");
        Derivation d = Derivation.on(g).fixed("\\mathbf{y}");
        assertTrue(d.check("CE", "\\nabla_z L = \\mathbf{a} - \\mathbf{y}").holds());
        assertTrue(d.check("Jacobian", "\\frac{\\partial a}{\\partial z} = \\operatorname{diag}(a) - a a^\\top")
                .holds());
        // a^T a is a number: the side itself does not fit, refused as it is read, not evaluated
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.check("Jacobian slip",
                "\\frac{\\partial a}{\\partial z} = \\operatorname{diag}(a) - a^\\top a"));
        assertTrue(e.getMessage().contains("a sum of 3×3 and 1×1 (-a^{\\top} a)"), e::getMessage);
    }

    @Test
    void theIdentityTakesItsSizeFromItsNeighbours() {
        Graph g = Graph.fromLatex("z = (1, -0.5, 0.2)", "a = \\operatorname{softmax}(z)");
        Derivation d = Derivation.on(g);
        assertTrue(d.check("factored", "\\frac{\\partial a}{\\partial z} = \\operatorname{diag}(a)(I - \\mathbf{1} a^\\top)"
                + " = \\operatorname{diag}(a) I_3 - \\operatorname{diag}(a) \\mathbf{1} a^\\top").holds());
        Verdict slip = d.check("slip", "\\frac{\\partial a}{\\partial z} = (I - \\mathbf{1} a^\\top)"
                + "\\operatorname{diag}(a)");
        assertFalse(slip.holds());
        // diag(a) - 1 (a∘a)^T: not the Jacobian (whose transpose it would be, as it is symmetric, is itself)
        assertTrue(slip.note().startsWith("entry (1, 2)"), slip::note);
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class,
                () -> d.check("alone", "\\frac{\\partial a}{\\partial z} = I"));
        assertTrue(alone.getMessage().contains("the size of I is told"), alone::getMessage);
        // with a node named I, I is that node
        Graph current = Graph.fromLatex("I = 2, R = 3", "U = I R");
        assertEquals(6, current.node("U").value(), 1e-15);
    }

    @Test
    void anEntryOfAParenthesisedProductIsThatEntry() {
        Derivation d = Derivation.on(linearLayer());
        assertTrue(d.claim("dW entry", "\\frac{\\partial L}{\\partial W_{2j}} = \\left(X^\\top (2S)\\right)_{2j}")
                .over("j", 1, 2).check().holds());
        assertTrue(d.check("S12", "S_{12} = (XW + \\mathbf{1} b^\\top)_{1,2}").holds());
        IllegalArgumentException unbound = assertThrows(IllegalArgumentException.class,
                () -> d.check("unbound", "S_{12} = (XW)_{1j}"));
        assertTrue(unbound.getMessage().contains("the index j has no value here"), unbound::getMessage);
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> d.check("outside", "S_{12} = (XW)_{13}"));
        assertTrue(outside.getMessage().contains("entry [1, 3] of a 2×2 matrix; expected (1 to 2, 1 to 2)"),
                outside::getMessage);
    }

    @Test
    void aSumOfOuterProductsIsTheBatchGradient() {
        Graph g = Graph.fromLatex("x^{(1)} = (1, -0.5), x^{(2)} = (0.3, 2), "
                + "W = \\begin{bmatrix} 0.1 & -0.2 & 0.3 \\\\ 0.4 & 0.5 & -0.6 \\end{bmatrix}, "
                + "y^{(1)} = (1, 0, 0), y^{(2)} = (0, 0, 1)");
        g.assign("a^{(n)} = \\operatorname{softmax}(W^\\top x^{(n)})", "n", 1, 2);
        g.assign("L = -\\frac{1}{2} \\sum_{n=1}^{2} \\sum_{k=1}^{3} y^{(n)}_k \\log a^{(n)}_k");
        Derivation d = Derivation.on(g).fixed("y^{(1)}, y^{(2)}");
        Verdict v = d.check("batch", "\\nabla_W L = \\frac{1}{2} \\sum_{n=1}^{2} x^{(n)} (a^{(n)} - y^{(n)})^\\top"
                + " = \\sum_{n=1}^{2} x^{(n)} (a^{(n)} - y^{(n)})^\\top");
        assertFalse(v.holds());
        assertEquals(2, v.brokenStep().getAsInt());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.check("misfit",
                "\\nabla_W L = \\sum_{n=1}^{2} (a^{(n)} - y^{(n)}) x^{(n)}"));
        assertTrue(e.getMessage().contains("do not fit"), e::getMessage);
    }

    @Test
    void theMaxOfAVectorIsItsLargestEntry() {
        Graph g = Graph.fromLatex("s = (0.5, 2.0, -1.0)", "m = \\max(s)");
        assertEquals(2.0, g.node("m").value(), 0);
        assertTrue(Derivation.on(g).check("as max of entries", "m = \\max(s_1, s_2, s_3)").holds());
        assertEquals(0.5, Graph.fromLatex("t = 0.5", "m = \\max(t)").node("m").value(), 0);
    }

    @Test
    void aDerivativeByACopyOfTheColumnsIsRefusedNotZero() {
        Graph g = Graph.fromLatex("w^{(1)} = (0.5, -1), w^{(2)} = (0.2, 0.3), x = (1, 2)",
                "W = [w^{(1)}, w^{(2)}]", "L = (x^\\top w^{(1)})^2 + x^\\top w^{(2)}");
        Derivation d = Derivation.on(g);
        assertTrue(d.check("by a column", "\\nabla_{w^{(2)}} L = x").holds());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.check("by the copy", "\\frac{\\partial L}{\\partial W_{12}} = 1"));
        assertTrue(e.getMessage().contains("L is not computed from W12, a copy of w1(2); expected the derivative by w1(2)"),
                e::getMessage);
    }
}
