package softmaxlab.latex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Formulas generated from the grammar of the supported notation: printed and read back, each gives the tree that
 * generated it (and so the same value at random points); and unsupported or ambiguous constructs put into them are
 * refused at their column.
 */
class FormulaPropertiesTest {

    /** Two readings of one tree evaluate the same operations in the same order: equal up to rounding. */
    private static final double SAME = 1e-9;

    private static final List<Expr.Sym> SYMBOLS = List.of(new Expr.Sym("a", "", ""), new Expr.Sym("b", "1", ""),
            new Expr.Sym("w", "41", ""), new Expr.Sym("\\alpha", "", ""), new Expr.Sym("x", "", "2"));

    @Property(tries = 400, seed = "20180603")
    void printedFormulaReadsBackToTheSameValue(@ForAll("formulas") Expr formula,
                                               @ForAll @DoubleRange(min = -2, max = 2) double a,
                                               @ForAll @DoubleRange(min = -2, max = 2) double b,
                                               @ForAll @DoubleRange(min = 0.1, max = 2) double w) {
        Scope at = Scope.of(Map.of("a", a, "b1", b, "w41", w, "alpha", a * b, "x(2)", -w,
                "c1", 0.5, "c2", -1.5, "c3", 2.0));
        Expr reread = Formula.expression(formula.toLatex());
        double expected = formula.evaluate(at);
        double actual = reread.evaluate(at);
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, formula.toLatex());
        } else {
            assertTrue(Math.abs(expected - actual) <= SAME * Math.max(1, Math.abs(expected)),
                    () -> formula.toLatex() + ": " + expected + " read back as " + actual);
        }
    }

    @Property(tries = 400, seed = "20180603")
    void printedFormulaReadsBackToTheTreeThatGeneratedIt(@ForAll("formulas") Expr formula) {
        assertEquals(formula, Formula.expression(formula.toLatex(), name -> false), formula.toLatex());
    }

    /** What the reader must refuse, put between two generated formulas, and where in the bad text it must point. */
    private static final List<String> REFUSED = List.of("\\int x", "y'", "\\text{ and } x", "softmax(x)",
            "\\operatorname{argmax}(x)", "\\mathbb{R}", "b^T", "\\sigmoid(x)", "x_1 + \\cdots + y_2",
            "\\begin{cases} x \\end{cases}", "\\sigma''(x)", "\\frac{\\partial^3 a}{\\partial b^3}");
    private static final List<Integer> OFFSET = List.of(0, 1, 0, 0, 0, 0, 2, 0, 15, 0, 7, 15);

    @Property(tries = 300, seed = "20180603")
    void unsupportedConstructsAreRefusedAtTheirColumn(@ForAll("formulas") Expr left, @ForAll("formulas") Expr right,
                                                      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 11)
                                                      int which) {
        String before = Print.factor(left) + " \\cdot ";
        String latex = before + REFUSED.get(which) + " + " + right.toLatex();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Formula.expression(latex, name -> name.equals("T")), latex);
        int column = before.length() + OFFSET.get(which) + 1;
        assertTrue(e.getMessage().lines().findFirst().orElseThrow().contains("column " + column + ":"),
                () -> latex + " refused elsewhere than column " + column + ": " + e.getMessage());
    }

    @Provide
    Arbitrary<Expr> formulas() {
        return formula(3);
    }

    private Arbitrary<Expr> formula(int depth) {
        Arbitrary<Expr> leaf = Arbitraries.oneOf(Arbitraries.of(SYMBOLS).map(s -> (Expr) s),
                Arbitraries.integers().between(0, 12).map(n -> Expr.Num.of(n / 4.0)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Expr> sub = Arbitraries.lazy(() -> formula(depth - 1));
        Arbitrary<List<Expr>> some = sub.list().ofMinSize(2).ofMaxSize(3);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(2, some.map(Expr.Add::new)),
                net.jqwik.api.Tuple.of(1, sub.map(Expr.Neg::new)),
                net.jqwik.api.Tuple.of(2, some.map(Expr.Mul::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, sub).as(Expr.Div::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, Arbitraries.integers().between(0, 3))
                        .as((x, n) -> new Expr.Pow(x, Expr.Num.of(n)))),
                net.jqwik.api.Tuple.of(1, sub.map(Expr.Transpose::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, Arbitraries.of(Expr.Indicator.RELATIONS), sub)
                        .as((l, r, x) -> new Expr.Indicator(l, r, x))),
                net.jqwik.api.Tuple.of(1, sub.map(x -> new Expr.Series("k", null, null, Expr.Num.of(2),
                        new Expr.Mul(List.of(x, new Expr.Sym("c", "k", "")))))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("exp", "ln", "sqrt", "sigma", "tanh", "sinh", "cosh")
                        .flatMap(f -> sub.map(x -> new Expr.Fn(f, List.of(x))))),
                net.jqwik.api.Tuple.of(1, some.map(xs -> new Expr.Fn("max", xs))),
                net.jqwik.api.Tuple.of(1, sub.map(x -> new Expr.Series("k", Expr.Num.of(1), Expr.Num.of(3),
                        new Expr.Mul(List.of(x, new Expr.Sym("c", "k", "")))))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("diag", "tr", "norm", "softmax", "max")
                        .flatMap(op -> sub.map(x -> (Expr) new Expr.MatrixOp(op, List.of(x))))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, sub)
                        .as((x, y) -> new Expr.MatrixOp("odot", List.of(x, y)))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("ones", "identity").flatMap(op -> Arbitraries.of(
                        new Expr.MatrixOp(op, List.of()), new Expr.MatrixOp(op, List.of(Expr.Num.of(3)))))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, Arbitraries.of(List.<Expr>of(Expr.Num.of(2)),
                        List.<Expr>of(Expr.Num.of(1), new Expr.Sym("j", "", ""))))
                        .as((x, at) -> new Expr.MatrixOp("entry", java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(x), at.stream()).toList()))),
                net.jqwik.api.Tuple.of(1, sub.map(x -> new Expr.Mul(List.of(new Expr.Indicator(
                        new Expr.Sym("k", "", ""), Expr.Num.of(2)), x)))
                        .map(x -> new Expr.Series("k", Expr.Num.of(1), Expr.Num.of(3), x))));
    }
}
