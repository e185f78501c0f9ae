package softmaxlab.latex;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import softmaxlab.latex.Expr.Add;
import softmaxlab.latex.Expr.Div;
import softmaxlab.latex.Expr.Fn;
import softmaxlab.latex.Expr.Indicator;
import softmaxlab.latex.Expr.Mul;
import softmaxlab.latex.Expr.Neg;
import softmaxlab.latex.Expr.Num;
import softmaxlab.latex.Expr.Partial;
import softmaxlab.latex.Expr.Pow;
import softmaxlab.latex.Expr.Series;
import softmaxlab.latex.Expr.Sym;
import softmaxlab.math.Require;

/**
 * A formula as a document prints it, read from its LaTeX: one side ({@code (1-a_4) \times o_1}), an assignment
 * ({@code z_4 = w_{41}o_1+w_{42}o_2+w_{43}o_3}) or a chain of equalities
 * ({@code \frac{\partial Loss}{\partial w_{41}} = -\frac{1}{a_4} \times a_4(1-a_4) \times o_1 = (1-a_4) \times o_1}).
 *
 * <p>What it reads (everything else is an IllegalArgumentException naming the token, its column and this list):
 * {@value #SUPPORTED}.
 *
 * <p>Conventions: a run of letters is one symbol ({@code Loss}; write {@code a b} or {@code a \cdot b} for a product
 * of one-letter symbols); {@code e^{x}} is the exponential and {@code e} alone Euler's number; {@code \log} is the
 * natural logarithm, as in the documents; {@code x^{(i)}} is a label (sample i), any other superscript a power;
 * a function without parentheses applies to the next factor ({@code \ln a_i}) or to a following {@code \sum};
 * a {@code \sum} runs over the product that follows it; {@code \left}, {@code \right}, {@code &}, spacing and
 * {@code \text{...}} are ignored, {@code \\} followed by {@code =} continues a chain (an {@code align} block).
 */
public final class Formula {

    /** What the reader understands, as listed in its error messages. */
    public static final String SUPPORTED = "numbers; symbols with subscripts and labels (w_{41}, a_4, s_{y}, "
            + "x^{(i)}, \\alpha); + - \\times \\cdot * / and side-by-side products; \\frac, ^, e^{...}, \\exp, \\ln, "
            + "\\log, \\sqrt, \\max(a, b), \\sigma(x); ( ), [ ], { }, \\left( \\right); \\sum_{i=1}^{n}, \\sum_i; "
            + "1\\{k=y\\}, 1_{k=y}; \\frac{\\partial A}{\\partial B}; chains A = B = C";

    /** Longest LaTeX read, in characters: a document's longest display is a few hundred. */
    public static final int MAX_LENGTH = 4000;
    /** Deepest nesting read (parentheses, braces, \\frac, \\sum, powers, signs inside one another). */
    public static final int MAX_DEPTH = 100;

    private final String source;
    private final List<Expr> sides;
    private final List<String> sideLatex;

    private Formula(String source, List<Expr> sides, List<String> sideLatex) {
        this.source = source;
        this.sides = List.copyOf(sides);
        this.sideLatex = List.copyOf(sideLatex);
    }

    /**
     * Reads one formula: one side or a chain {@code A = B = C}.
     *
     * @throws IllegalArgumentException naming the first token it cannot read, its column and what is supported;
     *                                  also for several formulas on separate lines ({@link #readAll} reads those)
     */
    public static Formula read(String latex) {
        List<Formula> all = readAll(latex);
        if (all.size() != 1) {
            throw new IllegalArgumentException("\"" + latex + "\" holds " + all.size() + " formulas separated by "
                    + "\\\\; expected one (Formula.readAll reads several)");
        }
        return all.get(0);
    }

    /**
     * Reads formulas separated by line breaks {@code \\}, as a document prints several in one display
     * ({@code z_4 = ... \\ z_5 = ...}); a line that starts with {@code =} or {@code &=} continues the chain above.
     */
    public static List<Formula> readAll(String latex) {
        Require.notNull("latex", latex);
        if (latex.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("latex has " + latex.length() + " characters (\""
                    + latex.substring(0, 40)
                    + "...\"); expected at most " + MAX_LENGTH + " (Formula.MAX_LENGTH)");
        }
        List<Token> tokens = Token.scan(latex);
        List<Formula> formulas = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean lineBreak = t.is("\\\\") && !tokens.get(i + 1).is("=");
            if (lineBreak || t.kind() == Token.Kind.END) {
                if (i > start) {
                    int from = start == 0 ? 0 : tokens.get(start - 1).end();
                    formulas.add(new Reader(latex, new ArrayList<>(tokens.subList(start, i)), from, t).chain());
                }
                start = i + 1;
            }
        }
        if (formulas.isEmpty()) {
            throw new IllegalArgumentException("latex \"" + latex + "\" holds no formula; expected e.g. "
                    + "\"a_4 = \\frac{e^{z_4}}{e^{z_4}+e^{z_5}}\"");
        }
        return formulas;
    }

    /** Reads one side, without {@code =}: e.g. {@code (1-a_4) \times o_1}. */
    public static Expr expression(String latex) {
        Formula f = read(latex);
        if (f.sides.size() != 1) {
            throw new IllegalArgumentException("\"" + latex + "\" is a chain of " + f.sides.size() + " sides; "
                    + "expected one expression without =");
        }
        return f.sides.get(0);
    }

    /** The LaTeX as given (of this formula only, when {@link #readAll} split several). */
    public String source() {
        return source;
    }

    /** The sides between the {@code =} signs, in order (one for an expression). */
    public List<Expr> sides() {
        return sides;
    }

    /** Each side's LaTeX exactly as written in {@link #source()}, without alignment marks. */
    public List<String> sideLatex() {
        return sideLatex;
    }

    /** The formula printed back: the sides' {@link Expr#toLatex()} joined by {@code =}. */
    public String toLatex() {
        return String.join(" = ", sides.stream().map(Expr::toLatex).toList());
    }

    @Override
    public String toString() {
        return source;
    }

    // ---- tokens ----------------------------------------------------------------------------------------------------

    /** A token of the source: its kind, text and 0-based position. */
    record Token(Kind kind, String text, int pos, int end) {

        enum Kind { NUMBER, LETTERS, COMMAND, CHAR, END }

        boolean is(String s) {
            return kind != Kind.END && text.equals(s);
        }

        private static final Set<String> SPACING = Set.of("\\left", "\\right", "\\bigl", "\\bigr", "\\Bigl",
                "\\Bigr", "\\big", "\\Big", "\\,", "\\;", "\\:", "\\!", "\\ ", "\\quad", "\\qquad", "\\displaystyle",
                "\\limits", "\\nolimits", "~", "&");
        private static final Set<String> PROSE = Set.of("\\text", "\\mbox", "\\textrm", "\\begin", "\\end");
        private static final Set<String> STYLES = Set.of("\\mathrm", "\\mathbf", "\\mathit", "\\boldsymbol",
                "\\mathcal", "\\operatorname");

        /** The tokens of {@code s}, spacing and prose dropped, ending with an END token. */
        static List<Token> scan(String s) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                int start = i;
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                Token t;
                if (isAsciiLetter(c)) {
                    while (i < s.length() && isAsciiLetter(s.charAt(i))) {
                        i++;
                    }
                    t = new Token(Kind.LETTERS, s.substring(start, i), start, i);
                } else if (Character.isDigit(c)
                        || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                        i++;
                    }
                    t = new Token(Kind.NUMBER, s.substring(start, i), start, i);
                } else if (c == '\\' && i + 1 < s.length() && isAsciiLetter(s.charAt(i + 1))) {
                    i++;
                    while (i < s.length() && isAsciiLetter(s.charAt(i))) {
                        i++;
                    }
                    t = new Token(Kind.COMMAND, s.substring(start, i), start, i);
                } else if (c == '\\' && i + 1 < s.length()) {
                    i += 2;
                    t = new Token(Kind.COMMAND, s.substring(start, i), start, i);
                } else {
                    i++;
                    t = new Token(Kind.CHAR, s.substring(start, i), start, i);
                }
                if (SPACING.contains(t.text)) {
                    // \left. and \right. are invisible delimiters
                    if ((t.is("\\left") || t.is("\\right")) && i < s.length() && s.charAt(i) == '.') {
                        i++;
                    }
                    continue;
                }
                if (PROSE.contains(t.text) || STYLES.contains(t.text)) {
                    int close = closingBrace(s, i, t);
                    if (STYLES.contains(t.text)) {
                        String inner = s.substring(s.indexOf('{', i) + 1, close).strip();
                        out.add(new Token(inner.startsWith("\\") ? Kind.COMMAND : Kind.LETTERS, inner, start,
                                close + 1));
                    }
                    i = close + 1;
                    continue;
                }
                out.add(t);
            }
            out.add(new Token(Kind.END, "end of formula", s.length(), s.length()));
            return out;
        }

        private static boolean isAsciiLetter(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        }

        // the } that closes the { right after a command such as \text
        private static int closingBrace(String s, int i, Token command) {
            int j = i;
            while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
                j++;
            }
            if (j >= s.length() || s.charAt(j) != '{') {
                throw error(s, command, "expected { after " + command.text);
            }
            int depth = 0;
            for (; j < s.length(); j++) {
                if (s.charAt(j) == '{' && s.charAt(j - 1) != '\\') {
                    depth++;
                } else if (s.charAt(j) == '}' && s.charAt(j - 1) != '\\' && --depth == 0) {
                    return j;
                }
            }
            throw error(s, command, "expected } to close the { of " + command.text);
        }
    }

    static IllegalArgumentException error(String source, Token at, String expected) {
        String what = at.kind == Token.Kind.END ? "the end of the formula" : "\"" + at.text + "\"";
        return new IllegalArgumentException("cannot read " + what + " at column " + (at.pos + 1) + " of \""
                + source + "\": " + expected + ". Supported: " + SUPPORTED);
    }

    // ---- the reader: recursive descent, one method per level of the grammar --------------------------------------

    private static final Set<String> GREEK = Set.of("\\alpha", "\\beta", "\\gamma", "\\delta", "\\epsilon",
            "\\varepsilon", "\\zeta", "\\eta", "\\theta", "\\kappa", "\\lambda", "\\mu", "\\nu", "\\xi", "\\rho",
            "\\tau", "\\phi", "\\varphi", "\\chi", "\\psi", "\\omega", "\\ell", "\\sigma", "\\Delta", "\\Theta",
            "\\Lambda", "\\Phi", "\\Psi", "\\Omega", "\\Sigma");
    private static final Set<String> FUNCTIONS = Set.of("\\exp", "\\ln", "\\log", "\\sqrt", "\\max");

    private static final class Reader {

        private final String source;
        private final List<Token> tokens;
        private final int start;
        private final Token end;
        private int at;
        private int depth;

        /** Reads {@code tokens}, the part of {@code source} from {@code start} up to {@code end}. */
        Reader(String source, List<Token> tokens, int start, Token end) {
            this.source = source;
            this.tokens = tokens;
            this.start = start;
            this.end = end;
        }

        // chain := expr ('=' expr)*
        Formula chain() {
            List<Expr> sides = new ArrayList<>();
            List<String> latex = new ArrayList<>();
            int from = start;
            while (true) {
                sides.add(expr());
                latex.add(text(from, peek().pos));
                if (peek().is("\\\\")) {
                    at++;
                }
                if (!peek().is("=")) {
                    break;
                }
                from = next().end;
            }
            if (at < tokens.size()) {
                throw error(source, peek(), peek().is(")") || peek().is("}") || peek().is("]")
                        ? "nothing open to close" : "expected an operator (+ - \\times \\cdot =) or the end");
            }
            return new Formula(text(start, end.pos), sides, latex);
        }

        // expr := [+|-] term ((+|-) term)*
        private Expr expr() {
            List<Expr> terms = new ArrayList<>();
            boolean negative = accept("-");
            if (!negative) {
                accept("+");
            }
            terms.add(sign(negative, term()));
            while (peek().is("+") || peek().is("-")) {
                negative = next().is("-");
                terms.add(sign(negative, term()));
            }
            return terms.size() == 1 ? terms.get(0) : new Add(terms);
        }

        private static Expr sign(boolean negative, Expr e) {
            return negative ? new Neg(e) : e;
        }

        // term := factor ((\times | \cdot | * | / | \div | side by side) factor)*
        private Expr term() {
            Expr product = signedFactor();
            List<Expr> factors = new ArrayList<>(List.of(product));
            while (true) {
                Token t = peek();
                if (t.is("\\times") || t.is("\\cdot") || t.is("*")) {
                    at++;
                    factors.add(signedFactor());
                } else if (t.is("/") || t.is("\\div")) {
                    at++;
                    Expr den = signedFactor();
                    Expr num = factors.size() == 1 ? factors.get(0) : new Mul(factors);
                    factors = new ArrayList<>(List.of(new Div(num, den)));
                } else if (startsFactor(t)) {
                    factors.add(postfix());
                } else {
                    return factors.size() == 1 ? factors.get(0) : new Mul(factors);
                }
            }
        }

        // after an explicit operator a minus may follow: a \times -b
        private Expr signedFactor() {
            if (accept("-")) {
                return new Neg(nested(this::signedFactor));
            }
            if (!startsFactor(peek())) {
                throw error(source, peek(), "expected a number, a symbol, ( or a command such as \\frac");
            }
            return postfix();
        }

        private boolean startsFactor(Token t) {
            return switch (t.kind) {
                case NUMBER, LETTERS -> true;
                case COMMAND -> !t.is("\\times") && !t.is("\\cdot") && !t.is("\\div") && !t.is("\\\\")
                        && !t.is("\\}") && !t.is("\\partial");
                case CHAR -> t.is("(") || t.is("[") || t.is("{");
                case END -> false;
            };
        }

        // postfix := primary ['^' script]
        private Expr postfix() {
            Expr base = primary();
            if (accept("^")) {
                return new Pow(base, script());
            }
            return base;
        }

        // a sub- or superscript: {expr} or a single character
        private Expr script() {
            if (accept("{")) {
                Expr e = expr();
                expect("}", "to close the {");
                return e;
            }
            Token t = peek();
            if (t.kind == Token.Kind.NUMBER || t.kind == Token.Kind.LETTERS) {
                return single(t.kind == Token.Kind.NUMBER ? this::number : this::symbol);
            }
            throw error(source, t, "expected {...} or a single character after ^");
        }

        // reads the first character of a token as its own token: a_ij is a_i j, x^23 is x^2 3
        private Expr single(java.util.function.Supplier<Expr> read) {
            Token t = peek();
            if (t.text.length() > 1) {
                tokens.set(at, new Token(t.kind, t.text.substring(1), t.pos + 1, t.end));
                tokens.add(at, new Token(t.kind, t.text.substring(0, 1), t.pos, t.pos + 1));
            }
            return read.get();
        }

        private Expr primary() {
            return nested(this::primaryAtDepth);
        }

        // one level deeper; the nesting is bounded so that reading (and every walk of the tree) stays on the stack
        private Expr nested(java.util.function.Supplier<Expr> read) {
            if (++depth > MAX_DEPTH) {
                throw error(source, peek(), "nesting deeper than " + MAX_DEPTH + " levels (Formula.MAX_DEPTH)");
            }
            try {
                return read.get();
            } finally {
                depth--;
            }
        }

        private Expr primaryAtDepth() {
            Token t = peek();
            if (t.kind == Token.Kind.NUMBER) {
                return t.is("1") && (tokenAt(at + 1).is("\\{") || tokenAt(at + 1).is("_")) ? indicator() : number();
            }
            if (t.kind == Token.Kind.LETTERS) {
                if (t.is("e") && tokenAt(at + 1).is("^")) {
                    at += 2;
                    return new Fn("exp", List.of(script()));
                }
                if (t.is("e") && !tokenAt(at + 1).is("_")) {
                    at++;
                    return new Num(Math.E, "e");
                }
                return symbol();
            }
            if (t.is("(") || t.is("[") || t.is("{")) {
                at++;
                Expr e = expr();
                expect(t.is("(") ? ")" : t.is("[") ? "]" : "}", "to close the " + t.text + " at column " + (t.pos + 1));
                return e;
            }
            if (t.is("\\frac")) {
                return fraction();
            }
            if (t.is("\\sum")) {
                return series();
            }
            if (t.is("\\pi")) {
                at++;
                return new Num(Math.PI, "\\pi");
            }
            if (t.is("\\sigma") && tokenAt(at + 1).is("(")) {
                at++;
                return new Fn("sigma", List.of(argument()));
            }
            if (GREEK.contains(t.text)) {
                return symbol();
            }
            if (FUNCTIONS.contains(t.text)) {
                return function();
            }
            throw error(source, t, t.kind == Token.Kind.COMMAND ? t.text + " is not supported"
                    : "expected a number, a symbol, ( or a command such as \\frac");
        }

        private Expr number() {
            Token t = next();
            double v;
            try {
                v = Double.parseDouble(t.text);
            } catch (NumberFormatException e) {
                throw error(source, t, "expected a decimal number such as 0.5");
            }
            if (Double.isInfinite(v)) {
                throw error(source, t, "a number of " + t.text.length() + " digits is beyond a double's range; "
                        + "expected at most " + Double.MAX_VALUE);
            }
            return new Num(v, t.text);
        }

        // base (letters or a Greek command), then _sub and ^{(label)} in either order
        private Expr symbol() {
            Token base = next();
            String sub = "";
            String label = "";
            while (true) {
                if (peek().is("_") && sub.isEmpty()) {
                    at++;
                    sub = raw("_");
                } else if (peek().is("^") && label.isEmpty() && tokenAt(at + 1).is("{") && tokenAt(at + 2).is("(")) {
                    at += 3;
                    int from = peek().pos;
                    skipTo(")");
                    label = text(from, peek().pos).replaceAll("\\s+", "");
                    at++;
                    expect("}", "to close the label ^{(...)}");
                } else {
                    return new Sym(base.text, sub, label);
                }
            }
        }

        // a subscript's text: {41} -> 41, 4 -> 4, {y^{(i)}} -> y^{(i)}
        private String raw(String after) {
            Token t = peek();
            if (accept("{")) {
                int from = peek().pos;
                skipTo("}");
                String text = text(from, peek().pos).replaceAll("\\s+", "");
                at++;
                if (text.isEmpty()) {
                    throw error(source, t, "expected a subscript inside {}");
                }
                return text;
            }
            if (t.kind == Token.Kind.NUMBER || t.kind == Token.Kind.LETTERS) {
                single(() -> null);
                return next().text;
            }
            throw error(source, t, "expected {...} or a single character after " + after);
        }

        // moves to the token `close` that matches the current depth
        private void skipTo(String close) {
            int depth = 0;
            while (true) {
                Token t = peek();
                if (t.kind == Token.Kind.END) {
                    throw error(source, t, "expected " + close);
                }
                if (depth == 0 && t.is(close)) {
                    return;
                }
                if (t.is("{") || t.is("(")) {
                    depth++;
                } else if (t.is("}") || t.is(")")) {
                    depth--;
                }
                at++;
            }
        }

        // \frac{num}{den}, or \frac{\partial A}{\partial B}
        private Expr fraction() {
            at++;
            expect("{", "after \\frac");
            if (accept("\\partial")) {
                Expr of = expr();
                expect("}", "to close the numerator of \\frac{\\partial ...}");
                expect("{", "to open the denominator of \\frac{\\partial ...}{\\partial ...}");
                Token wrtAt = peek();
                expect("\\partial", "in the denominator of \\frac{\\partial ...}{...}");
                Expr wrt = expr();
                if (!(wrt instanceof Sym s)) {
                    throw error(source, wrtAt, "expected one symbol after \\partial in the denominator, e.g. "
                            + "\\partial w_{41}");
                }
                expect("}", "to close the denominator of \\frac{\\partial ...}{\\partial ...}");
                return new Partial(of, s);
            }
            Expr num = expr();
            expect("}", "to close the numerator of \\frac");
            expect("{", "to open the denominator of \\frac{...}{...}");
            Expr den = expr();
            expect("}", "to close the denominator of \\frac");
            return new Div(num, den);
        }

        // \sum_{i=1}^{n} body, \sum_i body; the body is the product that follows
        private Expr series() {
            Token sum = next();
            expect("_", "after \\sum (e.g. \\sum_{i=1}^{3} or \\sum_i)");
            boolean braced = accept("{");
            Token index = peek();
            if (index.kind != Token.Kind.LETTERS) {
                throw error(source, index, "expected an index letter after \\sum_");
            }
            if (!braced) {
                single(() -> null);
            }
            index = next();
            if (index.text.length() != 1) {
                throw error(source, index, "expected a one-letter index after \\sum_");
            }
            Expr from = null;
            Expr to = null;
            if (braced) {
                if (accept("=")) {
                    from = expr();
                }
                expect("}", "to close \\sum_{...}");
            }
            if (from != null) {
                expect("^", "after \\sum_{" + index.text + "=...}: the upper bound ^{n}");
                to = script();
            } else if (peek().is("^")) {
                throw error(source, peek(), "expected \\sum_{" + index.text + "=from}^{to} for an upper bound");
            }
            if (!startsFactor(peek()) && !peek().is("-")) {
                throw error(source, peek(), "expected the body of the \\sum at column " + (sum.pos + 1));
            }
            Expr body = accept("-") ? new Neg(term()) : term();
            return new Series(index.text, from, to, body);
        }

        // 1\{k=y\} or 1_{k=y}
        private Expr indicator() {
            at++;
            boolean braces = accept("\\{");
            if (!braces) {
                expect("_", "after 1 of an indicator");
                expect("{", "after 1_ of an indicator 1_{k=y}");
            }
            Expr left = expr();
            expect("=", "in the indicator 1\\{k=y\\}");
            Expr right = expr();
            expect(braces ? "\\}" : "}", "to close the indicator");
            return new Indicator(left, right);
        }

        // \exp x, \ln(x), \log{x}, \sqrt{x}, \max(a, b), \log \sum ...
        private Expr function() {
            Token f = next();
            if (f.is("\\max")) {
                Token open = peek();
                expect("(", "after \\max: \\max(a, b)");
                List<Expr> args = new ArrayList<>(List.of(expr()));
                while (accept(",")) {
                    args.add(expr());
                }
                expect(")", "to close \\max( at column " + (open.pos + 1));
                if (args.size() < 2) {
                    throw error(source, open, "expected two or more arguments: \\max(a, b)");
                }
                return new Fn("max", args);
            }
            if (f.is("\\sqrt")) {
                if (peek().is("[")) {
                    throw error(source, peek(), "\\sqrt[n] is not supported; expected \\sqrt{x}");
                }
                expect("{", "after \\sqrt");
                Expr x = expr();
                expect("}", "to close \\sqrt{");
                return new Fn("sqrt", List.of(x));
            }
            if (peek().is("^") || peek().is("_")) {
                throw error(source, peek(), f.text + "^n and " + f.text + "_b are not supported; expected "
                        + f.text + "(x)");
            }
            return new Fn(f.is("\\exp") ? "exp" : "ln", List.of(argument()));
        }

        private Expr argument() {
            Token t = peek();
            if (t.is("(") || t.is("{") || t.is("[")) {
                return primary();
            }
            if (t.is("\\sum")) {
                return series();
            }
            if (!startsFactor(t)) {
                throw error(source, t, "expected the argument of the function");
            }
            return postfix();
        }

        private Token peek() {
            return tokenAt(at);
        }

        private Token tokenAt(int i) {
            return i < tokens.size() ? tokens.get(i) : end;
        }

        private Token next() {
            Token t = peek();
            at++;
            return t;
        }

        private boolean accept(String text) {
            if (peek().is(text)) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(String text, String why) {
            if (!accept(text)) {
                throw error(source, peek(), "expected " + text + " " + why);
            }
        }

        private String text(int from, int to) {
            return source.substring(from, to).replaceAll("^[\\s&]+|[\\s&]+$", "").replaceAll("\\\\\\\\$", "").strip();
        }
    }
}
