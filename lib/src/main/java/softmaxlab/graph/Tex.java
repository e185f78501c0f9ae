package softmaxlab.graph;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LaTeX for node names and numbers, as the documents write them. */
final class Tex {

    private static final Pattern LETTERS_DIGITS = Pattern.compile("([A-Za-z]+)([0-9]+)");

    private Tex() {
    }

    /** Trailing digits become the subscript: {@code w21 -> w_{21}}, {@code h1 -> h_1}; {@code L -> L}. */
    static String name(String name) {
        Matcher m = LETTERS_DIGITS.matcher(name);
        if (!m.matches()) {
            return name;
        }
        String digits = m.group(2);
        return m.group(1) + "_" + (digits.length() == 1 ? digits : "{" + digits + "}");
    }

    /** {@code \frac{\partial o_1}{\partial y_1}}. */
    static String partial(String of, String wrt) {
        return "\\frac{\\partial " + of + "}{\\partial " + wrt + "}";
    }

    /**
     * {@code digits} significant digits, trailing zeros dropped; plain between 1e-4 and 1e6, otherwise
     * {@code 1.5 \times 10^{-7}}.
     */
    static String number(double v, int digits) {
        if (Double.isNaN(v)) {
            return "\\mathrm{NaN}";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\\infty" : "-\\infty";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            return rounded.toPlainString();
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + " \\times 10^{" + exponent + "}";
    }

    /** A number as a factor: negative ones in parentheses, so that products read right. */
    static String factor(double v, int digits) {
        String s = number(v, digits);
        return s.startsWith("-") ? "\\left(" + s + "\\right)" : s;
    }

    /** A formula as a factor: parenthesized unless it is one symbol or number, so that products read right. */
    static String factor(String formula) {
        return formula.matches("[A-Za-z0-9_{}.]+") ? formula : "\\left(" + formula + "\\right)";
    }
}
