package softmaxlab.check;

import java.util.ArrayList;
import java.util.List;

import softmaxlab.math.Require;

/**
 * The verdicts on a document's formulas and numbers, as rows for a table: (label, source, printed LaTeX, verdict,
 * max discrepancy, tolerance, counterexample, corrected LaTeX). What the document prints is counted apart from our
 * reconstructions and our own additions ({@link Verdict.Source}); the rows list them in that order. The view layer
 * renders {@link #rows()}; this class has no table or kernel dependency.
 */
public final class ClaimsReport {

    /** One row; text fields are "" where there is nothing to say (no counterexample, no correction). */
    public record Row(String label, String source, String printedLatex, String verdict, double maxDiscrepancy,
                      double tolerance, String counterexample, String correctedLatex) {
    }

    private final List<Verdict> verdicts = new ArrayList<>();

    /** Adds a verdict. Returns this. */
    public ClaimsReport add(Verdict verdict) {
        verdicts.add(Require.notNull("verdict", verdict));
        return this;
    }

    /**
     * Adds a verdict whose outcome the notebook's prose announces, and stops the notebook when it is not that one:
     * throws {@code AssertionError} unless {@code verdict.holds() == holds}. Returns the verdict, to show it.
     */
    public Verdict expect(boolean holds, Verdict verdict) {
        add(verdict);
        if (verdict.holds() != holds) {
            throw new AssertionError("expected the claim to " + (holds ? "hold" : "be false") + ": "
                    + verdict.summary());
        }
        return verdict;
    }

    /** Checks the claim and adds its verdict (throws if its corrected form does not hold). Returns this. */
    public ClaimsReport add(Claim claim) {
        return add(Require.notNull("claim", claim).check());
    }

    /** Checks the number claim and adds its verdict (throws if its corrected number does not hold). Returns this. */
    public ClaimsReport add(NumberClaim claim) {
        return add(Require.notNull("claim", claim).check());
    }

    /**
     * Adds one number claim per printed entry of a vector, labelled {@code label[j]}, e.g. document 002's
     * [0.0903, 0.2447, 0.665] against softmax([2, 3, 4]). Returns this.
     *
     * @param printed  the entries as printed
     * @param computed the computed entries, as many as printed; Not modified
     */
    public ClaimsReport addNumbers(String label, List<String> printed, double[] computed) {
        Require.text("label", label);
        Require.notNull("printed", printed);
        Require.notNull("computed", computed);
        if (printed.size() != computed.length) {
            throw new IllegalArgumentException("computed has length " + computed.length + "; expected "
                    + printed.size() + ", one per printed entry " + printed);
        }
        for (int j = 0; j < computed.length; j++) {
            add(NumberClaim.of(label + "[" + j + "]", printed.get(j), computed[j]));
        }
        return this;
    }

    /** The verdicts, in the order added. */
    public List<Verdict> verdicts() {
        return List.copyOf(verdicts);
    }

    /** The verdicts from one source (printed, reconstructed, ours), in the order added. */
    public List<Verdict> verdicts(Verdict.Source source) {
        Require.notNull("source", source);
        return verdicts.stream().filter(v -> v.source() == source).toList();
    }

    /**
     * One row per verdict, printed ones first, then reconstructions, then ours (each in the order added); verdict is
     * "holds" or "false", source is {@link Verdict.Source#word()}, the counterexample names the broken step of a chain.
     */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Verdict.Source source : Verdict.Source.values()) {
            for (Verdict v : verdicts(source)) {
                // sides of different shapes have no counterexample: where it fails is the shapes
                String counter = !v.holds() && v.counterexample().isEmpty() ? v.whereItFails()
                        : v.brokenStep().isPresent() ? v.breakText() : v.counterexampleText();
                rows.add(new Row(v.label(), source.word(), v.printedLatex(), v.holds() ? "holds" : "false",
                        v.maxDiscrepancy(), v.tolerance(), counter, v.correctedLatex()));
            }
        }
        return rows;
    }

    /**
     * {@code "12 of 15 claims hold; 3 false"} for what the document prints, then the others apart, e.g.
     * {@code "; apart from these: 2 reconstructions (2 hold), 5 of ours (5 hold)"}.
     */
    public String counts() {
        List<Verdict> printed = verdicts(Verdict.Source.PRINTED);
        long falsePrinted = printed.stream().filter(v -> !v.holds()).count();
        String head = (printed.size() - falsePrinted) + " of " + printed.size()
                + (printed.size() == 1 ? " claim holds" : " claims hold") + (falsePrinted == 0 ? "" : "; "
                + falsePrinted + " false");
        List<String> apart = new ArrayList<>();
        List<Verdict> reconstructed = verdicts(Verdict.Source.RECONSTRUCTED);
        if (!reconstructed.isEmpty()) {
            apart.add(reconstructed.size() + (reconstructed.size() == 1 ? " reconstruction" : " reconstructions")
                    + " (" + holding(reconstructed) + " hold)");
        }
        List<Verdict> ours = verdicts(Verdict.Source.OURS);
        if (!ours.isEmpty()) {
            apart.add(ours.size() + " of ours (" + holding(ours) + " hold)");
        }
        return head + (apart.isEmpty() ? "" : "; apart from these: " + String.join(", ", apart));
    }

    private static long holding(List<Verdict> list) {
        return list.stream().filter(Verdict::holds).count();
    }

    /** The verdicts whose printed form is false. */
    public List<Verdict> falseClaims() {
        return verdicts.stream().filter(v -> !v.holds()).toList();
    }

    /**
     * Requires that every false printed claim comes with a corrected form, and that every corrected form holds: the
     * notebook shows the document's mistake and our correction, never only the mistake. Returns this.
     *
     * @throws AssertionError naming each claim without a correction or with a failing one
     */
    public ClaimsReport requireAllCorrectionsHold() {
        List<String> problems = new ArrayList<>();
        for (Verdict v : verdicts) {
            if (v.correction().isPresent() && !v.correctionHolds()) {
                problems.add("corrected form fails: " + v.summary());
            } else if (!v.holds() && v.correction().isEmpty()) {
                problems.add("false and without a corrected form: " + v.summary());
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
        return this;
    }

    /** One line per verdict ({@link Verdict#summary()}). */
    public String summary() {
        return String.join("\n", verdicts.stream().map(Verdict::summary).toList());
    }

    @Override
    public String toString() {
        return summary();
    }
}
