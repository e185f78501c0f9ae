package softmaxlab.view;

import java.util.List;

import softmaxlab.check.Ledger;
import softmaxlab.math.Require;

/**
 * A document's {@link Ledger} as a table within a notebook's width: columns of fixed share, text wrapped, one row per
 * assertion with its quote, gloss, kind, verdict, correction or condition, and a link to the section that checks it.
 */
public final class Ledgers {

    /** The columns and their shares of the width, in percent. */
    static final List<String> HEADERS = List.of("id", "kind", "quote", "gloss", "verdict",
            "corrected / condition", "checked in");
    static final int[] WIDTHS = {6, 9, 20, 21, 10, 20, 14};
    // the longest formula quote typeset in its column (about a fifth of the notebook's width)
    private static final int MAX_TYPESET = 40;
    private static final String CELL = "text-align:left;vertical-align:top;overflow-wrap:anywhere";

    private Ledgers() {
    }

    /**
     * The ledger as HTML: its counts, then the table; false and conditional rows shaded, with the evidence their
     * check recorded under the correction; every verdict's cell titled with its evidence. Gloss and correction may
     * hold inline math {@code $...$}. Not modified.
     */
    public static String html(Ledger ledger) {
        Require.notNull("ledger", ledger);
        StringBuilder out = new StringBuilder("<p>").append(Html.escape(ledger.toString())).append("</p>")
                .append("<table class=\"softmaxlab\" style=\"table-layout:fixed;width:100%\"><colgroup>");
        for (int w : WIDTHS) {
            out.append("<col style=\"width:").append(w).append("%\">");
        }
        out.append("</colgroup><thead><tr>");
        for (String h : HEADERS) {
            out.append("<th style=\"").append(CELL).append("\">").append(h).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (Ledger.Row row : ledger.rows()) {
            String verdict = row.verdict().map(Ledger.Judgement::word).orElse("");
            boolean shaded = verdict.equals("false") || verdict.equals("conditional");
            String evidence = ledger.outcome(row.id()).map(Ledger.Outcome::evidence).orElse("");
            out.append(shaded ? "<tr style=\"" + Html.HIGHLIGHT + "\">" : "<tr>");
            cell(out, "", row.id());
            cell(out, "", row.kind().word());
            // a printed formula is typeset, as the notebook's markdown shows it; a long one (an aligned chain) in
            // plain text, which wraps within the column where typeset math would run past the notebook's edge
            if (row.kind() == Ledger.Kind.FORMULA && row.quote().length() <= MAX_TYPESET) {
                out.append("<td style=\"").append(CELL).append("\"><div style=\"overflow-x:auto\">$")
                        .append(Html.escape(row.quote())).append("$</div></td>");
            } else {
                // prose quoting a formula without $...$ shows it in plain text, not as raw LaTeX
                boolean raw = row.kind() == Ledger.Kind.FORMULA
                        || row.quote().contains("\\") && !row.quote().contains("$");
                cell(out, "", raw ? Text.math(row.quote()) : row.quote());
            }
            cell(out, "", row.gloss());
            cell(out, Text.math(evidence), mark(verdict) + verdict);
            // a false or conditional row shows what its check computed: the counterexample, or where it fails
            out.append("<td style=\"").append(CELL).append("\">").append(Html.escape(row.correction()));
            if (shaded && !evidence.isEmpty()) {
                // the evidence holds verdicts' LaTeX inside sentences: shown in plain text
                out.append("<br><small>computed: ").append(Html.escape(Text.math(evidence))).append("</small>");
            }
            out.append("</td>");
            out.append("<td style=\"").append(CELL).append("\">");
            if (!row.check().isEmpty()) {
                out.append("<a href=\"#").append(Html.escape(anchor(row.check()))).append("\">")
                        .append(Html.escape(row.check())).append("</a>");
            }
            out.append("</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    /** The ledger as text: its counts, then one line per row {@code "id [kind] verdict: quote | gloss | ..."}. */
    public static String text(Ledger ledger) {
        Require.notNull("ledger", ledger);
        StringBuilder out = new StringBuilder(ledger.toString());
        for (Ledger.Row row : ledger.rows()) {
            out.append('\n').append(row.id()).append(" [").append(row.kind().word()).append("] ")
                    .append(row.verdict().map(Ledger.Judgement::word).orElse("(no verdict)")).append(": ")
                    .append(row.quote()).append(" | ").append(row.gloss());
            if (!row.correction().isEmpty()) {
                out.append(" | ").append(row.correction());
            }
            if (!row.check().isEmpty()) {
                out.append(" (").append(row.check()).append(')');
            }
        }
        return out.toString();
    }

    /** A heading's anchor as JupyterLab and nbconvert make it: its text with spaces as hyphens. */
    static String anchor(String heading) {
        return heading.strip().replace(' ', '-');
    }

    private static void cell(StringBuilder out, String title, String text) {
        out.append("<td style=\"").append(CELL).append('"');
        if (!title.isEmpty()) {
            out.append(" title=\"").append(Html.escape(title)).append('"');
        }
        out.append('>').append(Html.escape(text)).append("</td>");
    }

    private static String mark(String verdict) {
        return switch (verdict) {
            case "holds" -> Html.PASS + " ";
            case "false" -> Html.FAIL + " ";
            case "conditional" -> "◐ ";
            default -> "";
        };
    }
}
