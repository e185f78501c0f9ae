package softmaxlab.latex;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import softmaxlab.math.Require;

/**
 * A formula read from the documents' LaTeX ({@link Formula#read}), as a tree: numbers, symbols ({@code w_{41}},
 * {@code a^{(i)}_k}), sums, products, quotients, powers, functions ({@code \exp, \ln, \log, \sqrt, \max, \sigma}),
 * {@code \sum} with an index, the indicator {@code 1\{k=y\}} and {@code \frac{\partial A}{\partial B}}.
 *
 * <p>{@link #evaluate} gives its value in a {@link Scope} (symbols are values there, e.g. a graph's nodes);
 * {@link #toLatex()} prints it back, so that reading the print gives the same value; {@link #expand} and
 * {@link #derivative} turn it into the local partials of a chain-rule graph.
 */
public sealed interface Expr {

    /**
     * The value in {@code scope}; a symbol not known there is an IllegalArgumentException naming it. NaN or infinite
     * where the formula is ({@code \ln(-1)}, {@code e^{e^{10}}}): the caller decides what that means (a graph refuses
     * such a node value; a derivation counts the claim false at that point).
     */
    double evaluate(Scope scope);

    /** LaTeX that {@link Formula#read} reads back to the same value. */
    String toLatex();

    /**
     * The same formula with every index bound in {@code scope} replaced by its value and every {@code \sum} written
     * out term by term: {@code \sum_{i=1}^2 e^{y_i}} becomes {@code e^{y_1} + e^{y_2}}.
     */
    Expr expand(Scope scope);

    /**
     * d this / d symbol {@code name} (a name as {@link Sym#name(Scope)} gives it, e.g. "w41"), written as a formula
     * and simplified (no {@code 0 +}, no {@code 1 \cdot}). Only for expanded formulas: no {@code \sum}, no
     * {@code \partial}.
     */
    Expr derivative(String name);

    /** The formulas this one is made of, left to right (none for a number or a symbol). */
    List<Expr> children();

    /** Every symbol in this formula, depth first, left to right (repeats included). */
    default List<Sym> symbols() {
        List<Sym> out = new ArrayList<>();
        if (this instanceof Sym s) {
            out.add(s);
        }
        for (Expr child : children()) {
            out.addAll(child.symbols());
        }
        return out;
    }

    // ---- leaves ----------------------------------------------------------------------------------------------------

    /** A number as written ({@code 0.5}, {@code 2}); {@code e} is Euler's number, {@code \pi} is pi. */
    record Num(double value, String latex) implements Expr {

        public Num {
            Require.text("latex", latex);
        }

        public static Num of(double value) {
            String text = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
            return new Num(value, value < 0 ? "\\left(" + text + "\\right)" : text);
        }

        public List<Expr> children() {
            return List.of();
        }

        public double evaluate(Scope scope) {
            return value;
        }

        public String toLatex() {
            return latex;
        }

        public Expr expand(Scope scope) {
            return this;
        }

        public Expr derivative(String name) {
            return ZERO;
        }
    }

    /** 0 and 1, which {@link #derivative} simplifies away. */
    Num ZERO = new Num(0, "0");
    Num ONE = new Num(1, "1");

    /**
     * A symbol: a base ({@code w}, {@code Loss}, {@code \ell}), a subscript ({@code 41}, {@code j1}, {@code k}) and
     * a label superscript in parentheses ({@code x^{(i)}}: the i of "sample i", not a power). Single letters of the
     * subscript and label that are indices bound in the scope (by {@code \sum} or a check) are replaced by their
     * values: {@code w_{j1}} with j = 4 names the node "w41".
     *
     * @param base  the base as LaTeX, e.g. {@code w} or {@code \ell}
     * @param sub   the subscript without braces, "" for none
     * @param label the superscript label inside the parentheses, "" for none
     */
    record Sym(String base, String sub, String label) implements Expr {

        public Sym {
            Require.text("base", base);
            Require.notNull("sub", sub);
            Require.notNull("label", label);
        }

        /**
         * The name of the node this symbol stands for: base letters, subscript, label: "w41", "Loss", "x(2)". A
         * subscript or label that is itself a symbol with an integer value indexes by that value when the literal
         * name is unknown: {@code s_{y}} with y = 2 is "s2" (the score of the true class), and
         * {@code \mathrm{w}^{(y^{(i)})}_d} with y^{(i)} = 2 and d = 1 is "w1(2)" (entry d of the true class's column).
         */
        public String name(Scope scope) {
            Sym bound = bound(Require.notNull("scope", scope));
            return letters() + bound.sub + (label.isEmpty() ? "" : "(" + bound.label + ")");
        }

        // subscript and label with bound indices replaced, each by its symbol's value when the literal is unknown
        private Sym bound(Scope scope) {
            String literalSub = bind(sub, scope);
            String literalLabel = bind(label, scope);
            String tail = label.isEmpty() ? "" : "(" + literalLabel + ")";
            String subscript = scope.knows(letters() + literalSub + tail) ? literalSub : index(sub, scope);
            boolean known = label.isEmpty() || scope.knows(letters() + subscript + tail);
            return new Sym(base, subscript, known ? literalLabel : index(label, scope));
        }

        private String letters() {
            return base.startsWith("\\") ? base.substring(1) : base;
        }

        // the text with bound indices replaced; or, when it is a symbol with an integer value, that value
        private static String index(String text, Scope scope) {
            String literal = bind(text, scope);
            if (text.isEmpty() || text.chars().allMatch(Character::isDigit)) {
                return literal;
            }
            // null when the text is a name, not a formula (e.g. s_{\\max})
            Expr index = parsed(text).orElse(null);
            if (index instanceof Sym s && !s.isIndex(scope) && scope.knows(s.name(scope))) {
                double v = scope.value(s.name(scope));
                if (v == Math.rint(v) && Math.abs(v) <= Scope.MAX_INDEX) {
                    return String.valueOf((int) v);
                }
            }
            return literal;
        }

        // the subscripts and labels of a formula are few and would be parsed again at every evaluation: kept, up to a
        // bound (expressions are immutable, so they can be shared)
        private static final Map<String, Optional<Expr>> PARSED = new ConcurrentHashMap<>();
        private static final int MAX_PARSED = 4096;

        // the text as a formula, or empty when it is not one
        private static Optional<Expr> parsed(String text) {
            Optional<Expr> known = PARSED.get(text);
            if (known != null) {
                return known;
            }
            Optional<Expr> parsed;
            try {
                parsed = Optional.of(Formula.expression(text));
            } catch (IllegalArgumentException notAFormula) {
                parsed = Optional.empty();
            }
            if (PARSED.size() < MAX_PARSED) {
                PARSED.put(text, parsed);
            }
            return parsed;
        }

        /** The name with no index bound: "w41" for {@code w_{41}}, "wj1" for {@code w_{j1}}. */
        public String name() {
            return name(Scope.EMPTY);
        }

        /** True when this is a bare letter bound as an index in {@code scope}, e.g. the k of {@code 1\{k=y\}}. */
        boolean isIndex(Scope scope) {
            return sub.isEmpty() && label.isEmpty() && scope.index(base).isPresent();
        }

        public List<Expr> children() {
            return List.of();
        }

        public double evaluate(Scope scope) {
            if (isIndex(Require.notNull("scope", scope))) {
                return scope.index(base).getAsInt();
            }
            return scope.value(name(scope));
        }

        public String toLatex() {
            String s = base;
            if (!sub.isEmpty()) {
                s += sub.length() == 1 ? "_" + sub : "_{" + sub + "}";
            }
            if (!label.isEmpty()) {
                s += "^{(" + label + ")}";
            }
            return s;
        }

        public Expr expand(Scope scope) {
            if (isIndex(Require.notNull("scope", scope))) {
                return Num.of(scope.index(base).getAsInt());
            }
            return bound(scope);
        }

        public Expr derivative(String name) {
            return name().equals(Require.notNull("name", name)) ? ONE : ZERO;
        }

        // each letter bound as an index is replaced by its value
        private static String bind(String text, Scope scope) {
            StringBuilder out = new StringBuilder();
            for (char c : text.toCharArray()) {
                String letter = String.valueOf(c);
                out.append(Character.isLetter(c) && scope.index(letter).isPresent()
                        ? String.valueOf(scope.index(letter).getAsInt()) : letter);
            }
            return out.toString();
        }
    }

    // ---- arithmetic ------------------------------------------------------------------------------------------------

    /** {@code -arg}. */
    record Neg(Expr arg) implements Expr {

        public Neg {
            Require.notNull("arg", arg);
        }

        public List<Expr> children() {
            return List.of(arg);
        }

        public double evaluate(Scope scope) {
            return -arg.evaluate(scope);
        }

        public String toLatex() {
            return "-" + Print.negated(arg);
        }

        public Expr expand(Scope scope) {
            return new Neg(arg.expand(scope));
        }

        public Expr derivative(String name) {
            return Simplify.neg(arg.derivative(name));
        }
    }

    /** {@code t_1 + t_2 + ...}; a subtracted term is a {@link Neg}. */
    record Add(List<Expr> terms) implements Expr {

        public Add {
            terms = Require.noNulls("terms", terms);
        }

        public List<Expr> children() {
            return terms;
        }

        public double evaluate(Scope scope) {
            double sum = 0;
            for (Expr t : terms) {
                sum += t.evaluate(scope);
            }
            return sum;
        }

        public String toLatex() {
            // a sum inside a sum keeps its parentheses, so that the print reads back to this tree
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < terms.size(); i++) {
                Expr t = terms.get(i);
                if (i == 0) {
                    out.append(t instanceof Add ? Print.factor(t) : t.toLatex());
                } else if (t instanceof Neg n) {
                    out.append(" - ").append(Print.negated(n.arg()));
                } else {
                    out.append(" + ").append(t instanceof Add ? Print.factor(t) : t.toLatex());
                }
            }
            return out.toString();
        }

        public Expr expand(Scope scope) {
            return new Add(terms.stream().map(t -> t.expand(scope)).toList());
        }

        public Expr derivative(String name) {
            return Simplify.add(terms.stream().map(t -> t.derivative(name)).toList());
        }
    }

    /** {@code f_1 f_2 ...}: written {@code \times}, {@code \cdot}, {@code *} or side by side. */
    record Mul(List<Expr> factors) implements Expr {

        public Mul {
            factors = Require.noNulls("factors", factors);
            if (factors.isEmpty()) {
                throw new IllegalArgumentException("factors is empty; expected at least one factor");
            }
        }

        public List<Expr> children() {
            return factors;
        }

        public double evaluate(Scope scope) {
            double product = 1;
            for (Expr f : factors) {
                product *= f.evaluate(scope);
            }
            return product;
        }

        public String toLatex() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < factors.size(); i++) {
                String f = Print.factor(factors.get(i));
                // side by side reads as a product, except two numbers: 2 3 would read as 23
                out.append(i == 0 ? "" : Character.isDigit(f.charAt(0)) ? " \\cdot " : " ").append(f);
            }
            return out.toString();
        }

        public Expr expand(Scope scope) {
            return new Mul(factors.stream().map(f -> f.expand(scope)).toList());
        }

        public Expr derivative(String name) {
            // product rule: sum over i of f_1 ... f_i' ... f_n
            List<Expr> terms = new ArrayList<>();
            for (int i = 0; i < factors.size(); i++) {
                Expr d = factors.get(i).derivative(name);
                if (d != ZERO) {
                    List<Expr> term = new ArrayList<>(factors);
                    term.set(i, d);
                    terms.add(Simplify.mul(term));
                }
            }
            return Simplify.add(terms);
        }
    }

    /** {@code \frac{num}{den}} (also {@code num / den}). */
    record Div(Expr num, Expr den) implements Expr {

        public Div {
            Require.notNull("num", num);
            Require.notNull("den", den);
        }

        public List<Expr> children() {
            return List.of(num, den);
        }

        public double evaluate(Scope scope) {
            return num.evaluate(scope) / den.evaluate(scope);
        }

        public String toLatex() {
            return "\\frac{" + num.toLatex() + "}{" + den.toLatex() + "}";
        }

        public Expr expand(Scope scope) {
            return new Div(num.expand(scope), den.expand(scope));
        }

        public Expr derivative(String name) {
            Expr dn = num.derivative(name);
            Expr dd = den.derivative(name);
            if (dd == ZERO) {
                return dn == ZERO ? ZERO : Simplify.div(dn, den);
            }
            // quotient rule: (u'v - uv') / v^2
            Expr square = new Pow(den, Num.of(2));
            Expr minus = Simplify.neg(Simplify.mul(List.of(num, dd)));
            return Simplify.div(Simplify.add(List.of(Simplify.mul(List.of(dn, den)), minus)), square);
        }
    }

    /** {@code base^{exponent}}. */
    record Pow(Expr base, Expr exponent) implements Expr {

        public Pow {
            Require.notNull("base", base);
            Require.notNull("exponent", exponent);
        }

        public List<Expr> children() {
            return List.of(base, exponent);
        }

        public double evaluate(Scope scope) {
            return Math.pow(base.evaluate(scope), exponent.evaluate(scope));
        }

        public String toLatex() {
            return Print.base(base) + "^{" + exponent.toLatex() + "}";
        }

        public Expr expand(Scope scope) {
            return new Pow(base.expand(scope), exponent.expand(scope));
        }

        public Expr derivative(String name) {
            Expr db = base.derivative(name);
            Expr de = exponent.derivative(name);
            if (de == ZERO) {
                if (db == ZERO) {
                    return ZERO;
                }
                // (u^n)' = n u^{n-1} u'
                Expr lower = exponent instanceof Num n ? Num.of(n.value() - 1)
                        : Simplify.add(List.of(exponent, Num.of(-1)));
                return Simplify.mul(List.of(exponent, Simplify.pow(base, lower), db));
            }
            // (u^v)' = u^v (v' ln u + v u' / u)
            Expr logPart = Simplify.mul(List.of(de, new Fn("ln", List.of(base))));
            Expr basePart = db == ZERO ? ZERO : Simplify.div(Simplify.mul(List.of(exponent, db)), base);
            return Simplify.mul(List.of(this, Simplify.add(List.of(logPart, basePart))));
        }
    }

    /**
     * {@code arg^\\top} (also {@code ^T}, {@code ^{\\mathsf{T}}}, {@code ^\\intercal}): a transpose. Of a number or a
     * scalar symbol it is that value; written where a vector formula is meant ({@code w^\\top x}), it says so in the
     * printed form rather than being dropped.
     */
    record Transpose(Expr arg) implements Expr {

        public Transpose {
            Require.notNull("arg", arg);
        }

        public List<Expr> children() {
            return List.of(arg);
        }

        public double evaluate(Scope scope) {
            return arg.evaluate(scope);
        }

        public String toLatex() {
            return Print.base(arg) + "^{\\top}";
        }

        public Expr expand(Scope scope) {
            return new Transpose(arg.expand(scope));
        }

        public Expr derivative(String name) {
            return arg.derivative(name);
        }
    }

    /**
     * A vector or matrix operation, of meaning only where shapes are known ({@link Shapes}): {@code odot}
     * ({@code a \\odot b}, entrywise product), {@code norm} ({@code \\|x\\|}, {@code \\|W\\|_F}: the square root of the
     * sum of squared entries), {@code diag} ({@code \\operatorname{diag}(a)}), {@code tr} ({@code \\operatorname{tr}(A)}),
     * {@code ones} ({@code \\mathbf{1}}, its length from its neighbours or {@code \\mathbf{1}_N}), {@code identity}
     * ({@code I}, {@code \\mathbf{I}}, {@code I_n}: its size likewise), {@code entry} ({@code (X^\\top G)_{1j}}: the
     * entry of a vector or matrix, indices digits or bound letters), {@code max} ({@code \\max(\\mathrm{s})}: the
     * largest entry) and {@code softmax}
     * ({@code \\operatorname{softmax}(z)} of a vector, or of each row of a matrix), {@code columns}
     * ({@code [\\mathrm{w}^{(1)}, \\mathrm{w}^{(2)}]}, vectors side by side). Of 1x1 values each is what it
     * is for a number (a b, |x|, x, x, 1, 1).
     */
    record MatrixOp(String op, List<Expr> args) implements Expr {

        /** The operations, and the arguments each takes. */
        public static final Map<String, Integer> ARITY = Map.of("odot", 2, "norm", 1, "diag", 1, "tr", 1,
                "ones", 0, "identity", 0, "softmax", 1, "columns", 2, "entry", 2, "max", 1);

        public MatrixOp {
            args = Require.noNulls("args", args);
            Integer n = ARITY.get(Require.notNull("op", op));
            boolean sized = op.equals("ones") || op.equals("identity");
            boolean fits = sized ? args.size() <= 1 : op.equals("columns") ? args.size() >= 2
                    : op.equals("entry") ? args.size() == 2 || args.size() == 3
                    : n != null && args.size() == n;
            if (n == null || !fits) {
                throw new IllegalArgumentException("operation " + op + " with " + args.size() + " arguments; "
                        + "expected one of " + new java.util.TreeMap<>(ARITY)
                        + " (ones, identity: their size, optional; entry: two or three)");
            }
        }

        public List<Expr> children() {
            return args;
        }

        public double evaluate(Scope scope) {
            return switch (op) {
                case "odot" -> args.get(0).evaluate(scope) * args.get(1).evaluate(scope);
                case "norm" -> Math.abs(args.get(0).evaluate(scope));
                case "diag", "tr", "entry", "max" -> args.get(0).evaluate(scope);
                default -> 1;
            };
        }

        public String toLatex() {
            return switch (op) {
                case "odot" -> Print.factor(args.get(0)) + " \\odot " + Print.factor(args.get(1));
                case "norm" -> {
                    // a norm inside a norm in parentheses: there \| opens again
                    String x = args.get(0).toLatex();
                    yield "\\|" + (x.contains("\\|") ? "\\left(" + x + "\\right)" : x) + "\\|";
                }
                case "ones" -> "\\mathbf{1}" + (args.isEmpty() ? "" : "_{" + args.get(0).toLatex() + "}");
                case "identity" -> "\\mathbf{I}" + (args.isEmpty() ? "" : "_{" + args.get(0).toLatex() + "}");
                case "max" -> "\\max\\left(" + args.get(0).toLatex() + "\\right)";
                case "entry" -> "\\left(" + args.get(0).toLatex() + "\\right)_{" + String.join(args.size() == 3 ? ","
                        : "", args.subList(1, args.size()).stream().map(Expr::toLatex).toList()) + "}";
                case "columns" -> "\\left[" + String.join(", ", args.stream().map(Expr::toLatex).toList()) + "\\right]";
                default -> "\\operatorname{" + op + "}\\left(" + args.get(0).toLatex() + "\\right)";
            };
        }

        public Expr expand(Scope scope) {
            return new MatrixOp(op, args.stream().map(a -> a.expand(scope)).toList());
        }

        public Expr derivative(String name) {
            throw new IllegalStateException("write " + toLatex() + " out entry by entry (Shapes.entries) before "
                    + "taking a derivative");
        }
    }

    /**
     * A function: {@code exp} ({@code e^{x}}, {@code \\exp}), {@code ln} ({@code \\ln}, {@code \\log}: natural, as in the
     * documents), {@code sqrt}, {@code tanh}, {@code sinh}, {@code cosh}, {@code sigma}
     * ({@code \\sigma(x) = 1/(1+e^{-x})}) and {@code max} (two or more arguments; ReLU is {@code \\max(0, x)}).
     */
    record Fn(String name, List<Expr> args) implements Expr {

        /** The function names: max takes two or more arguments, the others one. */
        public static final Set<String> NAMES = Set.of("exp", "ln", "sqrt", "sigma", "tanh", "sinh", "cosh", "max");

        public Fn {
            args = Require.noNulls("args", args);
            if (!NAMES.contains(Require.notNull("name", name)) || args.size() < (name.equals("max") ? 2 : 1)
                    || !name.equals("max") && args.size() > 1) {
                throw new IllegalArgumentException("function " + name + " with " + args.size() + " arguments; "
                        + "expected one of " + NAMES.stream().filter(n -> !n.equals("max")).sorted().toList()
                        + " with one argument, or max with two or more");
            }
        }

        /**
         * f'(u), the derivative of the one-argument function {@code name} at {@code u}, as a formula: exp' = exp,
         * ln'(u) = 1/u, sqrt'(u) = 1/(2 sqrt u), sigma' = sigma (1 - sigma), tanh' = 1 - tanh^2, sinh' = cosh,
         * cosh' = sinh. What {@code \\sigma'(z)} reads as, and the chain rule's outer factor in {@link #derivative}.
         */
        public static Expr prime(String name, Expr u) {
            Expr f = new Fn(name, List.of(Require.notNull("u", u)));
            return switch (name) {
                case "exp" -> f;
                case "ln" -> new Div(ONE, u);
                case "sqrt" -> new Div(ONE, new Mul(List.of(Num.of(2), f)));
                case "sigma" -> new Mul(List.of(f, new Add(List.of(ONE, new Neg(f)))));
                case "tanh" -> new Add(List.of(ONE, new Neg(new Pow(f, Num.of(2)))));
                case "sinh" -> new Fn("cosh", List.of(u));
                case "cosh" -> new Fn("sinh", List.of(u));
                default -> throw new IllegalArgumentException("max has no derivative formula f'(u): it takes two "
                        + "or more arguments; expected one of exp, ln, sqrt, sigma, tanh, sinh, cosh");
            };
        }

        public List<Expr> children() {
            return args;
        }

        public double evaluate(Scope scope) {
            double x = args.get(0).evaluate(scope);
            return switch (name) {
                case "exp" -> Math.exp(x);
                case "ln" -> Math.log(x);
                case "sqrt" -> Math.sqrt(x);
                case "sigma" -> 1 / (1 + Math.exp(-x));
                case "tanh" -> Math.tanh(x);
                case "sinh" -> Math.sinh(x);
                case "cosh" -> Math.cosh(x);
                case "max" -> {
                    double max = x;
                    for (Expr a : args.subList(1, args.size())) {
                        max = Math.max(max, a.evaluate(scope));
                    }
                    yield max;
                }
                default -> throw new IllegalStateException("unknown function " + name);
            };
        }

        public String toLatex() {
            String first = args.get(0).toLatex();
            return switch (name) {
                case "exp" -> "e^{" + first + "}";
                case "sqrt" -> "\\sqrt{" + first + "}";
                case "max" -> "\\max\\left(" + String.join(", ", args.stream().map(Expr::toLatex).toList())
                        + "\\right)";
                default -> "\\" + name + "\\left(" + first + "\\right)";
            };
        }

        public Expr expand(Scope scope) {
            return new Fn(name, args.stream().map(a -> a.expand(scope)).toList());
        }

        public Expr derivative(String name) {
            if (this.name.equals("max")) {
                // d max(x_1..x_n) = sum_i 1{x_i = max} dx_i: the largest argument carries the derivative
                List<Expr> terms = new ArrayList<>();
                for (Expr a : args) {
                    Expr d = a.derivative(name);
                    if (d != ZERO) {
                        terms.add(Simplify.mul(List.of(new Indicator(a, this), d)));
                    }
                }
                return Simplify.add(terms);
            }
            Expr x = args.get(0);
            Expr dx = x.derivative(name);
            if (dx == ZERO) {
                return ZERO;
            }
            // chain rule: (f(u))' = f'(u) u', with ln's written u' / u
            return this.name.equals("ln") ? Simplify.div(dx, x) : Simplify.mul(List.of(prime(this.name, x), dx));
        }
    }

    // ---- sums, indicators, derivatives -----------------------------------------------------------------------------

    /**
     * {@code \\sum_{index=from}^{to} body}; without bounds ({@code \\sum_i}), {@code from} and {@code to} are null and
     * the index runs over the values for which the body's symbols name something in the scope
     * ({@link Scope#indexValues}). {@code \\sum_{k \\neq j}} is the unbounded sum without the term k = j: {@code except}
     * is j, else null.
     */
    record Series(String index, Expr from, Expr to, Expr except, Expr body) implements Expr {

        public Series {
            Require.letter("index", index);
            if ((from == null) != (to == null)) {
                throw new IllegalArgumentException("from is " + from + " and to is " + to + "; expected both bounds "
                        + "or neither (\\sum_i)");
            }
            Require.notNull("body", body);
        }

        /** {@code \\sum_{index=from}^{to} body}, or {@code \\sum_{index} body} with null bounds. */
        public Series(String index, Expr from, Expr to, Expr body) {
            this(index, from, to, null, body);
        }

        public List<Expr> children() {
            List<Expr> out = new ArrayList<>();
            if (from != null) {
                out.add(from);
                out.add(to);
            }
            if (except != null) {
                out.add(except);
            }
            out.add(body);
            return out;
        }

        public double evaluate(Scope scope) {
            List<Integer> values = values(scope);
            Scope inside = scope.inSum(values.size(), this);
            double sum = 0;
            for (int v : values) {
                sum += body.evaluate(inside.with(index, v));
            }
            return sum;
        }

        public String toLatex() {
            String skip = except == null ? "" : (from == null ? " " : ", " + index + " ") + "\\neq " + except.toLatex();
            String bounds = from == null ? "_{" + index + skip + "}"
                    : "_{" + index + "=" + from.toLatex() + skip + "}^{" + to.toLatex() + "}";
            return "\\sum" + bounds + " " + Print.factor(body);
        }

        public Expr expand(Scope scope) {
            List<Integer> values = values(scope);
            Scope inside = scope.inSum(values.size(), this);
            List<Expr> terms = new ArrayList<>();
            for (int v : values) {
                terms.add(body.expand(inside.with(index, v)));
            }
            return terms.isEmpty() ? ZERO : terms.size() == 1 ? terms.get(0) : new Add(terms);
        }

        public Expr derivative(String name) {
            throw new IllegalStateException("expand the \\sum before taking a derivative");
        }

        /** The index values, in order: those of the bounds, or those the body names, less {@code except}'s. */
        public List<Integer> values(Scope scope) {
            Require.notNull("scope", scope);
            List<Integer> all = from == null ? scope.indexValues(index, body) : range(scope);
            if (except == null) {
                return all;
            }
            double skip = except.evaluate(scope);
            return all.stream().filter(v -> v != skip).toList();
        }

        private List<Integer> range(Scope scope) {
            int lo = Print.integer(from.evaluate(scope), "the lower bound of \\sum_{" + index + "=...}");
            int hi = Print.integer(to.evaluate(scope), "the upper bound of \\sum_{" + index + "=...}^{...}");
            if ((long) hi - lo + 1 > Scope.MAX_TERMS) {
                throw new IllegalArgumentException("\\sum_{" + index + "=" + lo + "}^{" + hi + "} has "
                        + ((long) hi - lo + 1) + " terms; expected at most " + Scope.MAX_TERMS + " (Scope.MAX_TERMS)");
            }
            List<Integer> values = new ArrayList<>();
            for (int v = lo; v <= hi; v++) {
                values.add(v);
            }
            return values;
        }
    }

    /**
     * {@code 1\{left = right\}} (also {@code 1_{left=right}}, {@code \mathbb{1}\{...\}}, Iverson's {@code [k=i]}, the
     * Kronecker {@code \delta_{ij}}): 1 when the relation holds, else 0. The relation is one of {@link #RELATIONS}:
     * {@code =}, {@code \neq}, {@code <}, {@code >}, {@code \le}, {@code \ge}.
     */
    record Indicator(Expr left, String relation, Expr right) implements Expr {

        /** The relations an indicator tests, as printed. */
        public static final List<String> RELATIONS = List.of("=", "\\neq", "<", ">", "\\le", "\\ge");

        public Indicator {
            Require.notNull("left", left);
            Require.notNull("right", right);
            if (!RELATIONS.contains(Require.notNull("relation", relation))) {
                throw new IllegalArgumentException("relation \"" + relation + "\"; expected one of " + RELATIONS);
            }
        }

        /** {@code 1\{left = right\}}. */
        public Indicator(Expr left, Expr right) {
            this(left, "=", right);
        }

        public List<Expr> children() {
            return List.of(left, right);
        }

        public double evaluate(Scope scope) {
            double l = left.evaluate(scope);
            double r = right.evaluate(scope);
            boolean holds = switch (relation) {
                case "=" -> l == r;
                case "\\neq" -> l != r;
                case "<" -> l < r;
                case ">" -> l > r;
                case "\\le" -> l <= r;
                default -> l >= r;
            };
            return holds ? 1 : 0;
        }

        public String toLatex() {
            String rel = relation.startsWith("\\") ? " " + relation + " " : relation;
            return "1\\{" + left.toLatex() + rel + right.toLatex() + "\\}";
        }

        public Expr expand(Scope scope) {
            return new Indicator(left.expand(scope), relation, right.expand(scope));
        }

        public Expr derivative(String name) {
            return ZERO;
        }
    }

    /**
     * {@code \frac{\partial of}{\partial wrt}}: its value comes from the scope ({@link Scope#partial}), e.g. central
     * differences on a graph.
     */
    record Partial(Expr of, Sym wrt) implements Expr {

        public Partial {
            Require.notNull("of", of);
            Require.notNull("wrt", wrt);
        }

        public List<Expr> children() {
            return List.of(of, wrt);
        }

        public double evaluate(Scope scope) {
            return Require.notNull("scope", scope).partial(of, wrt);
        }

        public String toLatex() {
            String top = of instanceof Sym ? of.toLatex() : "\\left(" + of.toLatex() + "\\right)";
            return "\\frac{\\partial " + top + "}{\\partial " + wrt.toLatex() + "}";
        }

        public Expr expand(Scope scope) {
            throw new IllegalArgumentException("a derivative " + toLatex() + " cannot define a graph node; "
                    + "expected a formula of numbers and symbols");
        }

        public Expr derivative(String name) {
            throw new IllegalStateException("a \\partial has no derivative formula");
        }
    }
}
