package softmaxlab.latex;

import java.util.ArrayList;
import java.util.List;

import softmaxlab.latex.Expr.Add;
import softmaxlab.latex.Expr.Div;
import softmaxlab.latex.Expr.Mul;
import softmaxlab.latex.Expr.Neg;
import softmaxlab.latex.Expr.Num;
import softmaxlab.latex.Expr.Pow;

/**
 * The few simplifications that keep a derivative readable: no {@code 0 +}, no {@code 1 \cdot}, signs pulled out of
 * products, {@code t \cdot \frac{1}{o}} written {@code \frac{t}{o}}. A product with a 0 is {@link Expr#ZERO}, which
 * {@link Expr#derivative} returns (by identity) for "no dependence".
 */
final class Simplify {

    private Simplify() {
    }

    static Expr neg(Expr x) {
        if (x == Expr.ZERO) {
            return Expr.ZERO;
        }
        return x instanceof Neg n ? n.arg() : new Neg(x);
    }

    static Expr add(List<Expr> terms) {
        List<Expr> kept = new ArrayList<>();
        for (Expr t : terms) {
            if (t instanceof Add a) {
                kept.addAll(a.terms());
            } else if (!(t instanceof Num n && n.value() == 0)) {
                kept.add(t);
            }
        }
        if (kept.isEmpty()) {
            return Expr.ZERO;
        }
        return kept.size() == 1 ? kept.get(0) : new Add(kept);
    }

    static Expr mul(List<Expr> factors) {
        List<Expr> kept = new ArrayList<>();
        boolean negative = false;
        Expr denominator = null;
        for (Expr f : factors) {
            if (f instanceof Num n && n.value() == 0) {
                return Expr.ZERO;
            }
            if (f instanceof Neg n) {
                negative = !negative;
                f = n.arg();
            }
            if (f instanceof Div d && d.num() instanceof Num n && n.value() == 1 && denominator == null) {
                denominator = d.den();
            } else if (f instanceof Mul m) {
                kept.addAll(m.factors());
            } else if (!(f instanceof Num n && n.value() == 1)) {
                kept.add(f);
            }
        }
        Expr product = kept.isEmpty() ? Expr.ONE : kept.size() == 1 ? kept.get(0) : new Mul(kept);
        if (denominator != null) {
            product = new Div(product, denominator);
        }
        return negative ? neg(product) : product;
    }

    static Expr div(Expr num, Expr den) {
        if (num == Expr.ZERO) {
            return Expr.ZERO;
        }
        if (num instanceof Neg n) {
            return neg(div(n.arg(), den));
        }
        if (num instanceof Div d) {
            // (a / b) / c = a / (b c)
            return div(d.num(), mul(List.of(d.den(), den)));
        }
        return den == Expr.ONE ? num : new Div(num, den);
    }

    static Expr pow(Expr base, Expr exponent) {
        if (exponent instanceof Num n && n.value() == 1) {
            return base;
        }
        return exponent instanceof Num n && n.value() == 0 ? Expr.ONE : new Pow(base, exponent);
    }
}
