package softmaxlab.view;

import java.util.function.Function;

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
        return "$$" + aligned(e, Expansion.Path::latexSymbolic, "") + "$$\n\n$$"
                + aligned(e, Expansion.Path::latexFormulas, "") + "$$\n\n$$"
                + aligned(e, Expansion.Path::latexNumeric, sumLatex(e)) + "$$\n\n"
                + e.paths().size() + (e.paths().size() == 1 ? " path" : " paths") + " from $" + e.outputLatex()
                + "$ to $" + e.wrtLatex() + "$";
    }

    /**
     * The sum over paths with one path a line ({@code aligned}), so a sum of long products wraps instead of running
     * past the notebook's edge; {@code total}, when not "", is a last line {@code = total}.
     */
    static String aligned(Expansion e, Function<Expansion.Path, String> path, String total) {
        StringBuilder out = new StringBuilder("\\begin{aligned}").append(e.latexLeft());
        for (int k = 0; k < e.paths().size(); k++) {
            out.append(k == 0 ? " &= " : " \\\\ &\\quad + ").append(path.apply(e.paths().get(k)));
        }
        if (!total.isEmpty()) {
            out.append(" \\\\ &= ").append(total);
        }
        return out.append("\\end{aligned}").toString();
    }

    /** The sum of an expansion as {@link Expansion#latexNumeric()} prints it, after its last {@code =}. */
    static String sumLatex(Expansion e) {
        String numeric = e.latexNumeric();
        return numeric.substring(numeric.lastIndexOf(" = ") + 3);
    }

    /** One verdict ({@link Verdicts#markdown(Verdict)}). Not modified. */
    public static String verdict(Verdict v) {
        return Verdicts.markdown(v);
    }

    /** A claims report ({@link Verdicts#markdown(ClaimsReport)}). Not modified. */
    public static String claims(ClaimsReport report) {
        return Verdicts.markdown(report);
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
