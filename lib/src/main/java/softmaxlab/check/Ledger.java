package softmaxlab.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.ejml.data.DMatrixRMaj;

import softmaxlab.math.Require;

/**
 * A document's ledger: every assertion it makes (sentence, clause, formula, number, line of code) as a row of a data
 * file, each with the verdict the notebook must reach. The data says what the verdict is; the notebook's checks
 * record what it computes, under the row's id; {@link #verify()} fails when the two disagree. Format: docs/ledger.md.
 *
 * <pre>
 *   Ledger ledger = Ledger.load("ledger/002.tsv");            // at the top of the notebook
 *   show("✗", ledger.record("002-07", d.claim(...).check())); // in a check cell
 *   ledger.verify()                                         // the last cell: the table, or an AssertionError
 * </pre>
 * Only checks make outcomes: a {@link Verdict}, or {@link Evidence} from a comparison or from running code. Rows
 * judged {@code definition}, {@code opinion} or {@code not-checkable} are decided by the data alone and must not be
 * recorded; rows judged {@code holds}, {@code false} or {@code conditional} must be.
 */
public final class Ledger {

    /** The data file's columns, in order; the first line of the file must be exactly these, tab-separated. */
    public static final List<String> COLUMNS = List.of("id", "kind", "quote", "gloss", "verdict", "correction",
            "check");

    /** What a row quotes. */
    public enum Kind {
        FORMULA, NUMBER, PROSE, CODE, DEFINITION, OPINION, IMAGE;

        /** The word in the data file, e.g. "formula". */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A row's verdict; the first three are computed by a check, the others stated by the data. */
    public enum Judgement {
        /** True as written: a check holds. */
        HOLDS("holds"),
        /** False as written: a check finds a counterexample; the row gives the corrected statement. */
        FALSE("false"),
        /** True only under a condition the text does not state: a check holds under it and fails outside it. */
        CONDITIONAL("conditional"),
        /** A definition or convention: nothing to check. */
        DEFINITION("definition"),
        /** An opinion: nothing to check. */
        OPINION("opinion"),
        /** Not checkable, e.g. an image the text does not reproduce. */
        NOT_CHECKABLE("not-checkable");

        private final String word;

        Judgement(String word) {
            this.word = word;
        }

        /** The word in the data file, e.g. "not-checkable". */
        public String word() {
            return word;
        }

        /** True for holds, false and conditional: the verdicts a check must compute. */
        public boolean computed() {
            return this == HOLDS || this == FALSE || this == CONDITIONAL;
        }
    }

    /**
     * One row of the data.
     *
     * @param verdict    empty when the data gives none (then {@link #verify()} fails)
     * @param correction the corrected statement (false) or the condition (conditional); "" otherwise
     * @param check      the heading of the notebook section whose cells check the row; "" when nothing is checked
     */
    public record Row(String id, Kind kind, String quote, String gloss, Optional<Judgement> verdict,
                      String correction, String check) {
    }

    /**
     * One instance of a row's statement, checked: {@code holds} when the statement is true there. Made only by
     * {@link #of(Verdict)}, {@link #same(String, double, double, double)}, {@link #same(String, DMatrixRMaj,
     * DMatrixRMaj, double)}, {@link #exceeds}, {@link #runs(String, Runnable)} and
     * {@link #runs(String, Supplier, DMatrixRMaj, double)}.
     */
    public static final class Evidence {

        private final String what;
        private final boolean holds;
        private final String text;

        private Evidence(String what, boolean holds, String text) {
            this.what = Require.text("what", what);
            this.holds = holds;
            this.text = Require.notNull("text", text);
        }

        /** What was checked, e.g. "labels as a column (N, 1)". */
        public String what() {
            return what;
        }

        /** True when the statement is true in this instance. */
        public boolean holds() {
            return holds;
        }

        /** What was found, e.g. "works", "raises IllegalArgumentException: ...", "silently wrong: ...". */
        public String text() {
            return text;
        }

        /** {@code "what: text"}. */
        public String summary() {
            return what + ": " + text;
        }

        @Override
        public String toString() {
            return (holds ? "✓ " : "✗ ") + summary();
        }
    }

    /** What a cell recorded under a row id: the computed verdict and the evidence behind it. */
    public record Outcome(String id, Judgement judgement, String evidence) {
    }

    private final String name;
    private final Map<String, Row> rows;
    private final Map<String, Outcome> recorded = new LinkedHashMap<>();

    private Ledger(String name, Map<String, Row> rows) {
        this.name = name;
        this.rows = rows;
    }

    /** Reads a ledger's data file (UTF-8, tab-separated, {@link #COLUMNS} as its first line). */
    public static Ledger load(String file) {
        return load(Path.of(Require.text("file", file)));
    }

    /** Reads a ledger's data file (UTF-8, tab-separated, {@link #COLUMNS} as its first line). */
    public static Ledger load(Path file) {
        Require.notNull("file", file);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file = " + file + " (" + file.toAbsolutePath() + ") is not a file; "
                    + "expected a ledger's data file, e.g. ledger/002.tsv from the notebooks folder");
        }
        try {
            return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger file " + file, e);
        }
    }

    /**
     * Parses a ledger's lines: the header, then one row per line, seven tab-separated fields (no tab or line break
     * inside a field). Id, kind, quote and gloss must be non-blank and ids distinct; the verdict may be blank.
     *
     * @param name names the ledger in messages and the table's caption, e.g. the file name
     * @throws IllegalArgumentException naming the line and field of anything it cannot read
     */
    public static Ledger parse(String name, List<String> lines) {
        Require.text("name", name);
        Require.noNulls("lines", lines);
        if (lines.isEmpty() || !Arrays.asList(lines.get(0).split("\t", -1)).equals(COLUMNS)) {
            throw new IllegalArgumentException(name + " line 1 is \"" + (lines.isEmpty() ? "" : lines.get(0))
                    + "\"; expected the header " + String.join("<TAB>", COLUMNS));
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int n = 1; n < lines.size(); n++) {
            String where = name + " line " + (n + 1);
            String[] f = lines.get(n).split("\t", -1);
            if (f.length != COLUMNS.size()) {
                throw new IllegalArgumentException(where + " has " + f.length + " fields; expected "
                        + COLUMNS.size() + " (" + String.join(", ", COLUMNS) + ") separated by tabs");
            }
            for (int k = 0; k < 4; k++) {
                if (f[k].isBlank()) {
                    throw new IllegalArgumentException(where + ": " + COLUMNS.get(k) + " is blank; expected text");
                }
            }
            Row row = new Row(f[0].strip(), kind(where, f[1].strip()), f[2].strip(), f[3].strip(),
                    f[4].isBlank() ? Optional.empty() : Optional.of(judgement(where, f[4].strip())),
                    f[5].strip(), f[6].strip());
            if (rows.put(row.id(), row) != null) {
                throw new IllegalArgumentException(where + ": id " + row.id() + " repeats an earlier row's id; "
                        + "expected distinct ids");
            }
        }
        return new Ledger(name, rows);
    }

    private static Kind kind(String where, String word) {
        for (Kind k : Kind.values()) {
            if (k.word().equals(word)) {
                return k;
            }
        }
        throw new IllegalArgumentException(where + ": kind = \"" + word + "\"; expected one of "
                + Arrays.stream(Kind.values()).map(Kind::word).toList());
    }

    private static Judgement judgement(String where, String word) {
        for (Judgement j : Judgement.values()) {
            if (j.word().equals(word)) {
                return j;
            }
        }
        throw new IllegalArgumentException(where + ": verdict = \"" + word + "\"; expected one of "
                + Arrays.stream(Judgement.values()).map(Judgement::word).toList() + ", or blank");
    }

    /** The ledger's name, e.g. its file. */
    public String name() {
        return name;
    }

    /** The rows, in document order. */
    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    /** What the cells recorded, in the order recorded (a row recorded again keeps its place, with the new outcome). */
    public List<Outcome> recorded() {
        return List.copyOf(recorded.values());
    }

    /** What a cell recorded under {@code id}, if anything. */
    public Optional<Outcome> outcome(String id) {
        return Optional.ofNullable(recorded.get(id));
    }

    // ---- evidence: only checks make it

    /** A verdict as evidence: holds when the verdict holds. */
    public static Evidence of(Verdict verdict) {
        Require.notNull("verdict", verdict);
        // the summary begins with the label and ": "
        String label = verdict.displayLabel();
        return new Evidence(label, verdict.holds(), verdict.summary().substring(label.length() + 2));
    }

    /** Holds when {@code |expected - actual| <= tolerance} (false when either is NaN). */
    public static Evidence same(String what, double expected, double actual, double tolerance) {
        Require.nonNegative("tolerance", tolerance);
        double gap = Math.abs(expected - actual);
        boolean holds = gap <= tolerance;
        return new Evidence(what, holds, actual + (holds ? " agrees with " : " differs from ") + expected + " by "
                + GradientCheck.number(gap) + " (tolerance " + GradientCheck.number(tolerance) + ")");
    }

    /** Holds when the shapes agree and every entry is within {@code tolerance} ({@link Same#matrices}). */
    public static Evidence same(String what, DMatrixRMaj expected, DMatrixRMaj actual, double tolerance) {
        try {
            Same.matrices(what, expected, actual, tolerance);
            return new Evidence(what, true, "agrees within " + GradientCheck.number(tolerance));
        } catch (AssertionError e) {
            return new Evidence(what, false, e.getMessage().substring(what.length() + 2));
        }
    }

    /** Holds when {@code value > bound} (false when either is NaN), e.g. a probability above a proportional share. */
    public static Evidence exceeds(String what, double value, double bound) {
        boolean holds = value > bound;
        return new Evidence(what, holds, value + (holds ? " exceeds " : " does not exceed ") + bound);
    }

    /**
     * Runs {@code code}: holds when it returns, with the text "works"; else the text "raises" and the exception and its
     * message, e.g. a reader refusing an input the document's notation allows.
     */
    public static Evidence runs(String what, Runnable code) {
        Require.text("what", what);
        Require.notNull("code", code);
        try {
            code.run();
            return new Evidence(what, true, "works");
        } catch (RuntimeException e) {
            return new Evidence(what, false, "raises " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Runs {@code code} (e.g. a listing with one input shape) and compares its result with the truth: "works" when
     * the shapes agree and every entry is within {@code tolerance}; "raises ..." (the exception and its message) when
     * it throws; "silently wrong: ..." (the worst entry and by how much, or the shapes) otherwise. Holds only when it
     * works.
     */
    public static Evidence runs(String what, Supplier<DMatrixRMaj> code, DMatrixRMaj truth, double tolerance) {
        Require.text("what", what);
        Require.notNull("code", code);
        Require.matrix("truth", truth);
        DMatrixRMaj result;
        try {
            result = code.get();
        } catch (RuntimeException e) {
            return new Evidence(what, false, "raises " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Evidence same = same(what, truth, Require.notNull("the result of " + what, result), tolerance);
        return same.holds() ? new Evidence(what, true, "works") : new Evidence(what, false, "silently wrong: "
                + same.text());
    }

    // ---- recording: what the cells computed

    /** Records a verdict under {@code id}: holds or false. Returns the verdict, to show it. */
    public Verdict record(String id, Verdict verdict) {
        record(id, List.of(of(verdict)), false);
        return verdict;
    }

    /**
     * Records the verdicts labelled {@code labels} in {@code report} (a notebook's claims, checked in earlier cells):
     * holds when every one holds, else false. Returns them, to show them.
     *
     * @throws IllegalArgumentException when the report has no verdict, or several, with one of the labels
     */
    public Verdict[] record(String id, ClaimsReport report, String... labels) {
        Require.notNull("report", report);
        Require.noNulls("labels", labels);
        Verdict[] verdicts = new Verdict[labels.length];
        for (int k = 0; k < labels.length; k++) {
            String label = labels[k];
            List<Verdict> found = report.verdicts().stream().filter(v -> v.label().equals(label)).toList();
            if (found.size() != 1) {
                throw new IllegalArgumentException("labels[" + k + "] = \"" + label + "\" names " + found.size()
                        + " verdicts of the report; expected exactly one, among "
                        + report.verdicts().stream().map(Verdict::label).toList());
            }
            verdicts[k] = found.get(0);
        }
        return record(id, verdicts);
    }

    /**
     * Records a row that several verdicts decide (e.g. a vector's entries): holds when every one holds, else false.
     * Returns the verdicts, to show them.
     */
    public Verdict[] record(String id, Verdict... verdicts) {
        record(id, Arrays.stream(Require.noNulls("verdicts", verdicts)).map(Ledger::of).toList(), false);
        return verdicts;
    }

    /** Records the row as holding when every piece of evidence holds, else false. Returns the evidence. */
    public List<Evidence> holds(String id, Evidence... evidence) {
        return record(id, List.of(Require.noNulls("evidence", evidence)), false);
    }

    /**
     * Records a conditional row: conditional when the statement holds where the condition does ({@code under}) and
     * fails where it does not ({@code outside}); holds when both hold (the condition is not needed); false when
     * {@code under} fails. Returns the evidence.
     */
    public List<Evidence> conditional(String id, Evidence under, Evidence outside) {
        return record(id, List.of(Require.notNull("under", under), Require.notNull("outside", outside)), true);
    }

    /** {@link #conditional(String, Evidence, Evidence)} with two verdicts. Returns them, to show them. */
    public Verdict[] conditional(String id, Verdict under, Verdict outside) {
        conditional(id, of(under), of(outside));
        return new Verdict[]{under, outside};
    }

    private List<Evidence> record(String id, List<Evidence> evidence, boolean conditional) {
        Require.text("id", id);
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException("no evidence for row " + id + "; expected at least one check");
        }
        Judgement j;
        if (conditional) {
            boolean under = evidence.get(0).holds();
            boolean outside = evidence.get(1).holds();
            j = !under ? Judgement.FALSE : outside ? Judgement.HOLDS : Judgement.CONDITIONAL;
        } else {
            j = evidence.stream().allMatch(Evidence::holds) ? Judgement.HOLDS : Judgement.FALSE;
        }
        String text = String.join("; ", evidence.stream().map(Evidence::summary).toList());
        // a cell run again replaces its own record
        recorded.put(id, new Outcome(id, j, text));
        return evidence;
    }

    // ---- the coverage check

    /**
     * Every disagreement between the data and what was recorded, one line each: a row without a verdict; a row whose
     * verdict is computed but was not recorded, or was recorded with another outcome; a row judged definition,
     * opinion or not-checkable that a cell recorded; a false or conditional row without a correction or condition;
     * a computed row without a check heading; an id recorded that the data lacks. Empty when they agree.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Row row : rows.values()) {
            Outcome got = recorded.get(row.id());
            if (row.verdict().isEmpty()) {
                problems.add(row.id() + " has no verdict");
                continue;
            }
            Judgement want = row.verdict().get();
            if (want.computed() && got == null) {
                problems.add(row.id() + " (" + want.word() + ") was not recorded by any check");
            } else if (!want.computed() && got != null) {
                problems.add(row.id() + " is judged " + want.word() + " by the data, but a check recorded "
                        + got.judgement().word() + ": " + got.evidence());
            } else if (got != null && got.judgement() != want) {
                problems.add(row.id() + " is judged " + want.word() + " by the data, but its check computed "
                        + got.judgement().word() + ": " + got.evidence());
            }
            if ((want == Judgement.FALSE || want == Judgement.CONDITIONAL) && row.correction().isEmpty()) {
                problems.add(row.id() + " is " + want.word() + " without a "
                        + (want == Judgement.FALSE ? "corrected statement" : "condition"));
            }
            if (want.computed() && row.check().isEmpty()) {
                problems.add(row.id() + " is " + want.word() + " without the heading of the cell that checks it");
            }
        }
        for (String id : recorded.keySet()) {
            if (!rows.containsKey(id)) {
                problems.add(id + " was recorded by a check, but " + name + " has no such row");
            }
        }
        return problems;
    }

    /**
     * The coverage check, for a notebook's last cell: returns this (to show it) when the data and the records agree.
     *
     * @throws AssertionError listing every {@link #problems() problem}
     */
    public Ledger verify() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new AssertionError(name + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + " between the ledger's data and the notebook's checks:\n  " + String.join("\n  ", problems));
        }
        return this;
    }

    /** {@code "34 rows: 20 holds, 8 false, 2 conditional, 3 definition, 1 opinion"}, verdicts in enum order. */
    public String counts() {
        List<String> parts = new ArrayList<>();
        for (Judgement j : Judgement.values()) {
            long n = rows.values().stream().filter(r -> r.verdict().equals(Optional.of(j))).count();
            if (n > 0) {
                parts.add(n + " " + j.word());
            }
        }
        long none = rows.values().stream().filter(r -> r.verdict().isEmpty()).count();
        if (none > 0) {
            parts.add(none + " without a verdict");
        }
        return rows.size() + (rows.size() == 1 ? " row" : " rows") + (parts.isEmpty() ? "" : ": "
                + String.join(", ", parts));
    }

    @Override
    public String toString() {
        return name + ": " + counts();
    }
}
