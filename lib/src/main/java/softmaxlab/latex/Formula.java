package softmaxlab.latex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import softmaxlab.latex.Expr.Add;
import softmaxlab.latex.Expr.Div;
import softmaxlab.latex.Expr.Fn;
import softmaxlab.latex.Expr.Indicator;
import softmaxlab.latex.Expr.MatrixOp;
import softmaxlab.latex.Expr.Mul;
import softmaxlab.latex.Expr.Neg;
import softmaxlab.latex.Expr.Num;
import softmaxlab.latex.Expr.Partial;
import softmaxlab.latex.Expr.Pow;
import softmaxlab.latex.Expr.Series;
import softmaxlab.latex.Expr.Sym;
import softmaxlab.latex.Expr.Transpose;
import softmaxlab.math.Require;

/**
 * A formula as a document prints it, read from its LaTeX: one side ({@code (1-a_4) \times o_1}), an assignment
 * ({@code z_4 = w_{41}o_1+w_{42}o_2+w_{43}o_3}) or a chain of equalities
 * ({@code \frac{\partial Loss}{\partial w_{41}} = -\frac{1}{a_4} \times a_4(1-a_4) \times o_1 = (1-a_4) \times o_1}).
 *
 * <p>What it reads, with an example of each, is the table in {@code docs/notation.md}. Anything else, and anything
 * that reads two ways, is an IllegalArgumentException that names the token, its line and column, says why in one line
 * and shows the formula with a caret under the token: nothing that carries meaning is dropped.
 *
 * <p>Conventions: a run of letters is one symbol ({@code Loss}; write {@code a b} or {@code a \cdot b} for a product
 * of one-letter symbols); {@code e^{x}} is the exponential and {@code e} alone Euler's number; {@code \log} is the
 * natural logarithm, as in the documents; {@code x^{(i)}} is a label (sample i), {@code ^\top} a transpose
 * ({@code ^T} too, where T is not a symbol), any other superscript a power; a function without parentheses applies to
 * the next factor ({@code \ln a_i}) or to a following {@code \sum}; a {@code \sum} runs over the product that follows
 * it; {@code \delta_{ij}} is the Kronecker delta; inside {@code \frac}, parts that both start with d are Leibniz's
 * derivative ({@code \frac{dL}{dz}}); {@code \left}, {@code \right}, {@code &}, spacing and layout environments
 * ({@code aligned}) are ignored, {@code \\} followed by {@code =} continues a chain, and words in {@code \text{...}}
 * at the end of a line are a note.
 */
public final class Formula {

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
        return read(latex, null);
    }

    /**
     * Reads one formula where {@code isSymbol} tells which names are symbols (a graph's nodes): where a reading
     * depends on it ({@code x^T}: a transpose unless T is a symbol) it decides; {@link #read(String)} refuses such
     * readings instead.
     */
    public static Formula read(String latex, Predicate<String> isSymbol) {
        List<Formula> all = readAll(latex, isSymbol);
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
        return readAll(latex, null);
    }

    /** {@link #readAll(String)} where {@code isSymbol} tells which names are symbols ({@link #read(String, Predicate)}). */
    public static List<Formula> readAll(String latex, Predicate<String> isSymbol) {
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
                    formulas.add(new Reader(latex, new ArrayList<>(tokens.subList(start, i)), from, t, isSymbol)
                            .chain());
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
        return expression(latex, null);
    }

    /** {@link #expression(String)} where {@code isSymbol} tells which names are symbols. */
    public static Expr expression(String latex, Predicate<String> isSymbol) {
        Formula f = read(latex, isSymbol);
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

    /**
     * A token of the source: its kind, text and 0-based position. A NAME is an upright name, {@code \operatorname{x}},
     * {@code \text{x}} or {@code \mathrm{x}}: a function when it names one (softmax, ReLU, sigmoid), else a symbol.
     */
    record Token(Kind kind, String text, int pos, int end) {

        enum Kind { NUMBER, LETTERS, NAME, COMMAND, CHAR, END }

        boolean is(String s) {
            return kind != Kind.END && text.equals(s);
        }

        private static final Set<String> SPACING = Set.of("\\left", "\\right", "\\bigl", "\\bigr", "\\Bigl",
                "\\Bigr", "\\biggl", "\\biggr", "\\big", "\\Big", "\\bigg", "\\,", "\\;", "\\:", "\\!", "\\ ",
                "\\quad", "\\qquad", "\\displaystyle", "\\textstyle", "\\limits", "\\nolimits", "~", "&");
        // upright names: a function or a symbol, never dropped
        private static final Set<String> UPRIGHT = Set.of("\\operatorname", "\\mathrm", "\\text", "\\textrm",
                "\\mbox", "\\rm");
        // styles of one symbol: \mathbf{x} is the symbol x
        private static final Set<String> STYLES = Set.of("\\mathbf", "\\mathit", "\\boldsymbol", "\\bm",
                "\\mathcal", "\\vec", "\\mathsf", "\\mathbb");
        // accents make a new name: \hat{y} is not y
        private static final Set<String> ACCENTS = Set.of("\\hat", "\\widehat", "\\tilde", "\\widetilde", "\\bar",
                "\\overline", "\\dot", "\\ddot", "\\check", "\\breve");
        // environments that only lay a display out
        private static final Set<String> LAYOUT = Set.of("aligned", "align", "align*", "split", "gather",
                "gathered", "equation", "equation*", "multline", "multline*");
        private static final Set<String> SAME_AS_FRAC = Set.of("\\dfrac", "\\tfrac", "\\cfrac");

        /** The tokens of {@code s}, spacing and layout dropped, ending with an END token. */
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
                if (t.is("\\lVert") || t.is("\\rVert") || t.is("\\Vert")) {
                    out.add(new Token(Kind.COMMAND, "\\|", t.pos, t.end));
                    continue;
                }
                if (SAME_AS_FRAC.contains(t.text)) {
                    out.add(new Token(Kind.COMMAND, "\\frac", t.pos, t.end));
                    continue;
                }
                if (t.is("\\begin") || t.is("\\end")) {
                    int close = closingBrace(s, i, t);
                    String env = s.substring(s.indexOf('{', i) + 1, close).strip();
                    if (!LAYOUT.contains(env)) {
                        throw error(s, t, "the environment " + env + " is not read here; the layouts read are "
                                + "aligned, align, split, gather and equation");
                    }
                    i = close + 1;
                    continue;
                }
                if (UPRIGHT.contains(t.text) || STYLES.contains(t.text) || ACCENTS.contains(t.text)) {
                    int close = closingBrace(s, i, t);
                    Token named = styled(s, t, s.substring(s.indexOf('{', i) + 1, close), close + 1);
                    if (named != null) {
                        out.add(named);
                    }
                    i = close + 1;
                    continue;
                }
                out.add(t);
            }
            out.add(new Token(Kind.END, "end of formula", s.length(), s.length()));
            return out;
        }

        // \operatorname{softmax}, \mathbf{x}, \hat{y}, \mathbb{1}, \mathsf{T}: what the styled text stands for
        private static Token styled(String s, Token command, String written, int end) {
            String c = command.text;
            String inner = written.strip();
            boolean letters = !inner.isEmpty() && inner.chars().allMatch(ch -> isAsciiLetter((char) ch));
            if (ACCENTS.contains(c)) {
                // \tilde{\mathbf{y}}: the accent on the symbol y
                java.util.regex.Matcher styledInner = java.util.regex.Pattern
                        .compile("\\\\(?:mathbf|boldsymbol|bm|vec|mathrm|mathit)\\s*\\{\\s*([A-Za-z]+)\\s*\\}").matcher(inner);
                if (styledInner.matches()) {
                    inner = styledInner.group(1);
                    letters = true;
                }
                if (!letters && !GREEK.contains(inner)) {
                    throw error(s, command, c + " takes a symbol's letters, e.g. " + c + "{y}");
                }
                return new Token(Kind.LETTERS, c + "{" + inner + "}", command.pos, end);
            }
            boolean bold = c.equals("\\mathbf");
            if ((bold || c.equals("\\mathbb")) && inner.equals("1") || c.equals("\\mathbb") && inner.equals("I")) {
                return new Token(Kind.COMMAND, "\\mathbb{1}", command.pos, end);
            }
            if (bold && inner.equals("I")) {
                // an identity matrix, or (followed by \{) an indicator as some notes print it
                return new Token(Kind.COMMAND, "\\mathbf{I}", command.pos, end);
            }
            if (c.equals("\\mathsf") && inner.equals("T")) {
                return new Token(Kind.COMMAND, "\\top", command.pos, end);
            }
            if (c.equals("\\mathbb")) {
                throw error(s, command, "\\mathbb{" + inner + "} is not read in a formula; the indicator is "
                        + "\\mathbb{1}\\{k=i\\}");
            }
            if (UPRIGHT.contains(c)) {
                boolean prose = !written.equals(inner) || PROSE_WORDS.contains(inner);
                if (letters && !(prose && (c.startsWith("\\text") || c.equals("\\mbox")))) {
                    return new Token(Kind.NAME, inner, command.pos, end);
                }
                if (c.startsWith("\\text") || c.equals("\\mbox")) {
                    // words beside a formula (\quad \text{应用除法求导法则}) annotate it: read only at a line's end
                    if (!endsLine(s, end)) {
                        throw error(s, command, "words in " + c + "{...} are read only as a note at the end of a "
                                + "line; a function's name is one word, e.g. \\operatorname{softmax}");
                    }
                    return null;
                }
                throw error(s, command, c + "{" + inner + "} is not a name; expected letters, e.g. "
                        + "\\operatorname{softmax}");
            }
            if (letters) {
                return new Token(Kind.LETTERS, inner, command.pos, end);
            }
            if (inner.startsWith("\\") && inner.substring(1).chars().allMatch(ch -> isAsciiLetter((char) ch))) {
                return new Token(Kind.COMMAND, inner, command.pos, end);
            }
            throw error(s, command, c + "{" + inner + "} is not a symbol; expected letters or a Greek letter, e.g. "
                    + c + "{x}");
        }

        // words that make \text{...} a note, not a name
        private static final Set<String> PROSE_WORDS = Set.of("if", "for", "and", "or", "where", "with", "when",
                "otherwise", "else", "all", "then", "since", "by");

        // nothing but spacing until a line break \\, the end of the display or of the formula
        private static boolean endsLine(String s, int from) {
            String rest = s.substring(from).replaceAll("^(\\s|&|\\\\quad|\\\\qquad|\\\\[,;:! ])*", "");
            return rest.isEmpty() || rest.startsWith("\\\\") || rest.startsWith("\\end{");
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

    /**
     * An error about {@code text} at 0-based {@code pos} of {@code source}, in the reader's form: the text, its line
     * and column, {@code reason}, and the formula's line with a caret under the text. For errors found after reading
     * (a symbol that names no node), so that they read like the reader's own.
     */
    public static ReadError errorAt(String source, String text, int pos, String reason) {
        Require.notNull("source", source);
        Require.notNull("text", text);
        if (pos < 0 || pos > source.length()) {
            throw new IllegalArgumentException("pos = " + pos + "; expected 0 to " + source.length()
                    + ", a position in source");
        }
        return error(source, new Token(Token.Kind.LETTERS, text, pos, pos + text.length()), reason);
    }

    /** Up to three of {@code names} nearest to {@code name} in spelling (at most three edits), nearest first. */
    public static List<String> closest(String name, java.util.Collection<String> names) {
        Require.notNull("name", name);
        return Require.notNull("names", names).stream().filter(n -> distance(n, name) <= 3)
                .sorted(java.util.Comparator.comparingInt((String n) -> distance(n, name)).thenComparing(n -> n))
                .limit(3).toList();
    }

    /**
     * What the reader cannot read, said about what was written: the token, its line and column, one line of reason,
     * and the formula's line with a caret under the token.
     */
    static ReadError error(String source, Token at, String reason) {
        String what = at.kind == Token.Kind.END ? "the end of the formula" : "\"" + at.text + "\"";
        int lineStart = at.pos == 0 ? 0 : source.lastIndexOf('\n', at.pos - 1) + 1;
        int lineEnd = source.indexOf('\n', at.pos);
        String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
        int column = at.pos - lineStart;
        long lineNumber = source.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
        String where = source.indexOf('\n') < 0 ? "column " + (column + 1)
                : "line " + lineNumber + ", column " + (column + 1);
        String first = "cannot read " + what + " at " + where + ": " + reason;
        return new ReadError(first + "\n    " + line + "\n    " + " ".repeat(column) + "^", first, source, at.pos);
    }

    /**
     * An error about a place in a formula: {@link #source()} and the 0-based {@link #position()} in it, so that a
     * caller that holds the formula inside a larger text (a derivation cell) can point at the same place there.
     */
    public static final class ReadError extends IllegalArgumentException {

        private final String firstLine;
        private final String source;
        private final int position;

        ReadError(String message, String firstLine, String source, int position) {
            super(message);
            this.firstLine = firstLine;
            this.source = source;
            this.position = position;
        }

        /** The message without the formula and caret below it: {@code cannot read "\\foo" at column 5: ...}. */
        public String firstLine() {
            return firstLine;
        }

        /** The formula as read. */
        public String source() {
            return source;
        }

        /** Where in {@link #source()}, 0-based. */
        public int position() {
            return position;
        }
    }

    // ---- a + \cdots + b ------------------------------------------------------------------------------------------

    /** The terms that {@code \cdots} stands for, read from the two terms around it, never guessed. */
    static final class Dots {

        private Dots() {
        }

        /**
         * {@code first + \cdots + last} as {@code \sum_{k=p}^{q}} of one template, when the two terms are the same
         * formula except for subscripts where an integer p in {@code first} stands at the same place as an integer
         * q > p in {@code last}, the same p and q everywhere ({@code w_{41} x_1 + \cdots + w_{43} x_3}); else empty.
         */
        static Optional<Series> between(Expr first, Expr last) {
            int[] range = {-1, -1};
            String letter = freeLetter(first);
            Optional<Expr> template = template(first, last, range, letter);
            if (template.isEmpty() || range[0] < 0 || range[1] <= range[0]) {
                return Optional.empty();
            }
            return Optional.of(new Series(letter, Num.of(range[0]), Num.of(range[1]), template.get()));
        }

        // the index letter: one no subscript or label of the term uses
        private static String freeLetter(Expr e) {
            String used = e.symbols().stream().map(s -> s.base() + s.sub() + s.label()).reduce("", String::concat);
            for (String c : List.of("k", "m", "n", "r", "s", "t", "p", "q")) {
                if (!used.contains(c)) {
                    return c;
                }
            }
            return "u";
        }

        // a with the differing integers replaced by the letter, when a and b differ only there
        private static Optional<Expr> template(Expr a, Expr b, int[] range, String letter) {
            if (a instanceof Sym x && b instanceof Sym y) {
                if (!x.base().equals(y.base()) || !x.label().equals(y.label())) {
                    return Optional.empty();
                }
                return subscript(x.sub(), y.sub(), range, letter).map(sub -> new Sym(x.base(), sub, x.label()));
            }
            if (a.getClass() != b.getClass() || a.children().size() != b.children().size()) {
                return Optional.empty();
            }
            List<Expr> children = new ArrayList<>();
            for (int i = 0; i < a.children().size(); i++) {
                Optional<Expr> c = template(a.children().get(i), b.children().get(i), range, letter);
                if (c.isEmpty()) {
                    return Optional.empty();
                }
                children.add(c.get());
            }
            return rebuilt(a, b, children);
        }

        // a's node with new children, when its own data (a number, a function, a relation) equals b's
        private static Optional<Expr> rebuilt(Expr a, Expr b, List<Expr> c) {
            Expr out = null;
            if (a instanceof Num n) {
                out = n.value() == ((Num) b).value() ? n : null;
            } else if (a instanceof Neg) {
                out = new Neg(c.get(0));
            } else if (a instanceof Add) {
                out = new Add(c);
            } else if (a instanceof Mul) {
                out = new Mul(c);
            } else if (a instanceof Div) {
                out = new Div(c.get(0), c.get(1));
            } else if (a instanceof Pow) {
                out = new Pow(c.get(0), c.get(1));
            } else if (a instanceof Transpose) {
                out = new Transpose(c.get(0));
            } else if (a instanceof Fn f && f.name().equals(((Fn) b).name())) {
                out = new Fn(f.name(), c);
            } else if (a instanceof Indicator i && i.relation().equals(((Indicator) b).relation())) {
                out = new Indicator(c.get(0), i.relation(), c.get(1));
            }
            return Optional.ofNullable(out);
        }

        // "41" and "43" -> "4k", recording 1 and 3; equal subscripts stay
        private static Optional<String> subscript(String a, String b, int[] range, String letter) {
            if (a.equals(b)) {
                return Optional.of(a);
            }
            int prefix = 0;
            while (prefix < Math.min(a.length(), b.length()) && a.charAt(prefix) == b.charAt(prefix)) {
                prefix++;
            }
            int suffix = 0;
            while (suffix < Math.min(a.length(), b.length()) - prefix
                    && a.charAt(a.length() - 1 - suffix) == b.charAt(b.length() - 1 - suffix)) {
                suffix++;
            }
            String p = a.substring(prefix, a.length() - suffix);
            String q = b.substring(prefix, b.length() - suffix);
            if (!p.matches("[0-9]+") || !q.matches("[0-9]+") || p.length() > 2 || q.length() > 2) {
                return Optional.empty();
            }
            int from = Integer.parseInt(p);
            int to = Integer.parseInt(q);
            if (range[0] >= 0 && (range[0] != from || range[1] != to)) {
                return Optional.empty();
            }
            range[0] = from;
            range[1] = to;
            return Optional.of(a.substring(0, prefix) + letter + a.substring(a.length() - suffix));
        }
    }

    // ---- the reader: recursive descent, one method per level of the grammar --------------------------------------

    private static final Set<String> GREEK = Set.of("\\alpha", "\\beta", "\\gamma", "\\delta", "\\epsilon",
            "\\varepsilon", "\\zeta", "\\eta", "\\theta", "\\vartheta", "\\kappa", "\\lambda", "\\mu", "\\nu", "\\xi",
            "\\rho", "\\tau", "\\phi", "\\varphi", "\\chi", "\\psi", "\\omega", "\\ell", "\\sigma", "\\Delta",
            "\\Theta", "\\Lambda", "\\Phi", "\\Psi", "\\Omega", "\\Sigma", "\\Gamma", "\\Xi", "\\Pi", "\\Upsilon");
    // commands of one-argument functions, and the function each is
    private static final Map<String, String> FUNCTIONS = Map.of("\\exp", "exp", "\\ln", "ln", "\\log", "ln",
            "\\tanh", "tanh", "\\sinh", "sinh", "\\cosh", "cosh");
    // upright names of functions (\operatorname{softmax}, \text{ReLU}), lower-cased, and the function each is
    private static final Map<String, String> NAMED = Map.ofEntries(Map.entry("sigmoid", "sigma"),
            Map.entry("softmax", "softmax"), Map.entry("relu", "relu"), Map.entry("tanh", "tanh"),
            Map.entry("sinh", "sinh"), Map.entry("cosh", "cosh"), Map.entry("exp", "exp"), Map.entry("log", "ln"),
            Map.entry("ln", "ln"), Map.entry("diag", "diag"), Map.entry("tr", "tr"), Map.entry("trace", "tr"));
    // how to write what is often written another way
    private static final Map<String, String> SPELLING = Map.ofEntries(Map.entry("sigmoid", "\\sigma(z)"),
            Map.entry("softmax", "\\operatorname{softmax}(z)_i"), Map.entry("relu", "\\operatorname{ReLU}(z)"),
            Map.entry("tanh", "\\tanh(z)"), Map.entry("sinh", "\\sinh(z)"), Map.entry("cosh", "\\cosh(z)"),
            Map.entry("exp", "\\exp(z) or e^{z}"), Map.entry("log", "\\log(z)"), Map.entry("ln", "\\ln(z)"),
            Map.entry("max", "\\max(a, b)"), Map.entry("sqrt", "\\sqrt{z}"));
    // relations of an indicator or a sum's range, as written, and as Expr.Indicator keeps them
    private static final Map<String, String> RELATIONS = Map.ofEntries(Map.entry("=", "="),
            Map.entry("\\neq", "\\neq"), Map.entry("\\ne", "\\neq"), Map.entry("<", "<"), Map.entry(">", ">"),
            Map.entry("\\le", "\\le"), Map.entry("\\leq", "\\le"), Map.entry("\\leqslant", "\\le"),
            Map.entry("\\ge", "\\ge"), Map.entry("\\geq", "\\ge"), Map.entry("\\geqslant", "\\ge"));
    private static final Set<String> DOTS = Set.of("\\cdots", "\\ldots", "\\dots", "\\dotsb", "\\dotsc");
    private static final Set<String> TRANSPOSE = Set.of("\\top", "\\intercal", "\\mathsf{T}");

    /** The nearest supported spelling of an unknown command, or "" when none is near. */
    static String nearest(String command) {
        String word = command.replaceFirst("^\\\\", "").toLowerCase(java.util.Locale.ROOT);
        if (SPELLING.containsKey(word)) {
            return "; write " + SPELLING.get(word);
        }
        String best = null;
        // a near miss only: one edit in a short name, two in a long one
        int bestDistance = command.length() > 5 ? 3 : 2;
        for (String known : KNOWN_COMMANDS) {
            int d = distance(command, known);
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean " + best + "?";
    }

    private static final List<String> KNOWN_COMMANDS = java.util.stream.Stream.of(GREEK, FUNCTIONS.keySet(),
            RELATIONS.keySet(), DOTS, TRANSPOSE, Set.of("\\frac", "\\dfrac", "\\tfrac", "\\sum", "\\sqrt", "\\max",
                    "\\partial", "\\times", "\\cdot", "\\div", "\\pi", "\\operatorname", "\\mathrm", "\\text",
                    "\\mathbf", "\\hat", "\\tilde", "\\bar", "\\prime", "\\odot", "\\nabla"))
            .flatMap(Set::stream).filter(c -> c.startsWith("\\")).sorted().toList();

    // edit distance, for "did you mean"
    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int up = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = up;
            }
        }
        return row[b.length()];
    }

    private static final class Reader {

        private final String source;
        private final List<Token> tokens;
        private final int start;
        private final Token end;
        private final Predicate<String> isSymbol;
        private int at;
        private int depth;
        // inside \|...\|, where \| closes rather than opens
        private boolean normOpen;

        /**
         * Reads {@code tokens}, the part of {@code source} from {@code start} up to {@code end}; {@code isSymbol}
         * tells which names are symbols where that decides a reading (null: not known, so such readings are refused).
         */
        Reader(String source, List<Token> tokens, int start, Token end, Predicate<String> isSymbol) {
            this.source = source;
            this.tokens = tokens;
            this.start = start;
            this.end = end;
            this.isSymbol = isSymbol;
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
                throw error(source, peek(), unexpected(peek()));
            }
            return new Formula(text(start, end.pos), sides, latex);
        }

        // why a token cannot follow a complete side
        private String unexpected(Token t) {
            if (t.is(")") || t.is("}") || t.is("]") || t.is("\\}")) {
                return "nothing open to close";
            }
            if (t.is("'")) {
                return "a prime is read after a function's name, as in \\sigma'(z); for a symbol, name the "
                        + "derivative: \\frac{\\partial L}{\\partial z}";
            }
            if (RELATIONS.containsKey(t.text)) {
                return t.text + " is read inside an indicator 1\\{...\\} or a sum's range \\sum_{k \\neq j}";
            }
            return "expected an operator (+ - \\times \\cdot =) or the end";
        }

        // expr := [+|-] term ((+|-) term | (+|-) \cdots (+|-) term)*
        private Expr expr() {
            List<Expr> terms = new ArrayList<>();
            boolean negative = accept("-");
            if (!negative) {
                accept("+");
            }
            terms.add(sign(negative, term()));
            while (peek().is("+") || peek().is("-")) {
                negative = next().is("-");
                if (DOTS.contains(peek().text)) {
                    terms = dots(terms, negative);
                    continue;
                }
                terms.add(sign(negative, term()));
            }
            return terms.size() == 1 ? terms.get(0) : new Add(terms);
        }

        private static Expr sign(boolean negative, Expr e) {
            return negative ? new Neg(e) : e;
        }

        // a + ... + b after the term a: the terms between, from the one integer subscript in which a and b differ
        private List<Expr> dots(List<Expr> terms, boolean negative) {
            Token dots = next();
            Expr first = terms.get(terms.size() - 1);
            if (negative || !(peek().is("+"))) {
                throw error(source, dots, "expected a + " + dots.text + " + b, a sum of terms that differ in one "
                        + "integer subscript");
            }
            at++;
            Token lastAt = peek();
            Expr last = term();
            Series filled = Dots.between(first, last).orElseThrow(() -> error(source, lastAt, "the terms before "
                    + "and after " + dots.text + " are not one formula whose integer subscripts run from p to q > p; "
                    + "write the sum as \\sum_{k=1}^{n}"));
            List<Expr> out = new ArrayList<>(terms.subList(0, terms.size() - 1));
            out.add(filled);
            return out;
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
                } else if (t.is("\\odot") || t.is("\\circ")) {
                    at++;
                    Expr left = factors.size() == 1 ? factors.get(0) : new Mul(factors);
                    factors = new ArrayList<>(List.of(new MatrixOp("odot", List.of(left, signedFactor()))));
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
                throw error(source, peek(), DOTS.contains(peek().text)
                        ? peek().text + " is read between terms of a sum: a_1 + \\cdots + a_n"
                        : "expected a number, a symbol, ( or a command such as \\frac");
            }
            return postfix();
        }

        private boolean startsFactor(Token t) {
            return switch (t.kind) {
                case NUMBER, LETTERS, NAME -> true;
                case COMMAND -> !t.is("\\times") && !t.is("\\cdot") && !t.is("\\div") && !t.is("\\\\")
                        && !t.is("\\}") && !t.is("\\odot") && !t.is("\\circ") && !(t.is("\\|") && normOpen)
                        && !RELATIONS.containsKey(t.text) && !DOTS.contains(t.text);
                case CHAR -> t.is("(") || t.is("[") || t.is("{");
                case END -> false;
            };
        }

        // postfix := primary ['^' script]
        private Expr postfix() {
            Expr base = primary();
            if (peek().is("^")) {
                Token hat = next();
                if (transposed()) {
                    return new Transpose(base);
                }
                if (peek().is("\\prime") || peek().is("{") && tokenAt(at + 1).is("\\prime")) {
                    throw error(source, hat, "a prime is read after a function's name, as in \\sigma'(z); for a "
                            + "symbol, name the derivative: \\frac{\\partial L}{\\partial z}");
                }
                return new Pow(base, script());
            }
            return base;
        }

        // ^\top, ^{\top}, ^\intercal, ^{\mathsf{T}}: a transpose; ^T and ^{T}: a transpose unless T is a symbol
        private boolean transposed() {
            boolean braced = peek().is("{");
            Token t = braced ? tokenAt(at + 1) : peek();
            boolean closes = !braced || tokenAt(at + 2).is("}");
            if (!closes) {
                return false;
            }
            boolean letterT = t.kind == Token.Kind.LETTERS && (braced ? t.is("T") : t.text.startsWith("T"));
            if (!TRANSPOSE.contains(t.text) && !letterT) {
                return false;
            }
            if (letterT && (isSymbol == null || isSymbol.test("T"))) {
                throw error(source, t, "^T reads two ways: a transpose, or a power of the symbol T"
                        + (isSymbol == null ? " (not known here whether T is a symbol)" : ", which is a node")
                        + "; write ^\\top for the transpose, or e^{T \\ln x} for the power");
            }
            if (letterT && !braced) {
                single(() -> null);
            }
            at += braced ? 3 : 1;
            return true;
        }

        // a run of letters that is not a symbol where each of its letters is (known only with a graph)
        private boolean lettersAreSymbols(Token t) {
            if (isSymbol == null || t.text.length() < 2 || isSymbol.test(t.text)) {
                return false;
            }
            // the last letter may carry the subscript: XW_1 is X W_1
            String letters = tokenAt(at + 1).is("_") ? t.text.substring(0, t.text.length() - 1) : t.text;
            return letters.chars().allMatch(c -> isSymbol.test(String.valueOf((char) c)));
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
            if (t.text.length() > 1 && !t.text.startsWith("\\")) {
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
            if (t.is("\\mathbb{1}")) {
                if (!indicatorFollows() && source.startsWith("\\mathbb{I}", t.pos)) {
                    throw error(source, t, "\\mathbb{I} is read as an indicator, \\mathbb{I}\\{k=i\\}; the identity "
                            + "matrix is I or \\mathbf{I}, the vector of ones \\mathbf{1}");
                }
                return indicatorFollows() ? indicator() : sized("ones");
            }
            if (t.is("\\mathbf{I}")) {
                return tokenAt(at + 1).is("\\{") ? indicator() : sized("identity");
            }
            if (t.is("\\|")) {
                return norm();
            }
            if (t.is("\\nabla")) {
                return nabla();
            }
            if (t.kind == Token.Kind.NAME) {
                if (NAMED.containsKey(t.text.toLowerCase(java.util.Locale.ROOT))) {
                    return named();
                }
                if (t.text.length() > 1 && tokenAt(at + 1).is("(")) {
                    throw error(source, t, t.text + " is not a function the reader knows (softmax, ReLU, sigmoid, "
                            + "tanh, sinh, cosh, exp, log, diag, tr)" + nearest(t.text));
                }
                return symbol();
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
                String word = t.text.toLowerCase(java.util.Locale.ROOT);
                if (t.text.length() > 1 && SPELLING.containsKey(word) && tokenAt(at + 1).is("(")) {
                    throw error(source, t, t.text + "(...) reads as the symbol " + t.text + " times (...)"
                            + nearest(word));
                }
                if (t.is("I") && isSymbol != null) {
                    // with a graph that has no node I (nor I_1 for I_1): the identity matrix
                    int mark = at;
                    Expr s = symbol();
                    if (s instanceof Sym i && i.label().isEmpty() && !isSymbol.test("I") && !isSymbol.test(i.name())) {
                        at = mark;
                        return sized("identity");
                    }
                    return s;
                }
                if (lettersAreSymbols(t)) {
                    // XW with the matrices X and W and no symbol XW: the product X W
                    return single(this::symbol);
                }
                return symbol();
            }
            if (t.is("(") || t.is("{")) {
                at++;
                // inside parentheses \| opens a norm again: \|(\|a\| + b)\|
                boolean outer = normOpen;
                normOpen = false;
                Expr e;
                try {
                    e = expr();
                } finally {
                    normOpen = outer;
                }
                expect(t.is("(") ? ")" : "}", "to close the " + t.text + " at column " + (t.pos + 1));
                return t.is("(") && peek().is("_") ? entry(e) : e;
            }
            if (t.is("[")) {
                return bracket();
            }
            if (t.is("\\frac")) {
                return fraction();
            }
            if (t.is("\\partial")) {
                return inlinePartial();
            }
            if (t.is("\\sum")) {
                return series();
            }
            if (t.is("\\pi")) {
                at++;
                return new Num(Math.PI, "\\pi");
            }
            if (t.is("\\sigma") && (tokenAt(at + 1).is("(") || tokenAt(at + 1).is("'"))) {
                at++;
                return applied("sigma", t);
            }
            if (t.is("\\delta") && tokenAt(at + 1).is("_")) {
                return kronecker();
            }
            if (GREEK.contains(t.text)) {
                return symbol();
            }
            if (FUNCTIONS.containsKey(t.text) || t.is("\\sqrt") || t.is("\\max")) {
                return function();
            }
            throw error(source, t, t.kind == Token.Kind.COMMAND ? t.text + " is not read" + nearest(t.text)
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
                    if (peek().is("'")) {
                        throw error(source, peek(), "a prime is read after a function's name, as in \\sigma'(z); "
                                + "for a symbol, name the derivative: \\frac{\\partial L}{\\partial z}");
                    }
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

        // \frac{num}{den}, \frac12; \frac{\partial A}{\partial B} and Leibniz's \frac{dA}{dB}, also of second order
        // and as an operator \frac{d}{dB} A
        private Expr fraction() {
            Token frac = next();
            if (peek().is("{") && (tokenAt(at + 1).is("\\partial") || leibniz())) {
                return derivative(frac);
            }
            Expr num = fractionPart("numerator");
            Expr den = fractionPart("denominator");
            return new Div(num, den);
        }

        // {expr} or one digit or letter, as in \frac12
        private Expr fractionPart(String which) {
            if (accept("{")) {
                Expr e = expr();
                expect("}", "to close the " + which + " of \\frac");
                return e;
            }
            Token t = peek();
            if (t.kind == Token.Kind.NUMBER || t.kind == Token.Kind.LETTERS) {
                return single(t.kind == Token.Kind.NUMBER ? this::oneDigit : this::symbol);
            }
            throw error(source, t, "expected {...} or one digit or letter for the " + which + " of \\frac");
        }

        // one digit of \frac12 (a number token 12 is the digits 1 and 2 here)
        private Expr oneDigit() {
            Token t = next();
            return new Num(Double.parseDouble(t.text), t.text);
        }

        // at the { of \frac{dA}{dB}: both parts start with a d that is not a symbol d_1
        private boolean leibniz() {
            Token d = tokenAt(at + 1);
            if (!leibnizD(d) || d.text.equals("d") && tokenAt(at + 2).is("_")) {
                return false;
            }
            int close = at;
            int open = 0;
            do {
                Token t = tokenAt(close++);
                open += t.is("{") ? 1 : t.is("}") ? -1 : 0;
                if (t.kind == Token.Kind.END) {
                    return false;
                }
            } while (open > 0);
            return tokenAt(close).is("{") && leibnizD(tokenAt(close + 1));
        }

        // d as Leibniz writes it: the letter d (or \mathrm{d}) starting the part of a \frac
        private boolean leibnizD(Token t) {
            return (t.kind == Token.Kind.LETTERS || t.kind == Token.Kind.NAME) && t.text.startsWith("d");
        }

        private Expr derivative(Token frac) {
            at++;
            Token d = peek();
            boolean partial = d.is("\\partial");
            if (!partial && !(leibnizD(d))) {
                throw error(source, d, "expected \\partial or d");
            }
            readD(partial);
            int order = 1;
            if (accept("^")) {
                Token n = peek();
                Expr e = script();
                if (!(e instanceof Num k) || k.value() != 2) {
                    throw error(source, n, "derivatives of order 1 and 2 are read; expected ^2");
                }
                order = 2;
            }
            Expr of = null;
            if (!accept("}")) {
                of = expr();
                expect("}", "to close the numerator of \\frac{" + d.text + " ...}");
            }
            expect("{", "to open the denominator of \\frac{" + d.text + " ...}{" + d.text + " ...}");
            List<Sym> wrt = new ArrayList<>();
            while (!accept("}")) {
                Token dAt = peek();
                if (partial ? !dAt.is("\\partial") : !leibnizD(dAt)) {
                    throw error(source, dAt, "expected " + (partial ? "\\partial" : "d")
                            + " before each variable of the denominator, e.g. \\frac{" + (partial ? "\\partial"
                            : "d") + " L}{" + (partial ? "\\partial" : "d") + " z}");
                }
                readD(partial);
                boolean braced = accept("{");
                Token wrtAt = peek();
                if (!(wrtAt.kind == Token.Kind.LETTERS || wrtAt.kind == Token.Kind.NAME
                        || GREEK.contains(wrtAt.text))) {
                    throw error(source, wrtAt, "expected one symbol after " + d.text + " in the denominator, e.g. "
                            + d.text + " w_{41}");
                }
                Sym s = (Sym) symbol();
                if (braced) {
                    expect("}", "to close the variable {" + s.toLatex() + "}");
                }
                if (accept("^")) {
                    Token n = peek();
                    if (!(script() instanceof Num k) || k.value() != 2) {
                        throw error(source, n, "expected ^2 for a second derivative");
                    }
                    wrt.add(s);
                }
                wrt.add(s);
            }
            if (wrt.size() != order) {
                throw error(source, frac, "the numerator has order " + order + " and the denominator "
                        + wrt.size() + " variables; expected as many, e.g. \\frac{\\partial^2 L}{\\partial z^2}");
            }
            if (of == null) {
                // the operator d/dz applied to the factor that follows
                of = postfix();
            }
            Expr result = of;
            for (int k = wrt.size() - 1; k >= 0; k--) {
                result = new Partial(result, wrt.get(k));
            }
            return result;
        }

        // moves past the \partial or the d; a d glued to the next letters (dL) is split from them
        private void readD(boolean partial) {
            if (partial) {
                at++;
                return;
            }
            Token t = peek();
            if (t.text.length() > 1) {
                single(() -> null);
            }
            at++;
        }

        // \partial L / \partial z, as written inline
        private Expr inlinePartial() {
            Token d = next();
            Token ofAt = peek();
            if (!(ofAt.kind == Token.Kind.LETTERS || ofAt.kind == Token.Kind.NAME || GREEK.contains(ofAt.text))) {
                throw error(source, ofAt, "expected a symbol after \\partial, as in \\partial L/\\partial z");
            }
            Expr of = symbol();
            expect("/", "after \\partial " + of.toLatex() + ": \\partial " + of.toLatex() + "/\\partial z");
            expect("\\partial", "after / of \\partial " + of.toLatex() + "/...");
            Token wrtAt = peek();
            if (!(wrtAt.kind == Token.Kind.LETTERS || wrtAt.kind == Token.Kind.NAME
                    || GREEK.contains(wrtAt.text))) {
                throw error(source, wrtAt, "expected a symbol after the second \\partial at column "
                        + (d.pos + 1));
            }
            return new Partial(of, (Sym) symbol());
        }

        // \sum_{i=1}^{n} body, \sum_i body, \sum_{k \neq j} body, \sum_{k=1, k \neq j}^{n} body; the body is the
        // product that follows
        private Expr series() {
            Token sum = next();
            expect("_", "after \\sum (e.g. \\sum_{i=1}^{3} or \\sum_i)");
            boolean braced = accept("{");
            if (braced && peek().kind != Token.Kind.LETTERS) {
                // \sum_{1 \le k \le n}
                Series range = rangeSum(sum);
                if (range != null) {
                    return range;
                }
            }
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
            Expr except = null;
            if (braced) {
                if (accept("=")) {
                    from = expr();
                    if (accept(",")) {
                        Token again = peek();
                        if (!again.is(index.text)) {
                            throw error(source, again, "expected " + index.text + " \\neq ... after the comma");
                        }
                        at++;
                    }
                }
                if (peek().is("\\neq") || peek().is("\\ne")) {
                    at++;
                    except = expr();
                } else if (RELATIONS.containsKey(peek().text) && !peek().is("=")) {
                    throw error(source, peek(), "a sum's range reads =, \\neq: \\sum_{k=1}^{n} or \\sum_{k \\neq j}");
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
            return new Series(index.text, from, to, except, body);
        }

        // after 1 or \mathbf{1}: \{ or a subscript holding a relation makes an indicator
        private boolean indicatorFollows() {
            if (tokenAt(at + 1).is("\\{")) {
                return true;
            }
            if (!tokenAt(at + 1).is("_") || !tokenAt(at + 2).is("{")) {
                return false;
            }
            for (int i = at + 3; tokenAt(i).kind != Token.Kind.END && !tokenAt(i).is("}"); i++) {
                if (RELATIONS.containsKey(tokenAt(i).text)) {
                    return true;
                }
            }
            return false;
        }


        // (X^\top G)_{1j}, (W x)_i: an entry of a vector or matrix; indices are digits or letters bound by the claim
        private Expr entry(Expr of) {
            Token script = next();
            String text = raw("_");
            List<String> parts = text.contains(",") ? List.of(text.split(",", -1))
                    : text.chars().mapToObj(c -> String.valueOf((char) c)).toList();
            if (parts.isEmpty() || parts.size() > 2 || !parts.stream().allMatch(x -> x.matches("[0-9]|[a-z]"))) {
                throw error(source, script, "an entry (...)_{ij} takes one or two indices, each a digit or a "
                        + "letter, e.g. (X^\\top G)_{1j}; this is _{" + text + "}");
            }
            List<Expr> args = new ArrayList<>(List.of(of));
            parts.forEach(x -> args.add(Character.isDigit(x.charAt(0)) ? Num.of(Integer.parseInt(x))
                    : new Sym(x, "", "")));
            return new MatrixOp("entry", args);
        }

        // \mathbf{1} (ones) and I (identity), their size from their neighbours; \mathbf{1}_N, I_n of size N, n
        private Expr sized(String op) {
            at++;
            return new MatrixOp(op, accept("_") ? List.of(script()) : List.of());
        }

        // \|x\|, \|W\|_F, \|x\|_2
        private Expr norm() {
            Token open = next();
            boolean outer = normOpen;
            normOpen = true;
            Expr x;
            try {
                x = expr();
            } finally {
                normOpen = outer;
            }
            expect("\\|", "to close the norm \\| at column " + (open.pos + 1));
            if (accept("_")) {
                Token which = peek();
                String sub = raw("_");
                if (!sub.equals("F") && !sub.equals("2")) {
                    throw error(source, which, "the norms read are \\|x\\|, \\|x\\|_2 and \\|W\\|_F (all the square "
                            + "root of the sum of squared entries); expected _2 or _F");
                }
            }
            return new MatrixOp("norm", List.of(x));
        }

        // \nabla_W L: the gradient of L with respect to W, as \frac{\partial L}{\partial W}
        private Expr nabla() {
            Token nabla = next();
            expect("_", "after \\nabla: \\nabla_W L");
            boolean braced = accept("{");
            Token wrtAt = peek();
            if (!(wrtAt.kind == Token.Kind.LETTERS || wrtAt.kind == Token.Kind.NAME || GREEK.contains(wrtAt.text))) {
                throw error(source, wrtAt, "expected the variable after \\nabla_, as in \\nabla_W L");
            }
            if (!braced) {
                single(() -> null);
            }
            Sym wrt = (Sym) symbol();
            if (braced) {
                expect("}", "to close \\nabla_{...}");
            }
            if (!startsFactor(peek())) {
                throw error(source, peek(), "expected what " + nabla.text + "_" + wrt.toLatex() + " applies to");
            }
            return new Partial(postfix(), wrt);
        }

        // \sum_{1 \le k \le n} body (also with <): the range written as two relations; null when it is not one
        private Series rangeSum(Token sum) {
            int saved = at;
            Token fromAt = peek();
            Expr from;
            try {
                from = expr();
            } catch (IllegalArgumentException notARange) {
                at = saved;
                return null;
            }
            Token r1 = peek();
            if (!r1.is("\\le") && !r1.is("\\leq") && !r1.is("<")) {
                throw error(source, fromAt, "a sum's range reads \\sum_{k=1}^{n}, \\sum_{k \\neq j} or "
                        + "\\sum_{1 \\le k \\le n}");
            }
            at++;
            Token index = next();
            if (index.kind != Token.Kind.LETTERS || index.text.length() != 1) {
                throw error(source, index, "expected a one-letter index in \\sum_{1 \\le k \\le n}");
            }
            Token r2 = peek();
            if (!r2.is("\\le") && !r2.is("\\leq") && !r2.is("<")) {
                throw error(source, r2, "expected \\le n after the index in \\sum_{1 \\le k \\le n}");
            }
            at++;
            Expr to = expr();
            expect("}", "to close \\sum_{...}");
            // k > a and k < b are k >= a + 1 and k <= b - 1
            Expr lo = r1.is("<") ? new Add(List.of(from, Expr.ONE)) : from;
            Expr hi = r2.is("<") ? new Add(List.of(to, new Neg(Expr.ONE))) : to;
            if (!startsFactor(peek()) && !peek().is("-")) {
                throw error(source, peek(), "expected the body of the \\sum at column " + (sum.pos + 1));
            }
            Expr body = accept("-") ? new Neg(term()) : term();
            return new Series(index.text, lo, hi, body);
        }

        // 1\{k=y\}, 1_{k=y}, \mathbb{1}\{u > 0\}: the relation's two sides
        private Expr indicator() {
            at++;
            boolean braces = accept("\\{");
            if (!braces) {
                expect("_", "after 1 of an indicator");
                expect("{", "after 1_ of an indicator 1_{k=y}");
            }
            Expr result = relation("the indicator 1\\{k=y\\}");
            expect(braces ? "\\}" : "}", "to close the indicator");
            return result;
        }

        // left relation right, inside an indicator
        private Indicator relation(String where) {
            Expr left = expr();
            Token r = peek();
            if (!RELATIONS.containsKey(r.text)) {
                throw error(source, r, "expected a relation (= \\neq < > \\le \\ge) in " + where);
            }
            at++;
            return new Indicator(left, RELATIONS.get(r.text), expr());
        }

        // [x] groups; Iverson's [k = i] is an indicator; [a, b] puts columns side by side
        private Expr bracket() {
            Token open = next();
            Expr e = expr();
            if (RELATIONS.containsKey(peek().text)) {
                Token r = next();
                e = new Indicator(e, RELATIONS.get(r.text), expr());
            } else if (peek().is(",")) {
                // [w^{(1)}, w^{(2)}, w^{(3)}]: columns side by side
                List<Expr> columns = new ArrayList<>(List.of(e));
                while (accept(",")) {
                    columns.add(expr());
                }
                e = new MatrixOp("columns", columns);
            }
            expect("]", "to close the [ at column " + (open.pos + 1));
            return e;
        }

        // \delta_{ij}: the Kronecker delta, 1 when i = j; \delta with another subscript is a symbol
        private Expr kronecker() {
            Sym s = (Sym) symbol();
            String sub = s.sub().replace(",", "");
            if (sub.length() != 2 || !s.label().isEmpty()) {
                return s;
            }
            return new Indicator(index(sub.substring(0, 1)), "=", index(sub.substring(1)));
        }

        private static Expr index(String c) {
            return Character.isDigit(c.charAt(0)) ? Num.of(Integer.parseInt(c)) : new Sym(c, "", "");
        }

        // \exp x, \ln(x), \log{x}, \log_2 x, \tanh x, \sqrt{x}, \max(a, b), \log \sum ...
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
                // \max(\mathrm{s}): the largest entry of a vector (of a number, the number)
                return args.size() == 1 ? new MatrixOp("max", args) : new Fn("max", args);
            }
            if (f.is("\\sqrt")) {
                if (peek().is("[")) {
                    throw error(source, peek(), "\\sqrt[n] is not read; expected \\sqrt{x}");
                }
                expect("{", "after \\sqrt");
                Expr x = expr();
                expect("}", "to close \\sqrt{");
                return new Fn("sqrt", List.of(x));
            }
            if (f.is("\\log") && accept("_")) {
                // log_b x = ln x / ln b
                Expr base = script();
                return new Div(new Fn("ln", List.of(argument())), new Fn("ln", List.of(base)));
            }
            if (peek().is("^") || peek().is("_")) {
                throw error(source, peek(), f.text + "^n and " + f.text + "_b are not read; expected "
                        + f.text + "(x), or (" + f.text + " x)^n for a power");
            }
            return applied(FUNCTIONS.get(f.text), f);
        }

        // \operatorname{softmax}(z)_i, \text{ReLU}(u), \mathrm{sigmoid}(x), \operatorname{tanh}'(x)
        private Expr named() {
            Token f = next();
            String fn = NAMED.get(f.text.toLowerCase(java.util.Locale.ROOT));
            if (fn.equals("softmax")) {
                return softmax(f);
            }
            if (fn.equals("diag") || fn.equals("tr")) {
                return new MatrixOp(fn, List.of(argument()));
            }
            if (fn.equals("relu")) {
                if (accept("'")) {
                    return new Indicator(argument(), ">", Expr.ZERO);
                }
                return new Fn("max", List.of(Expr.ZERO, argument()));
            }
            return applied(fn, f);
        }

        // f(x) or f'(x) for a one-argument function
        private Expr applied(String fn, Token f) {
            if (accept("'")) {
                if (peek().is("'")) {
                    throw error(source, peek(), "f'' is not read; write the second derivative as "
                            + "\\frac{d^2}{dz^2} f(z)");
                }
                return Fn.prime(fn, argument());
            }
            return new Fn(fn, List.of(argument()));
        }

        // softmax(z)_i = e^{z_i} / sum_k e^{z_k}, over the k for which z_k is a symbol
        private Expr softmax(Token f) {
            Token open = peek();
            expect("(", "after " + f.text + ": \\operatorname{softmax}(z)_i");
            Token argAt = peek();
            Expr arg = expr();
            expect(")", "to close " + f.text + "( at column " + (open.pos + 1));
            if (!peek().is("_")) {
                // the vector (or each row of a matrix), for formulas with shapes
                return new MatrixOp("softmax", List.of(arg));
            }
            if (!(arg instanceof Sym z) || !z.sub().isEmpty()) {
                throw error(source, argAt, "an entry softmax(...)_i reads a vector's name, as in "
                        + "\\operatorname{softmax}(z)_i");
            }
            at++;
            String i = raw("_");
            String k = i.equals("k") ? "m" : "k";
            Expr numerator = new Fn("exp", List.of(new Sym(z.base(), i, z.label())));
            Expr denominator = new Series(k, null, null, new Fn("exp", List.of(new Sym(z.base(), k, z.label()))));
            return new Div(numerator, denominator);
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
