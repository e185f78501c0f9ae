package softmaxlab.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import softmaxlab.graph.Graph;
import softmaxlab.latex.Formula;
import softmaxlab.math.Require;

/**
 * A derivation written as a paper writes it, one entry per line: the point, the forward pass, the claims, and a few
 * options (docs/derivation-cells.md). The body of a {@code %%derivation name} cell, or the text of one Java call
 * where a kernel has no magics:
 * <pre>
 *   DerivationCell binary = DerivationCell.check("binary", """
 *       point: h_1 = 1, h_2 = 2, t_1 = 1, t_2 = 0, w_{11} = 0.1, w_{12} = 0.4, w_{21} = -0.2, w_{22} = 0.3
 *       forward: y_1 = w_{11}h_1+w_{21}h_2
 *                y_2 = w_{12}h_1+w_{22}h_2
 *                o_1 = \frac{e^{y_1}}{e^{y_1}+e^{y_2}}
 *                o_2 = \frac{e^{y_2}}{e^{y_1}+e^{y_2}}
 *                L = -t_1\log{o_1}-t_2\log{o_2}
 *       fixed: t_1, t_2
 *       claim dL/dy_1: \frac{\partial L}{\partial y_1} = o_1 - t_1
 *       """);
 * </pre>
 * A line that starts with a keyword opens an entry ({@link #KEYWORDS}); an indented line continues it; {@code %}
 * starts a comment, as in LaTeX. Each claim is checked as {@link Derivation} checks it; a claim's options follow it.
 * An error names the line and column in the cell. Every checked cell is kept under its name ({@link #named}), so a
 * later cell can check claims {@code on:} its graph.
 */
public final class DerivationCell {

    /** The keywords that open an entry, in the order a cell usually lists them. */
    public static final List<String> KEYWORDS = List.of("on", "point", "forward", "reuse", "fixed", "tolerance",
            "samples", "scale", "claim", "over", "corrected", "source", "expect");
    /** Most named cells kept for {@link #named}: more than a notebook defines. */
    public static final int MAX_NAMED = 1000;

    private static final Map<String, DerivationCell> NAMED = new LinkedHashMap<>();
    private static final Pattern OVER = Pattern.compile("\\s*([A-Za-z])\\s*=\\s*(-?\\d+)\\s*\\.\\.\\s*(-?\\d+)\\s*");
    private static final Pattern BREAKS = Pattern.compile("breaks after step (\\d+)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String name;
    private final Graph graph;
    private final Derivation derivation;
    private final List<Forward> forward;
    private final List<Verdict> verdicts;
    private final Map<String, String> refusals;

    private DerivationCell(String name, Graph graph, Derivation derivation, List<Forward> forward,
                           List<Verdict> verdicts, Map<String, String> refusals) {
        this.name = name;
        this.graph = graph;
        this.derivation = derivation;
        this.forward = List.copyOf(forward);
        this.verdicts = List.copyOf(verdicts);
        this.refusals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(refusals));
    }

    /** A forward formula as written, and the index it is assigned over ({@code index} null: once). */
    private record Forward(String latex, String index, int from, int to) {

        void assignOn(Graph g) {
            if (index == null) {
                g.assign(latex);
            } else {
                g.assign(latex, index, from, to);
            }
        }

        Forward over(String letter, int first, int last) {
            return new Forward(latex, letter, first, last);
        }
    }

    /** Reads and checks {@code text}, counting its lines from 1; see {@link #check(String, String, int)}. */
    public static DerivationCell check(String name, String text) {
        return check(name, text, 1);
    }

    /**
     * Reads {@code text}, builds its graph, checks its claims and keeps the result under {@code name}.
     *
     * @param name      a Java identifier, e.g. {@code binary}: the variable a {@code %%derivation binary} cell binds
     * @param firstLine the number of the text's first line in the cell (2 below a {@code %%derivation} line)
     * @throws IllegalArgumentException naming the line and column in the cell where it cannot read an entry, or where
     *                                  a claim cannot be checked
     * @throws AssertionError           when a claim does not come out as its {@code expect:} says, or its corrected
     *                                  form does not hold
     */
    public static DerivationCell check(String name, String text, int firstLine) {
        Require.notNull("name", name);
        Require.notNull("text", text);
        List<Entry> entries = entries(text, Math.max(1, firstLine));
        return keep(name, new Builder(name).build(entries));
    }

    private static DerivationCell keep(String name, DerivationCell cell) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name = \"" + name + "\"; expected a Java identifier such as binary "
                    + "or case_one (the variable the cell defines)");
        }
        synchronized (NAMED) {
            NAMED.remove(name);
            if (NAMED.size() >= MAX_NAMED) {
                NAMED.remove(NAMED.keySet().iterator().next());
            }
            NAMED.put(name, cell);
        }
        return cell;
    }

    /**
     * Keeps {@code graph}, built in Java (e.g. on the library's own softmax and cross-entropy nodes), under
     * {@code name} with no claims, so that derivation cells can check claims {@code on:} it.
     */
    public static DerivationCell of(String name, Graph graph) {
        Require.notNull("graph", graph);
        return keep(name, new DerivationCell(name, graph, Derivation.on(graph), List.of(), List.of(), Map.of()));
    }

    /** The cell checked last under {@code name}. */
    public static DerivationCell named(String name) {
        synchronized (NAMED) {
            DerivationCell cell = NAMED.get(name);
            if (cell == null) {
                throw new IllegalArgumentException("no derivation cell named \"" + name + "\"; expected one of "
                        + NAMED.keySet() + " (run the cell that defines it first)");
            }
            return cell;
        }
    }

    /** The cell's name, e.g. {@code binary}. */
    public String name() {
        return name;
    }

    /** The chain-rule graph of the cell's point and forward pass (or the graph of the cell it is {@code on:}). */
    public Graph graph() {
        return graph;
    }

    /** The derivation the claims were checked with (its fixed leaves and tolerance), for further checks in Java. */
    public Derivation derivation() {
        return derivation;
    }

    /**
     * The forward formulas as written, one per line of {@code forward:} and one per formula a {@code reuse:} took
     * (for a cell {@code on:} another, those it adds).
     */
    public List<String> forward() {
        return forward.stream().map(Forward::latex).toList();
    }

    /** The verdicts, one per claim, in the order written. */
    public List<Verdict> verdicts() {
        return verdicts;
    }

    /** The verdict on the claim labelled {@code label}. */
    public Verdict verdict(String label) {
        return verdicts.stream().filter(v -> v.label().equals(label)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no claim labelled \"" + label + "\" in derivation cell " + name
                        + "; expected one of " + verdicts.stream().map(Verdict::label).toList()));
    }

    /**
     * Why the library refused the claim labelled {@code label}, written with {@code expect: refused} (a claim that
     * cannot be read, or has no derivative where it is checked): the refusal's message.
     */
    public String refusal(String label) {
        String message = refusals.get(label);
        if (message == null) {
            throw new IllegalArgumentException("no refused claim labelled \"" + label + "\" in derivation cell "
                    + name + "; expected one of " + refusals.keySet());
        }
        return message;
    }

    /** The refused claims (those with {@code expect: refused}): label -> the refusal's message, in the order written. */
    public Map<String, String> refusals() {
        return refusals;
    }

    /** The verdicts as a report, to join with others ({@code report.add(...)}). */
    public ClaimsReport report() {
        ClaimsReport report = new ClaimsReport();
        verdicts.forEach(report::add);
        return report;
    }

    /** One line per verdict ({@link Verdict#summary()}) and per refusal, or what the cell built when it has no claims. */
    public String summary() {
        if (verdicts.isEmpty() && refusals.isEmpty()) {
            return name + ": " + graph.leaves().size() + " leaves, " + (graph.nodes().size() - graph.leaves().size())
                    + " computed nodes, no claims";
        }
        List<String> lines = new ArrayList<>(verdicts.stream().map(Verdict::summary).toList());
        refusals.keySet().forEach(label -> lines.add(refusalSummary(label)));
        return String.join("\n", lines);
    }

    /** One line on a refused claim: its label and the first line of the refusal. */
    private String refusalSummary(String label) {
        return label + ": refused, as expected: " + refusal(label).lines().findFirst().orElse("");
    }

    @Override
    public String toString() {
        return summary();
    }

    // ---- reading ---------------------------------------------------------------------------------------------------

    /** A piece of an entry: its text, where it starts in the cell (1-based line and column), and that line. */
    private record Piece(String text, int line, int column, String source) {
    }

    /** One entry: its keyword, the label after the keyword (claims), and its pieces, one per line. */
    private record Entry(String keyword, String label, List<Piece> pieces) {

        Piece first() {
            return pieces.get(0);
        }

        /** The pieces joined by {@code glue}. */
        String text(String glue) {
            return String.join(glue, pieces.stream().map(Piece::text).toList());
        }

        /** Where offset {@code k} of {@link #text(String)} joined by a one-character glue lies in the cell. */
        Piece at(int k) {
            for (Piece p : pieces) {
                if (k <= p.text().length()) {
                    return new Piece(p.text(), p.line(), p.column() + Math.max(0, k), p.source());
                }
                k -= p.text().length() + 1;
            }
            Piece last = pieces.get(pieces.size() - 1);
            return new Piece(last.text(), last.line(), last.column() + last.text().length(), last.source());
        }
    }

    private static List<Entry> entries(String text, int firstLine) {
        List<Entry> entries = new ArrayList<>();
        // not \\R: it also breaks at a form feed, which firstEscape reports
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = firstLine + i;
            String line = withoutComment(lines[i]);
            int escape = firstEscape(line);
            if (escape >= 0) {
                char c = line.charAt(escape);
                String[] names = c == '\f' ? new String[]{"form feed", "f"} : c == '\b'
                        ? new String[]{"backspace", "b"} : new String[]{"carriage return", "r"};
                throw error(lineNo, escape + 1, lines[i].replaceAll("[\f\b\r]", " "), "a " + names[0]
                        + " where LaTeX has a backslash: a Java string read \\" + names[1] + " as an escape; "
                        + "expected each backslash doubled in Java (\\\\frac), or the %%derivation cell magic");
            }
            if (line.isBlank()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                if (entries.isEmpty()) {
                    throw error(lineNo, 1, lines[i], "an indented line continues the entry above, and there is "
                            + "none; expected a line that starts with a keyword, one of " + KEYWORDS);
                }
                int col = firstNonBlank(line);
                entries.get(entries.size() - 1).pieces().add(new Piece(line.strip(), lineNo, col + 1, lines[i]));
                continue;
            }
            int colon = line.indexOf(':');
            String head = colon < 0 ? line : line.substring(0, colon);
            String keyword = head.strip().split("\\s+", 2)[0];
            if (colon < 0 || !KEYWORDS.contains(keyword)) {
                throw error(lineNo, 1, lines[i], "\"" + (colon < 0 ? line.strip() : head.strip()) + "\" is not "
                        + "keyword: ...; expected a line that starts with one of " + KEYWORDS + " and a colon, "
                        + "e.g. \"claim dL/dy_1: \\frac{\\partial L}{\\partial y_1} = o_1 - t_1\", or an indented "
                        + "line that continues the entry above");
            }
            String label = head.strip().substring(keyword.length()).strip();
            if (!label.isEmpty() && !keyword.equals("claim")) {
                throw error(lineNo, head.indexOf(label) + 1, lines[i], keyword + ": takes no label (\"" + label
                        + "\"); expected \"" + keyword + ": ...\" (only claim has a label)");
            }
            String rest = line.substring(colon + 1);
            List<Piece> pieces = new ArrayList<>();
            if (!rest.isBlank()) {
                pieces.add(new Piece(rest.strip(), lineNo, colon + 2 + firstNonBlank(rest), lines[i]));
            }
            entries.add(new Entry(keyword, label, pieces));
        }
        for (Entry e : entries) {
            if (e.pieces().isEmpty()) {
                throw new IllegalArgumentException("derivation cell: \"" + e.keyword() + (e.label().isEmpty() ? ""
                        : " " + e.label()) + ":\" has nothing after it; expected its text on the same line or on "
                        + "indented lines below");
            }
        }
        return entries;
    }

    // % starts a LaTeX comment; \% is a percent sign
    private static String withoutComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '%' && (i == 0 || line.charAt(i - 1) != '\\')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    // a form feed, backspace or carriage return: \frac, \beta or \right in a Java string with one backslash
    private static int firstEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\f' || s.charAt(i) == '\b' || s.charAt(i) == '\r') {
                return i;
            }
        }
        return -1;
    }

    private static int firstNonBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static IllegalArgumentException error(int line, int column, String text, String message) {
        return new IllegalArgumentException("derivation cell, line " + line + ", column " + column + ": " + message
                + "\n    " + text + "\n    " + " ".repeat(Math.max(0, column - 1)) + "^");
    }

    // an error of the library about the text of `e` (pieces joined by line breaks), placed where the formula error
    // among its causes points (its formula: that text or a part of it), else at the entry's start
    private static IllegalArgumentException error(Entry e, RuntimeException cause) {
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        Piece at = e.first();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof Formula.ReadError r) {
                int base = Math.max(0, e.text("\n").indexOf(r.source()));
                at = e.at(base + r.position());
                // the cell shows its own line and caret
                message = t == cause ? r.firstLine() : message.lines().findFirst().orElse(message);
                break;
            }
        }
        IllegalArgumentException error = error(at.line(), at.column(), at.source(), message);
        error.initCause(cause);
        return error;
    }

    private static Entry only(Entry e, Piece p) {
        return new Entry(e.keyword(), e.label(), List.of(p));
    }

    /** Builds the graph and checks the claims, entry by entry. */
    private static final class Builder {

        private final String name;
        private Graph graph;
        private Graph fromPoint;
        private Derivation derivation;
        private final List<Forward> forward = new ArrayList<>();
        private final List<Verdict> verdicts = new ArrayList<>();
        private final Map<String, String> refusals = new LinkedHashMap<>();
        /** A forward: or reuse: entry, assigned when the next entry shows whether an over: gives its index. */
        private Entry pending;
        private Entry fixed;
        private double tolerance = Claim.DEFAULT_TOLERANCE;
        private int samples = Derivation.DEFAULT_SAMPLES;
        private double scale = Derivation.DEFAULT_SCALE;
        private Claimed claim;

        Builder(String name) {
            this.name = name;
        }

        /** A claim and its options, checked when the next claim starts or the cell ends. */
        private static final class Claimed {
            Entry entry;
            Entry over;
            Entry corrected;
            Verdict.Source source = Verdict.Source.PRINTED;
            Entry expect;
        }

        DerivationCell build(List<Entry> entries) {
            for (Entry e : entries) {
                if (pending != null) {
                    Entry above = pending;
                    pending = null;
                    if (e.keyword().equals("over")) {
                        assignForward(above, e);
                        continue;
                    }
                    assignForward(above, null);
                }
                switch (e.keyword()) {
                    case "on" -> {
                        requireBeforeClaims(e);
                        if (fromPoint != null || graph != null) {
                            throw at(e, "on: takes the graph of another cell; expected it once, above any point: "
                                    + "or forward: (which then add to that graph)");
                        }
                        graph = named(e.text(" ")).graph();
                    }
                    case "point" -> {  // after on: it adds leaves to that graph
                        requireBeforeClaims(e);
                        if (fromPoint == null && graph == null) {
                            fromPoint = new Graph();
                        }
                        for (Piece p : e.pieces()) {
                            try {
                                building().leaves(p.text());
                            } catch (IllegalArgumentException | IllegalStateException x) {
                                throw error(only(e, p), x);
                            }
                        }
                    }
                    case "forward", "reuse" -> {
                        requireBeforeClaims(e);
                        if (fromPoint == null && graph == null) {
                            throw at(e, e.keyword() + ": without a point; expected \"point: h_1 = 1, ...\" or "
                                    + "\"on: ...\" above it");
                        }
                        pending = e;
                    }
                    case "fixed" -> {
                        requireBeforeClaims(e);
                        fixed = e;
                    }
                    case "tolerance" -> {
                        requireBeforeClaims(e);
                        tolerance = number(e, "1e-6");
                    }
                    case "scale" -> {
                        requireBeforeClaims(e);
                        double read = number(e, "0.5");
                        try {
                            scale = Require.scale("scale", read);
                        } catch (IllegalArgumentException x) {
                            throw error(e, x);
                        }
                    }
                    case "samples" -> {
                        requireBeforeClaims(e);
                        samples = count(e);
                    }
                    case "claim" -> {
                        finishClaim();
                        claim = new Claimed();
                        claim.entry = e;
                    }
                    default -> option(e);
                }
            }
            if (pending != null) {
                assignForward(pending, null);
            }
            finishClaim();
            if (derivation == null) {
                derivation();
            }
            return new DerivationCell(name, graph, derivation, forward, verdicts, refusals);
        }

        /**
         * Assigns a forward: entry (each line, over the index of {@code over} if given) or a reuse: entry (the named
         * cell's forward formulas in order, those indexed by the letter of {@code over} over its range instead).
         */
        private void assignForward(Entry e, Entry over) {
            Matcher range = over == null ? null : overRange(over);
            if (e.keyword().equals("forward")) {
                for (Piece p : e.pieces()) {
                    Forward f = new Forward(p.text(), null, 0, 0);
                    if (range != null) {
                        f = f.over(range.group(1), Integer.parseInt(range.group(2)), Integer.parseInt(range.group(3)));
                    }
                    assign(f, only(e, p));
                }
                return;
            }
            List<Forward> reused = named(e.text(" ").strip()).forward;
            if (reused.isEmpty()) {
                throw at(e, "reuse: " + e.text(" ").strip() + " has no forward formulas (a graph kept by "
                        + "DerivationCell.of has none); expected a derivation cell with forward: lines");
            }
            if (range != null && reused.stream().noneMatch(f -> range.group(1).equals(f.index()))) {
                throw at(over, "over: " + range.group(1) + " after reuse: " + e.text(" ").strip() + ", whose "
                        + "formulas are indexed by " + reused.stream().map(Forward::index)
                        .filter(java.util.Objects::nonNull).distinct().toList() + "; expected one of those letters");
            }
            for (Forward f : reused) {
                assign(range != null && range.group(1).equals(f.index())
                        ? f.over(f.index(), Integer.parseInt(range.group(2)), Integer.parseInt(range.group(3))) : f, e);
            }
        }

        private void assign(Forward f, Entry where) {
            try {
                f.assignOn(building());
            } catch (IllegalArgumentException | IllegalStateException x) {
                throw error(where, x);
            }
            forward.add(f);
        }

        private void option(Entry e) {
            if (claim == null) {
                throw at(e, e.keyword() + ": applies to the claim above it, and there is none; expected it below "
                        + "a \"claim ...:\" line" + (e.keyword().equals("over")
                        ? ", or directly below a forward: or reuse: entry" : ""));
            }
            switch (e.keyword()) {
                case "over" -> claim.over = e;
                case "corrected" -> claim.corrected = e;
                case "expect" -> claim.expect = e;
                default -> {
                    String word = e.text(" ").strip();
                    claim.source = switch (word) {
                        case "printed" -> Verdict.Source.PRINTED;
                        case "reconstructed" -> Verdict.Source.RECONSTRUCTED;
                        case "ours" -> Verdict.Source.OURS;
                        default -> throw at(e, "source: \"" + word + "\"; expected printed, reconstructed or ours");
                    };
                }
            }
        }

        /** The graph point: and forward: add to: the cell's own, or the one it is on:. */
        private Graph building() {
            return graph != null ? graph : fromPoint;
        }

        private void requireBeforeClaims(Entry e) {
            if (claim != null || derivation != null) {
                throw at(e, e.keyword() + ": applies to the whole cell; expected it above the first claim");
            }
        }

        private Derivation derivation() {
            if (derivation == null) {
                if (graph == null) {
                    graph = fromPoint;
                }
                if (graph == null) {
                    throw new IllegalArgumentException("derivation cell " + name + " has no graph; expected "
                            + "\"point: ...\" and \"forward: ...\", or \"on: <an earlier cell's name>\"");
                }
                try {
                    derivation = Derivation.on(graph).tolerance(tolerance)
                            .sampled(samples, Derivation.DEFAULT_SEED, scale);
                    if (fixed != null) {
                        derivation.fixed(fixed.text(", "));
                    }
                } catch (IllegalArgumentException x) {
                    throw error(fixed == null ? claim.entry : fixed, x);
                }
            }
            return derivation;
        }

        private void finishClaim() {
            if (claim == null) {
                return;
            }
            Entry e = claim.entry;
            Derivation d = derivation();
            String label = e.label().isEmpty() ? name + " " + (verdicts.size() + 1) : e.label();
            Verdict v;
            try {
                Derivation.Check check = d.claim(label, e.text("\n"));
                if (claim.source == Verdict.Source.RECONSTRUCTED) {
                    check.reconstructed();
                } else if (claim.source == Verdict.Source.OURS) {
                    check.ours();
                }
                if (claim.over != null) {
                    Matcher m = overRange(claim.over);
                    check.over(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                }
                if (claim.corrected != null) {
                    try {
                        check.corrected(claim.corrected.text("\n"));
                    } catch (IllegalArgumentException x) {
                        throw error(claim.corrected, x);
                    }
                }
                v = check.check();
            } catch (AssertionError x) {
                throw new AssertionError(where(e) + x.getMessage(), x);
            } catch (IllegalArgumentException | IllegalStateException x) {
                if (x.getMessage() != null && x.getMessage().startsWith("derivation cell, line ")) {
                    throw x;  // the cell's own text, never a refusal of the claim
                }
                if (refusalExpected()) {
                    refusals.put(label, x.getMessage() == null ? x.toString() : x.getMessage());
                    claim = null;
                    return;
                }
                throw error(e, x);
            }
            if (refusalExpected()) {
                throw new AssertionError(where(claim.expect) + "expected the library to refuse the claim (as "
                        + "unreadable, or as having no derivative there); it was checked: " + v.summary());
            }
            if (claim.expect != null) {
                expect(claim.expect, v);
            }
            verdicts.add(v);
            claim = null;
        }

        private boolean refusalExpected() {
            return claim.expect != null && claim.expect.text(" ").strip().equals("refused");
        }

        private static Matcher overRange(Entry over) {
            Matcher m = OVER.matcher(over.text(" "));
            if (!m.matches()) {
                throw at(over, "over: \"" + over.text(" ") + "\"; expected an index and its range, e.g. \"j = 1..3\"");
            }
            return m;
        }

        // expect: holds | false | breaks after step k
        private void expect(Entry e, Verdict v) {
            String word = e.text(" ").strip();
            Matcher m = BREAKS.matcher(word);
            if (m.matches()) {
                try {
                    v.requireBreakAt(Integer.parseInt(m.group(1)));
                } catch (IllegalArgumentException x) {
                    throw error(e, x);
                } catch (AssertionError x) {
                    throw new AssertionError(where(e) + x.getMessage(), x);
                }
            } else if (word.equals("holds") || word.equals("false")) {
                if (v.holds() != word.equals("holds")) {
                    throw new AssertionError(where(e) + "expected the claim to " + (v.holds() ? "be false" : "hold")
                            + ": " + v.summary());
                }
            } else {
                throw at(e, "expect: \"" + word + "\"; expected holds, false, refused, or breaks after step k");
            }
        }

        private double number(Entry e, String example) {
            String word = e.text(" ").strip();
            try {
                return Require.positive(e.keyword(), Double.parseDouble(word));
            } catch (IllegalArgumentException x) {
                throw at(e, e.keyword() + ": \"" + word + "\"; expected a positive number, e.g. " + example);
            }
        }

        private static int count(Entry e) {
            String word = e.text(" ").strip();
            if (!word.matches("\\d{1,5}") || Integer.parseInt(word) > Derivation.MAX_SAMPLES) {
                throw at(e, "samples: \"" + word + "\"; expected 0 (the point only) to " + Derivation.MAX_SAMPLES
                        + " random points");
            }
            return Integer.parseInt(word);
        }

        private static String where(Entry e) {
            return "derivation cell, line " + e.first().line() + " (" + e.keyword()
                    + (e.label().isEmpty() ? "" : " " + e.label()) + "): ";
        }

        private static IllegalArgumentException at(Entry e, String message) {
            Piece p = e.first();
            return error(p.line(), p.column(), p.source(), message);
        }
    }

}
