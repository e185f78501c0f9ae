package softmaxlab.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import softmaxlab.math.Require;

/**
 * The outcome of checking a printed formula ({@link Claim}) or a printed number ({@link NumberClaim}).
 *
 * @param label          e.g. "002 (情况一) dLoss/dw41"
 * @param printedLatex   the form as the document prints it, e.g. {@code (1-a_4) \times o_1}, or the number "0.0903"
 * @param holds          true when every point is within the tolerance
 * @param maxDiscrepancy the largest discrepancy over the points (NaN when the printed form gave NaN somewhere)
 * @param tolerance      the largest discrepancy allowed
 * @param points         how many points were checked (1 for a number)
 * @param atDocument     the printed and true values at the document's own example point, when there is one
 * @param counterexample when the claim does not hold: the point with the largest discrepancy
 * @param correction     the verdict on the corrected form, when one was given
 */
public record Verdict(String label, String printedLatex, boolean holds, double maxDiscrepancy, double tolerance,
                      int points, Optional<Sample> atDocument, Optional<Sample> counterexample,
                      Optional<Verdict> correction) {

    public Verdict {
        Args.text("label", label);
        Args.text("printedLatex", printedLatex);
        Require.notNull("atDocument", atDocument);
        Require.notNull("counterexample", counterexample);
        Require.notNull("correction", correction);
    }

    /**
     * One evaluation: at {@code point} (named by {@code variables}; both empty for a number) the printed form gave
     * {@code printed} and the truth is {@code truth}.
     */
    public record Sample(List<String> variables, double[] point, double printed, double truth) {

        public Sample {
            variables = Args.list("variables", variables);
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
            String values = "printed " + GradientCheck.number(printed) + ", true " + GradientCheck.number(truth);
            if (point.length == 0) {
                return values;
            }
            List<String> assignments = new ArrayList<>(point.length);
            for (int i = 0; i < point.length; i++) {
                assignments.add(variables.get(i) + " = " + GradientCheck.number(point[i]));
            }
            return "at (" + String.join(", ", assignments) + "): " + values;
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

    /** The counterexample as text, or "" when the claim holds. */
    public String counterexampleText() {
        return counterexample.map(Sample::text).orElse("");
    }

    /**
     * One line, e.g. {@code "002 (情况一) dLoss/dw41: (1-a_4) o_1 is false: max discrepancy 1.8 over 51 points
     * (tolerance 1e-06); counterexample at (...): printed 0.91, true -0.91; corrected (a_4-1) o_1 holds"}.
     */
    public String summary() {
        String head = label + ": " + printedLatex + (holds ? " holds" : " is false") + ": max discrepancy "
                + GradientCheck.number(maxDiscrepancy) + " over " + points + (points == 1 ? " point" : " points")
                + " (tolerance " + GradientCheck.number(tolerance) + ")";
        String counter = counterexample.map(s -> "; counterexample " + s.text()).orElse("");
        String corrected = correction.map(c -> "; corrected " + c.printedLatex() + (c.holds() ? " holds" : " FAILS: "
                + c.counterexampleText())).orElse("");
        return head + counter + corrected;
    }

    /** Throws an {@link AssertionError} when a corrected form was given and does not hold. Returns this. */
    Verdict requireCorrectionHolds() {
        if (correction.isPresent() && !correction.get().holds()) {
            throw new AssertionError("the corrected form does not hold: " + summary());
        }
        return this;
    }
}
