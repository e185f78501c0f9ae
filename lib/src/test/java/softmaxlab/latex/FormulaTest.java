package softmaxlab.latex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class FormulaTest {

    private static final double EXACT = 1e-12;

    private static final Scope AT = Scope.of(Map.ofEntries(Map.entry("w41", 0.5), Map.entry("w42", -1.0),
            Map.entry("w43", 2.0), Map.entry("o1", 1.0), Map.entry("o2", 2.0), Map.entry("o3", 0.5),
            Map.entry("z4", 1.0), Map.entry("z5", 2.0), Map.entry("z6", 3.0), Map.entry("a4", 0.2),
            Map.entry("a5", 0.3), Map.entry("a6", 0.5), Map.entry("y4", 1.0), Map.entry("y5", 0.0),
            Map.entry("y6", 0.0), Map.entry("Loss", 7.0), Map.entry("y", 2.0), Map.entry("x(1)", 4.0),
            Map.entry("s2", 0.7), Map.entry("alpha", 3.0)));

    private static double eval(String latex) {
        return Formula.expression(latex).evaluate(AT);
    }

    @Test
    void readsTheDocumentsNotation() {
        assertEquals(0.5 * 1 - 1 * 2 + 2 * 0.5, eval("w_{41}o_1+w_{42}o_2+w_{43}o_3"), EXACT);
        assertEquals(0.5 * 1 - 1 * 2 + 2 * 0.5, eval("w_{41}*o_1+w_{42}*o_2+w_{43}*o_3"), EXACT);
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(1) / sum, eval("\\frac{e^{z_4}}{e^{z_4}+e^{z_5}+e^{z_6}}"), EXACT);
        assertEquals(-Math.log(0.2), eval("-\\sum_i y_i\\ln a_i"), EXACT);
        assertEquals(-Math.log(0.2), eval("-\\sum_{i=4}^{6} y_i \\log{a_i}"), EXACT);
        assertEquals((1 - 0.2) * 1, eval("(1-a_4) \\times o_1"), EXACT);
        assertEquals(-0.2 * 0.3, eval("-a_4a_5"), EXACT);
        assertEquals(0.2 - 0.04, eval("a_4-a_4^2"), EXACT);
        assertEquals(-1 / 0.2 * 0.2 * 0.8 * 1, eval("-\\frac{1}{a_4} \\times a_4(1-a_4) \\times o_1"), EXACT);
        assertEquals(Math.exp(1) * (Math.exp(2) + Math.exp(3)) / (sum * sum),
                eval("\\frac{e^{z_4}(e^{z_5}+e^{z_6})}{\\left(e^{z_4}+e^{z_5}+e^{z_6}\\right)^2}"), EXACT);
        assertEquals(7 * 4, eval("Loss \\cdot x^{(1)}"), EXACT);
        assertEquals(0.7, eval("s_{y}"), EXACT);
        assertEquals(3 + Math.sqrt(4) + Math.exp(0.5) + Math.max(1, 2), eval("\\alpha + \\sqrt{4} + \\exp(w_{41}) "
                + "+ \\max(z_4, z_5)"), EXACT);
        assertEquals(1 / (1 + Math.exp(-1)), eval("\\sigma(z_4)"), EXACT);
        assertEquals(Math.E * Math.PI, eval("e\\pi"), EXACT);
        assertEquals(2.5, eval("5/2"), EXACT);
    }

    @Test
    void sumsWithBoundsIndicatorsAndLabels() {
        assertEquals(Math.exp(1) + Math.exp(2), eval("\\sum_{i=4}^5{e^{z_i}}"), EXACT);
        // 1{k=y} picks the k = 2 term: s_2
        Scope s = Scope.of(Map.of("y", 2.0, "s1", 0.1, "s2", 0.7, "s3", 0.2));
        assertEquals(0.7, Formula.expression("\\sum_{k=1}^{3} 1\\{k=y\\} s_k").evaluate(s), EXACT);
        assertEquals(0.7, Formula.expression("\\sum_{k=1}^3 1_{k=y} s_{k}").evaluate(s), EXACT);
        assertEquals(Math.log(Math.exp(0.1) + Math.exp(0.7) + Math.exp(0.2)),
                Formula.expression("\\log \\sum_{k=1}^C e^{s_k}").evaluate(Scope.of(Map.of("C", 3.0, "s1", 0.1,
                        "s2", 0.7, "s3", 0.2))), EXACT);
        Expr.Sym label = (Expr.Sym) Formula.expression("x^{(i)}");
        assertEquals("x(3)", label.name(Scope.EMPTY.with("i", 3)));
        Expr.Sym both = (Expr.Sym) Formula.expression("a^{(i)}_j");
        assertEquals(new Expr.Sym("a", "j", "i"), both);
        // a label that is a symbol with an integer value indexes by it: column y^{(i)} = 2 of W, entry d = 1
        Expr.Sym column = (Expr.Sym) Formula.expression("\\mathrm{w}^{(y^{(i)})}_d");
        Scope labelled = Scope.of(Map.of("y(i)", 2.0, "w1(2)", 0.25)).with("d", 1);
        assertEquals("w1(2)", column.name(labelled));
        assertEquals(0.25, column.evaluate(labelled), EXACT);
        assertEquals("w_1^{(2)}", column.expand(labelled).toLatex());
        assertEquals("wd(y^{(i)})", column.name());
    }

    @Test
    void chainsKeepEachSideAsWritten() {
        Formula f = Formula.read("\\frac{\\partial Loss}{\\partial w_{41}} &=-\\frac{1}{a_4} \\times a_4(1-a_4) "
                + "\\times o_1 \\\\ &=(1-a_4) \\times o_1");
        assertEquals(3, f.sides().size());
        assertEquals(List.of("\\frac{\\partial Loss}{\\partial w_{41}}", "-\\frac{1}{a_4} \\times a_4(1-a_4) \\times o_1",
                "(1-a_4) \\times o_1"), f.sideLatex());
        assertEquals(new Expr.Partial(new Expr.Sym("Loss", "", ""), new Expr.Sym("w", "41", "")), f.sides().get(0));
        assertEquals(List.of("a", "\\left(-b\\right) c"), Formula.read("a = \\left(-b\\right) c").sideLatex());
        Formula braced = Formula.read("\\frac{\\partial{L}}{\\partial{o_1}}=-\\frac{t_1}{o_1}");
        assertEquals(new Expr.Partial(new Expr.Sym("L", "", ""), new Expr.Sym("o", "1", "")), braced.sides().get(0));
    }

    @Test
    void severalLinesAreSeveralFormulas() {
        List<Formula> all = Formula.readAll("z_4 = w_{41}*o_1 \\\\\n z_5 = w_{51}*o_1");
        assertEquals(2, all.size());
        assertEquals("z_5 = w_{51}*o_1", all.get(1).source());
        assertEquals(List.of("z_5", "w_{51}*o_1"), all.get(1).sideLatex());
    }

    @Test
    void ignoresAlignmentSpacingAndProse() {
        assertEquals(eval("a_4 + a_5"), eval("\\begin{align} a_4 \\, + \\quad a_5 \\text{ 注 } \\end{align}"), EXACT);
        assertEquals(0.2, eval("\\mathrm{a}_4"), EXACT);
        assertEquals(0.2, eval("\\left.a_4\\right."), EXACT);
    }

    @Test
    void printsBackWhatItRead() {
        for (String latex : List.of("w_{41}o_1+w_{42}o_2", "-\\sum_i y_i\\ln a_i", "\\frac{e^{z_4}}{e^{z_4}+e^{z_5}}",
                "(1-a_4) \\times o_1", "-a_4a_5", "\\sqrt{a_4} - \\max(z_4, z_5, 2)", "1\\{y=2\\} s_y 2 3",
                "\\sum_{k=4}^{6} a_k z_k", "a_4^{2}", "(-2)^{2} a_4", "x^{(1)} \\alpha")) {
            Expr once = Formula.expression(latex);
            Expr twice = Formula.expression(once.toLatex());
            assertEquals(once.evaluate(AT), twice.evaluate(AT), EXACT, latex + " printed " + once.toLatex());
        }
    }

    @Test
    void errorsNameTheTokenItsColumnAndWhatIsSupported() {
        assertMessage("cannot read \"\\int\" at column 5: \\int is not read\n    x + \\int f\n        ^",
                () -> Formula.read("x + \\int f"));
        assertMessage("cannot read \")\" at column 4: nothing open to close\n    a+b)\n       ^",
                () -> Formula.read("a+b)"));
        assertMessage("cannot read the end of the formula at column 5: expected ) to close the ( at column 1",
                () -> Formula.read("(a+b"));
        assertMessage("cannot read \"+\" at column 3: expected a number, a symbol", () -> Formula.read("a++b"));
        assertMessage("cannot read \"!\" at column 2: expected an operator", () -> Formula.read("a!"));
        assertMessage("at line 2, column 4: nothing open to close\n    = b)\n       ^",
                () -> Formula.read("a \n= b)"));
        assertMessage("expected } to close the numerator of \\frac", () -> Formula.read("\\frac{a b"));
        assertMessage("cannot read \"+\" at column 29: expected \\partial before each variable of the denominator",
                () -> Formula.read("\\frac{\\partial L}{\\partial a+b}"));
        assertMessage("expected \\partial before each variable", () -> Formula.read("\\frac{\\partial L}{a}"));
        assertMessage("a sum's range reads \\sum_{k=1}^{n}, \\sum_{k \\neq j} or \\sum_{1 \\le k \\le n}",
                () -> Formula.read("\\sum_{1} a"));
        assertMessage("expected a one-letter index after \\sum_", () -> Formula.read("\\sum_{ij} a_i"));
        assertMessage("the upper bound ^{n}", () -> Formula.read("\\sum_{i=1} a_i"));
        assertMessage("expected \\sum_{i=from}^{to} for an upper bound", () -> Formula.read("\\sum_i^3 a_i"));
        assertMessage("expected the body of the \\sum", () -> Formula.read("\\sum_{i=1}^{3} + a"));
        assertMessage("expected a relation (= \\neq < > \\le \\ge) in the indicator", () -> Formula.read("1\\{k\\}"));
        assertMessage("expected ( after \\max", () -> Formula.read("\\max a"));
        assertMessage("\\sqrt[n] is not read", () -> Formula.read("\\sqrt[3]{a}"));
        assertMessage("\\log^n and \\log_b are not read", () -> Formula.read("\\log^2 a"));
        assertMessage("expected the argument of the function", () -> Formula.read("\\ln + a"));
        assertMessage("expected {...} or a single character after ^", () -> Formula.read("a^+"));
        assertMessage("expected {...} or a single character after _", () -> Formula.read("a_+"));
        assertMessage("expected a subscript inside {}", () -> Formula.read("a_{}"));
        assertMessage("expected } to close the label ^{(...)}", () -> Formula.read("x^{(i)b}"));
        assertMessage("expected { after \\text", () -> Formula.read("a \\text b"));
        assertMessage("expected } to close the { of \\text", () -> Formula.read("a \\text{b"));
        assertMessage("expected a decimal number such as 0.5", () -> Formula.read("1.2.3"));
        assertMessage("holds 2 formulas separated by \\\\; expected one", () -> Formula.read("a = 1 \\\\ b = 2"));
        assertMessage("holds no formula", () -> Formula.readAll("  & "));
        assertMessage("is a chain of 2 sides; expected one expression", () -> Formula.expression("a = b"));
        assertMessage("latex is null", () -> Formula.read(null));
    }

    @Test
    void evaluationErrorsNameTheSymbol() {
        assertMessage("no value for the symbol w71; expected one of [", () -> eval("w_{71}"));
        assertMessage("\\sum_{i}: no value of i from 0 to 99 makes [b_i] name known symbols", () -> eval("\\sum_i b_i"));
        assertMessage("\\sum_{i}: no symbol of a_4 carries i", () -> eval("\\sum_i a_4"));
        assertMessage("the lower bound of \\sum_{i=...} = 0.5; expected an integer", () -> eval("\\sum_{i=0.5}^2 a_i"));
        assertMessage("has 10001 terms; expected at most 1000", () -> eval("\\sum_{i=0}^{10000} i"));
        assertMessage("\\frac{\\partial L}{\\partial a_4} needs a graph", () -> eval("\\frac{\\partial L}{\\partial a_4}"));
    }

    @Test
    void limitsBoundTheWork() {
        assertMessage("latex has 6001 characters", () -> Formula.read("x" + " + x".repeat(1500)));
        assertMessage("nesting deeper than 100 levels (Formula.MAX_DEPTH)",
                () -> Formula.read("(".repeat(300) + "x" + ")".repeat(300)));
        assertMessage("nesting deeper than 100 levels", () -> Formula.read("-".repeat(300) + "x"));
        assertMessage("nesting deeper than 100 levels", () -> Formula.read("e^{".repeat(200) + "x" + "}".repeat(200)));
        assertMessage("is beyond a double's range", () -> Formula.read("9".repeat(400)));
        assertMessage("has 4294967295 terms; expected at most 1000",
                () -> eval("\\sum_{i=-2147483647}^{2147483647} i"));
        assertMessage("inside other sums makes 10000 terms; expected at most 1000 (Scope.MAX_TERMS)",
                () -> eval("\\sum_{i=1}^{100} \\sum_{j=1}^{100} i j"));
        assertEquals(100 * 101 / 2 * 10, eval("\\sum_{i=1}^{100} \\sum_{j=1}^{10} i"), EXACT);
        assertMessage("index = \"ij\"; expected one letter", () -> AT.with("ij", 1));
        assertMessage("values 'a' = NaN", () -> Scope.of(Map.of("a", Double.NaN)));
        assertMessage("function log with 1 arguments", () -> new Expr.Fn("log", java.util.List.of(Expr.ONE)));
        assertMessage("terms[1] is null", () -> new Expr.Add(java.util.Arrays.asList(Expr.ONE, null)));
    }

    static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> "message: " + e.getMessage() + "\nexpected: " + expected);
    }
}
