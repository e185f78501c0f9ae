package softmaxlab.check;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import softmaxlab.math.Require;

/**
 * A number as a document prints it (e.g. "0.0903") against the value we compute. The tolerance is half a unit in the
 * last printed digit, derived from the printed string ("0.0903" -> 5e-5, "0.665" -> 5e-4): a correctly rounded
 * number holds, 0.0903 for 0.0900306 does not.
 *
 * <pre>
 *   NumberClaim.of("002 softmax([2,3,4])[0]", "0.0903", a[0]).corrected("0.0900").check();
 * </pre>
 * A printed number that is false gives a {@link Verdict} with the computed value as counterexample; it does not throw.
 * A corrected number that does not hold throws from {@link #check()}.
 */
public final class NumberClaim {

    /** Largest decimal exponent of a printed number's leading digit: doubles end near 1.8e308. */
    public static final int MAX_EXPONENT = 308;
    /**
     * Most digits after the point a printed number may have: the smallest double, 4.9e-324, is far above 10^-400, so
     * further digits cannot change a verdict.
     */
    public static final int MAX_DECIMALS = 400;

    private final String label;
    private final String printed;
    private final double computed;
    private String corrected;
    private Verdict.Source source = Verdict.Source.PRINTED;

    private NumberClaim(String label, String printed, double computed) {
        this.label = Require.text("label", label);
        this.printed = Require.text("printed", printed).strip();
        this.computed = Require.finite("computed", computed);
        halfUnit(this.printed);
    }

    /**
     * @param label    where it is printed, e.g. "002 softmax([2,3,4])[0]"
     * @param printed  the number exactly as printed, e.g. "0.0903" (its digits set the tolerance)
     * @param computed the value we compute, finite
     */
    public static NumberClaim of(String label, String printed, double computed) {
        return new NumberClaim(label, printed, computed);
    }

    /** The number as it should have been printed, to as many digits as chosen; checked, and {@link #check()} throws if wrong. */
    public NumberClaim corrected(String number) {
        halfUnit(Require.text("number", number));
        this.corrected = number.strip();
        return this;
    }

    /** Marks the number as ours (e.g. a value the document's text implies but does not print). */
    public NumberClaim ours() {
        this.source = Verdict.Source.OURS;
        return this;
    }

    /**
     * Half a unit in the last printed digit: {@code 0.5 * 10^-(digits after the point)}, e.g. "0.0903" -> 5e-5,
     * "1.2e-3" -> 5e-5, "2447" -> 0.5.
     */
    public static double halfUnit(String printed) {
        return parse(printed).ulp().divide(BigDecimal.valueOf(2)).doubleValue();
    }

    /**
     * Holds when {@code |printed - computed| <= halfUnit(printed)}, compared exactly (in decimal, on the computed
     * double's exact value), so a number on the rounding boundary is judged as its digits say.
     *
     * @throws AssertionError when the corrected number does not hold
     */
    public Verdict check() {
        Optional<Verdict> correction = corrected == null ? Optional.empty() : Optional.of(verdict(corrected,
                Optional.empty()));
        return verdict(printed, correction).requireCorrectionHolds();
    }

    private Verdict verdict(String number, Optional<Verdict> correction) {
        BigDecimal p = parse(number);
        // |printed - computed| <= (1/2) 10^-scale
        BigDecimal gap = p.subtract(new BigDecimal(computed)).abs();
        boolean holds = gap.compareTo(p.ulp().divide(BigDecimal.valueOf(2))) <= 0;
        Verdict.Sample sample = new Verdict.Sample(List.of(), new double[0], p.doubleValue(), computed);
        return new Verdict(label, number, holds, gap.doubleValue(), halfUnit(number), 1, Optional.of(sample),
                holds ? Optional.empty() : Optional.of(sample), correction, source, List.of(), 0);
    }

    private static BigDecimal parse(String printed) {
        BigDecimal p;
        try {
            p = new BigDecimal(Require.notNull("printed", printed).strip());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("printed = \"" + printed + "\" is not a decimal number; expected a "
                    + "number as printed, e.g. \"0.0903\"");
        }
        // decimal exponent of the leading digit, and digits after the point: both bounded before any arithmetic, so
        // that comparing with a double's exact value stays small (a printed 1e999999999 would need 10^9 digits)
        long leading = (long) p.precision() - p.scale() - 1;
        if (p.signum() != 0 && (leading > MAX_EXPONENT || p.scale() > MAX_DECIMALS
                || p.abs().compareTo(new BigDecimal(Double.MAX_VALUE)) > 0)) {
            throw new IllegalArgumentException("printed = \"" + abbreviated(printed) + "\" has " + (leading > MAX_EXPONENT
                    ? "a magnitude of 10^" + leading : p.scale() + " digits after the point") + "; expected a number "
                    + "within a double's range: magnitude below 10^" + (MAX_EXPONENT + 1) + ", at most "
                    + MAX_DECIMALS + " digits after the point");
        }
        return p;
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 20) + "..." + text.substring(text.length() - 10)
                + " (" + text.length() + " characters)";
    }
}
