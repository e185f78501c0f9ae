package softmaxlab.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import softmaxlab.math.Require;

/**
 * The outcome of checking a printed formula ({@link Claim}, {@link Derivation}) or a printed number
 * ({@link NumberClaim}). Only checks make verdicts: there is no public constructor, so a verdict shown in a notebook
 * is one that a check produced.
 */
public final class Verdict {

    /** Where a checked formula comes from; a document's verdict table counts only what it prints. */
    public enum Source {
        /** Printed in the document, as printed. */
        PRINTED("printed"),
        /** Our reconstruction of what the document shows only as an image or leaves implicit. */
        RECONSTRUCTED("reconstructed"),
        /** Our own addition: a check the document does not make. */
        OURS("ours");

        private final String word;

        Source(String word) {
            this.word = word;
        }

        /** "printed", "reconstructed" or "ours". */
        public String word() {
            return word;
        }
    }

    private final String label;
    private final String printedLatex;
    private final boolean holds;
    private final double maxDiscrepancy;
    private final double tolerance;
    private final int points;
    private final Optional<Sample> atDocument;
    private final Optional<Sample> counterexample;
    private final Optional<Verdict> correction;
    private final Source source;
    private final List<String> steps;
    private final int brokenStep;
    private final String note;
    private final Optional<Focus> focus;

    /**
     * How the counterexample's variables are written, and which of them matter: {@code latex} holds each variable's
     * LaTeX in the order of {@link Sample#variables()} ({@code w_{21}} for w21), {@code dependsOn} the names of those
     * the failing step depends on (the leaves below the nodes its sides read, and the index), empty when it holds.
     */
    public record Focus(List<String> latex, Set<String> dependsOn) {

        public Focus {
            latex = Require.noNulls("latex", latex);
            dependsOn = Set.copyOf(Require.notNull("dependsOn", dependsOn));
        }
    }

    Verdict(String label, String printedLatex, boolean holds, double maxDiscrepancy, double tolerance, int points,
            Optional<Sample> atDocument, Optional<Sample> counterexample, Optional<Verdict> correction, Source source,
            List<String> steps, int brokenStep) {
        this(label, printedLatex, holds, maxDiscrepancy, tolerance, points, atDocument, counterexample, correction,
                source, steps, brokenStep, Optional.empty(), "");
    }

    /**
     * @param steps      the sides of a chain {@code A = B = C} as written, or empty for one formula against its truth
     * @param brokenStep for a chain that fails: k, the first {@code =} that breaks is between step k and step k+1
     *                   (1-based); 0 otherwise. The counterexample then holds step k as the truth and step k+1 as
     *                   printed
     * @param focus      the counterexample's variables as LaTeX and those the failing step depends on, when known
     * @param note       what a failure of vector or matrix sides adds, e.g. "entry (2, 1)" or "step 3 is 3×2 and step
     *                   2 is 2×3: step 3 is the transpose of step 2"; "" for none
     */
    Verdict(String label, String printedLatex, boolean holds, double maxDiscrepancy, double tolerance, int points,
            Optional<Sample> atDocument, Optional<Sample> counterexample, Optional<Verdict> correction, Source source,
            List<String> steps, int brokenStep, Optional<Focus> focus, String note) {
        this.note = Require.notNull("note", note);
        this.label = Require.text("label", label);
        this.printedLatex = Require.text("printedLatex", printedLatex);
        this.holds = holds;
        this.maxDiscrepancy = maxDiscrepancy;
        this.tolerance = tolerance;
        this.points = points;
        this.atDocument = Require.notNull("atDocument", atDocument);
        this.counterexample = Require.notNull("counterexample", counterexample);
        this.correction = Require.notNull("correction", correction);
        this.source = Require.notNull("source", source);
        this.steps = Require.noNulls("steps", steps);
        this.brokenStep = brokenStep;
        this.focus = Require.notNull("focus", focus);
    }

    /** Where it is printed, e.g. "002 (情况一) dLoss/dw41". */
    public String label() {
        return label;
    }

    /** The LaTeX (or the number) exactly as it was checked: the string that was read and evaluated. */
    public String printedLatex() {
        return printedLatex;
    }

    /** True when every point is within the tolerance (for a chain: every {@code =}). */
    public boolean holds() {
        return holds;
    }

    /** The largest discrepancy over the points (NaN when the printed form gave NaN somewhere). */
    public double maxDiscrepancy() {
        return maxDiscrepancy;
    }

    /** The largest discrepancy allowed: the tolerance this check used. */
    public double tolerance() {
        return tolerance;
    }

    /** How many points were checked (1 for a number). */
    public int points() {
        return points;
    }

    /** The printed and true values at the document's own example point, when there is one. */
    public Optional<Sample> atDocument() {
        return atDocument;
    }

    /**
     * When the claim does not hold: the document's own example point if it fails there, otherwise the point with the
     * largest discrepancy. Empty when the claim holds, and when two sides differ in shape (no entry of one stands
     * against an entry of the other; {@link #note()} gives the shapes).
     */
    public Optional<Sample> counterexample() {
        return counterexample;
    }

    /** The verdict on the corrected form, when one was given. */
    public Optional<Verdict> correction() {
        return correction;
    }

    /** Printed by the document, reconstructed by us, or our own addition. */
    public Source source() {
        return source;
    }

    /** The sides of a checked chain as written ({@code A}, {@code B}, {@code C} of {@code A = B = C}); else empty. */
    public List<String> steps() {
        return steps;
    }

    /** The counterexample's variables as LaTeX and those the failing step depends on, when the check knows them. */
    public Optional<Focus> focus() {
        return focus;
    }

    /** For a chain that fails: k, where the first {@code =} that breaks is between step k and step k+1. */
    public OptionalInt brokenStep() {
        return brokenStep == 0 ? OptionalInt.empty() : OptionalInt.of(brokenStep);
    }

    /**
     * One evaluation: at {@code point} (named by {@code variables}; both empty for a number) the printed form gave
     * {@code printed} and the truth is {@code truth}.
     */
    public record Sample(List<String> variables, double[] point, double printed, double truth) {

        public Sample {
            variables = Require.noNulls("variables", variables);
            point = Require.notNull("point", point).clone();
            if (variables.size() != point.length) {
                throw new IllegalArgumentException("variables has " + variables.size() + " names " + variables
                        + "; expected " + point.length + ", one per coordinate of the point");
            }
        }

        @Override
        public double[] point() {
            return point.clone();
        }

        /** {@code "at (a4 = 0.09, o1 = 1): printed 0.91, true -0.91"}; for a number {@code "printed 0.0903, true 0.0900306"}. */
        public String text() {
            return place() + "printed " + GradientCheck.number(printed) + ", true " + GradientCheck.number(truth);
        }

        /** {@code "at (a4 = 0.09, o1 = 1): "}, or "" for a number. */
        String place() {
            if (point.length == 0) {
                return "";
            }
            List<String> assignments = new ArrayList<>(point.length);
            for (int i = 0; i < point.length; i++) {
                assignments.add(variables.get(i) + " = " + GradientCheck.number(point[i]));
            }
            return "at (" + String.join(", ", assignments) + "): ";
        }
    }

    /** The corrected form's LaTeX, or "" when none was given. */
    public String correctedLatex() {
        return correction.map(Verdict::printedLatex).orElse("");
    }

    /** True when a corrected form was given and it holds. */
    public boolean correctionHolds() {
        return correction.map(Verdict::holds).orElse(false);
    }

    /** The label, with "(reconstructed)" or "(ours)" when the document does not print the claim. */
    public String displayLabel() {
        return label + (source == Source.PRINTED ? "" : " (" + source.word() + ")");
    }

    /** The counterexample as text, or "" when there is none. */
    public String counterexampleText() {
        return counterexample.map(Sample::text).orElse("");
    }

    /**
     * For a chain that fails, where: {@code "the first = that breaks is between step 2 (-\\frac{1}{a_4} ...) and step 3
     * ((1-a_4) \\times o_1): at (...): step 2 = -0.8, step 3 = 0.8"}; "" otherwise.
     */
    public String breakText() {
        if (brokenStep == 0) {
            return "";
        }
        int k = brokenStep;
        String where = counterexample.map(c -> ": " + c.place() + "step " + k + " = " + GradientCheck.number(c.truth())
                + ", step " + (k + 1) + " = " + GradientCheck.number(c.printed())).orElse("");
        return "the first = that breaks is between step " + k + " (" + steps.get(k - 1) + ") and step " + (k + 1)
                + " (" + steps.get(k) + ")" + where;
    }

    /**
     * Where a false claim fails: its {@link #breakText()} for a chain, else {@code "counterexample "} and the
     * counterexample; "" when the claim holds.
     */
    public String whereItFails() {
        if (holds) {
            return "";
        }
        String where = brokenStep > 0 ? breakText() : counterexample.map(s -> "counterexample " + s.text()).orElse("");
        return note.isEmpty() ? where : where.isEmpty() ? note : where + " (" + note + ")";
    }

    /** For vector and matrix sides, what a failure adds: the entry shown, or the shapes; "" otherwise. */
    public String note() {
        return note;
    }

    /**
     * One line, e.g. {@code "002 (情况一) dLoss/dw41: (1-a_4) o_1 is false: max discrepancy 1.8 over 51 points
     * (tolerance 1e-06); counterexample at (...): printed 0.91, true -0.91; corrected (a_4-1) o_1 holds"}.
     */
    public String summary() {
        String head = displayLabel() + ": " + printedLatex + (holds ? " holds" : " is false") + ": max discrepancy "
                + GradientCheck.number(maxDiscrepancy) + " over " + points + (points == 1 ? " point" : " points")
                + " (tolerance " + GradientCheck.number(tolerance) + ")";
        String counter = whereItFails().isEmpty() ? "" : "; " + whereItFails();
        String corrected = correction.map(c -> "; corrected " + c.printedLatex() + (c.holds() ? " holds" : " FAILS: "
                + c.counterexampleText())).orElse("");
        return head + counter + corrected;
    }

    @Override
    public String toString() {
        return summary();
    }

    /**
     * For prose that says where a chain {@code A_1 = A_2 = ...} breaks: throws an {@link AssertionError} unless the
     * claim is false and its first {@code =} that breaks is the one between {@code A_step} and {@code A_{step+1}}
     * (step 1 is the left side). Returns this, to show it.
     *
     * @param step the step, from 1, where the notebook says the chain breaks
     */
    public Verdict requireBreakAt(int step) {
        if (step < 1 || (!steps.isEmpty() && step >= steps.size())) {
            throw new IllegalArgumentException("step = " + step + " for a chain of " + steps.size() + " sides; "
                    + "expected 1 to " + Math.max(1, steps.size() - 1) + ": the = between step k and step k+1");
        }
        if (holds || brokenStep != step) {
            throw new AssertionError("expected the first = that breaks to be between step " + step + " and step "
                    + (step + 1) + ": " + summary());
        }
        return this;
    }

    /** Throws an {@link AssertionError} when a corrected form was given and does not hold. Returns this. */
    Verdict requireCorrectionHolds() {
        if (correction.isPresent() && !correction.get().holds()) {
            throw new AssertionError("the corrected form does not hold: " + summary());
        }
        return this;
    }
}
