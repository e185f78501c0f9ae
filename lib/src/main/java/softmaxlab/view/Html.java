package softmaxlab.view;

import java.util.function.IntPredicate;

import softmaxlab.check.ClaimsReport;
import softmaxlab.check.GradientCheck;
import softmaxlab.check.Verdict;
import softmaxlab.graph.Expansion;
import softmaxlab.math.Require;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** HTML renderings for Jupyter's {@code text/html}: tables with formatted numbers, truncated with a row count. */
public final class Html {

    /** Background of a highlighted (e.g. failing) row; readable in light and dark themes. */
    static final String HIGHLIGHT = "background-color:rgba(220,50,47,0.25)";
    /** Marks for a passed and a failed check. */
    public static final String PASS = "✓";
    public static final String FAIL = "✗";

    private Html() {
    }

    /** {@code table} with at most {@link Text#MAX_ROWS} rows, as {@link #table(Table, int, IntPredicate)}. Not modified. */
    public static String table(Table table) {
        return table(table, Text.MAX_ROWS, row -> false);
    }

    /**
     * {@code table} as an HTML {@code <table>}: its name as caption, numbers right-aligned with
     * {@link Text#SIGNIFICANT_DIGITS} significant digits, at most {@code maxRows} rows, rows where {@code highlight}
     * holds shaded, and a note with the row count ("showing 20 of 1000 rows × 3 columns"). Not modified.
     */
    public static String table(Table table, int maxRows, IntPredicate highlight) {
        Text.requireTable(table, maxRows);
        Require.notNull("highlight", highlight);
        int shown = Math.min(maxRows, table.rowCount());
        StringBuilder out = new StringBuilder("<table class=\"softmaxlab\">");
        if (table.name() != null && !table.name().isBlank()) {
            out.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        out.append("<thead><tr>");
        for (Column<?> column : table.columns()) {
            out.append("<th>").append(escape(column.name())).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (int r = 0; r < shown; r++) {
            out.append(highlight.test(r) ? "<tr style=\"" + HIGHLIGHT + "\">" : "<tr>");
            for (Column<?> column : table.columns()) {
                out.append(Text.isNumeric(column) ? "<td style=\"text-align:right\">" : "<td>")
                        .append(escape(Text.cell(column, r))).append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table>");
        out.append("<p><small>").append(Text.rowCountNote(table, shown))
                .append("</small></p>");
        return out.toString();
    }

    /** One verdict ({@link Verdicts#html(Verdict)}): ✓ or ✗, the claim displayed, where it fails. Not modified. */
    public static String verdict(Verdict v) {
        return Verdicts.html(v);
    }

    /** A claims report ({@link Verdicts#html(ClaimsReport)}): a count line, then a table of the claims. Not modified. */
    public static String claims(ClaimsReport report) {
        return Verdicts.html(report);
    }

    /** A gradient check: its verdict, then its entries worst first with failing rows highlighted. Not modified. */
    public static String gradientCheck(GradientCheck.Result result) {
        Require.notNull("result", result);
        return checked(result.passed(), result.verdict(), Tables.gradientCheck(result));
    }

    /** Every parameter's verdict, then all entries worst first with failing rows highlighted. Not modified. */
    public static String gradientCheck(GradientCheck.Report report) {
        Require.notNull("report", report);
        return checked(report.passed(), report.verdict(), Tables.gradientCheck(report));
    }

    private static String checked(boolean passed, String verdict, Table table) {
        StringBuilder out = new StringBuilder();
        for (String line : verdict.split("\n")) {
            out.append("<p>").append(mark(!line.contains("FAILED"))).append(escape(line)).append("</p>");
        }
        return out + table(table, Text.MAX_ROWS, row -> !table.booleanColumn("pass").get(row));
    }

    /** A chain-rule expansion: its three display equations, then the table of factors. Not modified. */
    public static String expansion(Expansion e) {
        Require.notNull("e", e);
        return "<div>$$" + escape(Markdown.aligned(e, Expansion.Path::latexSymbolic, "")) + "$$</div><div>$$"
                + escape(Markdown.aligned(e, Expansion.Path::latexFormulas, "")) + "$$</div><div>$$"
                + escape(Markdown.aligned(e, Expansion.Path::latexNumeric, Markdown.sumLatex(e))) + "$$</div>"
                + table(Tables.expansion(e));
    }

    private static String mark(boolean ok) {
        return ok ? "<span style=\"color:#2a9d2a\">" + PASS + "</span> " : "<span style=\"color:#d62728\">" + FAIL + "</span> ";
    }

    /** {@code text} with {@code & < > "} escaped for HTML. */
    public static String escape(String text) {
        Require.notNull("text", text);
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
