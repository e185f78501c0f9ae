package softmaxlab.view;

import java.util.function.UnaryOperator;

import softmaxlab.check.ClaimsReport;
import softmaxlab.check.Verdict;
import softmaxlab.graph.Expansion;
import softmaxlab.math.Require;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Markdown renderings for Jupyter's {@code text/markdown}, with LaTeX as {@code $...$} and {@code $$...$$}. */
public final class Markdown {

    private Markdown() {
    }

    /**
     * {@code latex} as inline math {@code $latex$}; "" stays "". A formula quoted from an {@code align} block
     * ({@code A &= B \\ &= C}) keeps its lines as {@code $\begin{aligned}...\end{aligned}$}, since {@code &} and
     * {@code \\} are errors in plain inline math; line breaks of the source become spaces (LaTeX reads them so), so
     * the math stays on one line of Markdown (a table cell, a paragraph).
     */
    public static String math(String latex) {
        String flat = Require.notNull("latex", latex).replaceAll("\\R", " ");
        if (flat.isEmpty()) {
            return "";
        }
        boolean aligned = flat.contains("&") || flat.contains("\\\\");
        return aligned ? "$\\begin{aligned}" + flat + "\\end{aligned}$" : "$" + flat + "$";
    }

    /**
     * The chain rule written out three ways, one display equation each: symbols, the documents' formulas, numbers
     * with their sum; e.g. {@code dL/dw_21 = (dL/do_1)(do_1/dy_1)(dy_1/dw_21) + ...}. Not modified.
     */
    public static String expansion(Expansion e) {
        Require.notNull("e", e);
        return "$$" + e.latexSymbolic() + "$$\n\n$$" + e.latexFormulas() + "$$\n\n$$" + e.latexNumeric() + "$$\n\n"
                + e.paths().size() + (e.paths().size() == 1 ? " path" : " paths") + " from $" + e.outputLatex()
                + "$ to $" + e.wrtLatex() + "$";
    }

    /** One verdict: ✓ or ✗, the claim in bold, the printed form as math, discrepancy, counterexample, correction. */
    public static String verdict(Verdict v) {
        Require.notNull("v", v);
        return mark(v.holds()) + " **" + escape(v.displayLabel()) + "**: "
                + verdictDetails(v, Markdown::escape, UnaryOperator.identity());
    }

    /**
     * What a verdict found, after its label, with plain text passed through {@code plain} and inline math through
     * {@code mathText} (the target format's escaping), e.g. {@code "$(1-a_4) o_1$ is false (max discrepancy 1.8
     * over 51 points, tolerance 1e-06); counterexample at (...); corrected $(a_4-1) o_1$ ✓ holds"}.
     */
    static String verdictDetails(Verdict v, UnaryOperator<String> plain, UnaryOperator<String> mathText) {
        StringBuilder out = new StringBuilder(mathText.apply(math(v.printedLatex())));
        out.append(plain.apply((v.holds() ? " holds" : " is false") + " (max discrepancy "
                + Text.number(v.maxDiscrepancy()) + " over " + v.points() + (v.points() == 1 ? " point" : " points")
                + ", tolerance " + Text.number(v.tolerance()) + ")"));
        if (!v.whereItFails().isEmpty()) {
            out.append(plain.apply("; " + v.whereItFails()));
        }
        v.correction().ifPresent(c -> out.append(plain.apply("; corrected "))
                .append(mathText.apply(math(c.printedLatex())))
                .append(plain.apply(" " + mark(c.holds()) + (c.holds() ? " holds" : " fails"))));
        return out.toString();
    }

    /** A claims report: a count line, then the table of {@link Tables#claims}. Not modified. */
    public static String claims(ClaimsReport report) {
        return Require.notNull("report", report).counts() + "\n\n" + table(Tables.claims(report), Integer.MAX_VALUE);
    }

    /** {@code table} as a Markdown pipe table with at most {@code maxRows} rows, then the row count. Not modified. */
    public static String table(Table table, int maxRows) {
        Text.requireTable(table, maxRows);
        int shown = Math.min(maxRows, table.rowCount());
        StringBuilder out = new StringBuilder("|");
        StringBuilder rule = new StringBuilder("|");
        for (Column<?> column : table.columns()) {
            out.append(' ').append(escape(column.name())).append(" |");
            rule.append(Text.isNumeric(column) ? "---:|" : "---|");
        }
        out.append('\n').append(rule).append('\n');
        for (int r = 0; r < shown; r++) {
            out.append('|');
            for (Column<?> column : table.columns()) {
                out.append(' ').append(Text.cell(column, r).replace("|", "\\|")).append(" |");
            }
            out.append('\n');
        }
        return out.append('\n').append(Text.rowCountNote(table, shown)).toString();
    }

    static String mark(boolean ok) {
        return ok ? Html.PASS : Html.FAIL;
    }

    /** Escapes Markdown emphasis and table characters in plain text. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("|", "\\|");
    }
}
