package softmaxlab.latex;

/** Parentheses where reading the print back needs them, and integer checks for bounds. */
final class Print {

    private Print() {
    }

    /**
     * {@code e} as a factor of a product, the argument of a minus or a sum's body: in {@code \left( \right)} when it
     * is a sum, a negation, a product, an entrywise product {@code \odot} (read at a product's level), a {@code \sum}
     * or a negative number.
     */
    static String factor(Expr e) {
        boolean wrap = e instanceof Expr.Add || e instanceof Expr.Neg || e instanceof Expr.Mul
                || e instanceof Expr.Series || e instanceof Expr.Num n && n.latex().startsWith("\\left")
                || e instanceof Expr.MatrixOp m && m.op().equals("odot");
        return wrap ? "\\left(" + e.toLatex() + "\\right)" : e.toLatex();
    }

    /** {@code e} after a minus sign: a product needs no parentheses there ({@code -a b} is {@code -(a b)}). */
    static String negated(Expr e) {
        return e instanceof Expr.Mul ? e.toLatex() : factor(e);
    }

    /** {@code e} as a power's base: bare only when it is a symbol or a non-negative number. */
    static String base(Expr e) {
        boolean bare = e instanceof Expr.Sym || e instanceof Expr.Num n && !n.latex().startsWith("\\left");
        return bare ? e.toLatex() : "\\left(" + e.toLatex() + "\\right)";
    }

    /** {@code v} as an int, or an IllegalArgumentException naming {@code what}. */
    static int integer(double v, String what) {
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " = " + v + "; expected an integer");
        }
        return (int) v;
    }
}
