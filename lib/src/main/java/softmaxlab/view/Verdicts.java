package softmaxlab.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import softmaxlab.check.ClaimsReport;
import softmaxlab.check.DerivationCell;
import softmaxlab.check.Verdict;
import softmaxlab.math.Require;

/**
 * Verdicts written once for three targets ({@link Format}: HTML, Markdown, plain text): the claim as a display, one
 * step of a chain per line, so a long chain wraps instead of shrinking; math typeset wherever it appears (plain text
 * gets {@link Text#math}); where a false claim fails, at the leaves the failing step depends on, the other leaves
 * behind an expandable details element.
 */
public final class Verdicts {

    /** How one target writes text, math and structure. */
    interface Format {
        /** Plain words, escaped for the target. */
        String text(String plain);

        /** Inline math. */
        String math(String latex);

        /** A display on its own line(s). */
        String display(String latex);

        /** A part a reader opens on request. */
        String details(String summary, String body);

        /** A paragraph. */
        String paragraph(String content);

        /** ✓ or ✗, coloured where the target can. */
        String mark(boolean ok);

        /** Emphasis for a label. */
        String bold(String plain);
    }

    static final Format HTML = new Format() {
        public String text(String plain) {
            return Html.escape(plain);
        }

        public String math(String latex) {
            return Html.escape(Markdown.math(latex));
        }

        public String display(String latex) {
            return "<div style=\"overflow-x:auto\">$$" + Html.escape(latex) + "$$</div>";
        }

        public String details(String summary, String body) {
            return "<details style=\"display:inline\"><summary>" + summary + "</summary>" + body + "</details>";
        }

        public String paragraph(String content) {
            return "<p>" + content + "</p>";
        }

        public String mark(boolean ok) {
            return ok ? "<span style=\"color:#2a9d2a\">" + Html.PASS + "</span>"
                    : "<span style=\"color:#d62728\">" + Html.FAIL + "</span>";
        }

        public String bold(String plain) {
            return "<b>" + Html.escape(plain) + "</b>";
        }
    };

    static final Format MARKDOWN = new Format() {
        public String text(String plain) {
            return Markdown.escape(plain);
        }

        public String math(String latex) {
            return Markdown.math(latex);
        }

        public String display(String latex) {
            return "\n\n$$" + latex.replaceAll("\\R", " ") + "$$\n\n";
        }

        public String details(String summary, String body) {
            return "<details><summary>" + summary + "</summary>\n\n" + body + "\n\n</details>";
        }

        public String paragraph(String content) {
            return content + "\n\n";
        }

        public String mark(boolean ok) {
            return Markdown.mark(ok);
        }

        public String bold(String plain) {
            return "**" + Markdown.escape(plain) + "**";
        }
    };

    static final Format PLAIN = new Format() {
        public String text(String plain) {
            return plain;
        }

        public String math(String latex) {
            return Text.math(latex);
        }

        public String display(String latex) {
            return "\n    " + Text.math(latex).replace("\n", "\n    ") + "\n";
        }

        public String details(String summary, String body) {
            return "(" + summary + ": " + body + ")";
        }

        public String paragraph(String content) {
            return content.strip() + "\n";
        }

        public String mark(boolean ok) {
            return Markdown.mark(ok);
        }

        public String bold(String plain) {
            return plain;
        }
    };

    private Verdicts() {
    }

    /** {@code v} as HTML: the verdict line, the claim as a display, where it fails, the corrected form. */
    public static String html(Verdict v) {
        return "<div class=\"softmaxlab-verdict\">" + verdict(v, HTML) + "</div>";
    }

    /** {@code v} as Markdown, the parts of {@link #html}. */
    public static String markdown(Verdict v) {
        return verdict(v, MARKDOWN).replaceAll("\n{3,}", "\n\n").strip();
    }

    /** {@code v} as plain text: the formula in {@link Text#math}'s plain notation, no LaTeX. */
    public static String text(Verdict v) {
        return verdict(v, PLAIN).strip();
    }

    /** A derivation cell's verdicts and refusals, one after the other; a cell without claims says what it built. */
    public static String html(DerivationCell cell) {
        return cell(cell, HTML, Verdicts::html, "", "<p>" + Html.escape(cell.summary()) + "</p>");
    }

    /** A derivation cell as Markdown, as {@link #html(DerivationCell)}. */
    public static String markdown(DerivationCell cell) {
        return cell(cell, MARKDOWN, Verdicts::markdown, "\n\n", Markdown.escape(cell.summary()));
    }

    /** A derivation cell as plain text, as {@link #html(DerivationCell)}. */
    public static String text(DerivationCell cell) {
        return cell(cell, PLAIN, Verdicts::text, "\n\n", cell.summary());
    }

    private static String cell(DerivationCell cell, Format f, Function<Verdict, String> verdict,
                               String glue, String empty) {
        if (cell.verdicts().isEmpty() && cell.refusals().isEmpty()) {
            return empty;
        }
        List<String> parts = new ArrayList<>(cell.verdicts().stream().map(verdict).toList());
        // the library's reason quotes LaTeX; shown in plain notation, as the text format shows formulas
        cell.refusals().forEach((label, reason) -> parts.add(f.paragraph(f.mark(true) + " " + f.bold(label) + ": "
                + f.text("refused, as expected: " + Text.math(reason.lines().findFirst().orElse("")))).strip()));
        return String.join(glue, parts);
    }

    static String verdict(Verdict v, Format f) {
        Require.notNull("v", v);
        // a formula is displayed below the verdict line; a printed number stays in it
        boolean formula = !v.steps().isEmpty() || v.printedLatex().contains("=");
        StringBuilder out = new StringBuilder(f.paragraph(f.mark(v.holds()) + " " + f.bold(v.displayLabel()) + ": "
                + (formula ? "" : f.math(v.printedLatex()) + " ") + f.text(outcome(v))));
        if (formula) {
            out.append(f.display(claim(v)));
        }
        if (!v.holds()) {
            out.append(f.paragraph(whereItFails(v, f)));
        }
        v.correction().ifPresent(c -> out.append(f.paragraph(f.text("Corrected: ") + (formula ? ""
                : f.math(c.printedLatex()) + " ") + f.mark(c.holds()) + " " + f.text(c.holds() ? "holds" : "fails")
                + (c.holds() ? "" : ", " + whereItFails(c, f)))).append(formula ? f.display(claim(c)) : ""));
        return out.toString();
    }

    private static String outcome(Verdict v) {
        return (v.holds() ? "holds" : "false") + " (max discrepancy " + Text.number(v.maxDiscrepancy()) + " over "
                + v.points() + (v.points() == 1 ? " point" : " points") + ", tolerance " + Text.number(v.tolerance())
                + ")";
    }

    /** The claim as LaTeX for a display: a chain one step per line ({@code aligned}), the broken step marked. */
    static String claim(Verdict v) {
        return claim(v, true);
    }

    /** As {@link #claim(Verdict)}; in a table the broken step is named in its own column, so not marked. */
    static String claim(Verdict v, boolean marked) {
        // a step written over several lines of a cell is one line of the display
        List<String> steps = v.steps().stream().map(Verdicts::oneLine).toList();
        if (steps.isEmpty()) {
            return oneLine(v.printedLatex());
        }
        int broken = v.brokenStep().orElse(0);
        StringBuilder out = new StringBuilder("\\begin{aligned}").append(steps.get(0));
        for (int k = 1; k < steps.size(); k++) {
            out.append(k == 1 ? " &= " : " \\\\ &= ").append(steps.get(k));
            if (marked && k == broken) {
                out.append(" && \\text{(breaks here)}");
            }
        }
        return out.append("\\end{aligned}").toString();
    }

    /**
     * Where a false claim fails: the step that breaks (a chain) or the counterexample, at the leaves it depends on,
     * the others on request.
     */
    static String whereItFails(Verdict v, Format f) {
        // vector and matrix sides: the entry shown, or the shapes and a transpose
        if (v.counterexample().isEmpty()) {
            // sides of different shapes: no entry to show, the shapes say why
            String shapes = v.note().isEmpty() ? ""
                    : Character.toUpperCase(v.note().charAt(0)) + v.note().substring(1) + ".";
            return v.brokenStep().isPresent() ? steps(v, f) + f.text(". " + shapes) : f.text(shapes);
        }
        String note = v.note().isEmpty() ? "" : f.text(" (" + v.note() + ")");
        return brokenAt(v, f, v.counterexample().get()) + note;
    }

    // "The first = that breaks is between step k and step k+1: A \ne B"
    private static String steps(Verdict v, Format f) {
        int k = v.brokenStep().getAsInt();
        return f.text("The first = that breaks is between step " + k + " and step " + (k + 1) + ": ")
                + f.math(oneLine(v.steps().get(k - 1)) + " \\ne " + oneLine(v.steps().get(k)));
    }

    private static String brokenAt(Verdict v, Format f, Verdict.Sample c) {
        String at = point(v, c, f);
        if (v.brokenStep().isPresent()) {
            int k = v.brokenStep().getAsInt();
            return steps(v, f) + (at.isEmpty() ? "" : f.text(" ") + at) + f.text(": step " + k + " = "
                    + Text.number(c.truth()) + ", step " + (k + 1) + " = " + Text.number(c.printed()) + ".");
        }
        return f.text("Counterexample" + (at.isEmpty() ? "" : " ")) + at + f.text(": printed "
                + Text.number(c.printed()) + ", true " + Text.number(c.truth()) + ".");
    }

    // "at a_4 = 0.09, o_1 = 1 (the leaves it depends on; the other 12 on request)"
    private static String point(Verdict v, Verdict.Sample c, Format f) {
        List<String> names = c.variables();
        if (names.isEmpty()) {
            return "";
        }
        double[] x = c.point();
        List<String> latex = v.focus().map(Verdict.Focus::latex).orElse(names);
        List<String> shown = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String assignment = latex.get(i) + " = " + Latex.number(x[i]);
            String name = names.get(i);
            boolean depends = v.focus().map(fc -> fc.dependsOn().contains(name)).orElse(true);
            (depends ? shown : others).add(assignment);
        }
        String head = shown.isEmpty() ? f.text("at a point where it depends on no leaf")
                : f.text("at ") + assignments(shown, f);
        if (others.isEmpty()) {
            return head;
        }
        return head + f.text(" (what it depends on) ") + f.details(f.text("the other " + others.size()
                + (others.size() == 1 ? " leaf" : " leaves")), assignments(others, f));
    }

    // one piece of math per assignment, so a long list wraps between them
    private static String assignments(List<String> latex, Format f) {
        return String.join(f.text(", "), latex.stream().map(f::math).toList());
    }

    /**
     * A claims report as an HTML table that fits a notebook's width: claim, the claim as written (a chain one step per
     * line), verdict, and for a false claim where it fails (opened on request) and its corrected form; cells wrap,
     * false claims are highlighted.
     */
    public static String html(ClaimsReport report) {
        Require.notNull("report", report);
        StringBuilder out = new StringBuilder("<p>" + HTML.mark(report.falseClaims().isEmpty()) + " "
                + Html.escape(report.counts()) + "</p>");
        out.append("<table class=\"softmaxlab\" style=\"width:100%;table-layout:auto\"><thead><tr>");
        for (String h : COLUMNS) {
            out.append("<th style=\"text-align:left\">").append(h).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        String td = "<td style=\"text-align:left;vertical-align:top;white-space:normal;overflow-wrap:break-word\">";
        for (Verdict v : ordered(report)) {
            out.append(v.holds() ? "<tr>" : "<tr style=\"" + Html.HIGHLIGHT + "\">");
            out.append(td).append(Html.escape(v.displayLabel())).append("</td>");
            out.append(td).append(HTML.math(claim(v, false))).append("</td>");
            out.append(td).append(HTML.mark(v.holds())).append(v.holds() ? " holds" : " false").append("<br><small>")
                    .append(Html.escape(details(v))).append("</small></td>");
            out.append(td).append(failure(v, HTML)).append("</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    /** A claims report as a Markdown table, the columns of {@link #html(ClaimsReport)}. */
    public static String markdown(ClaimsReport report) {
        Require.notNull("report", report);
        StringBuilder out = new StringBuilder(report.counts()).append("\n\n| ")
                .append(String.join(" | ", COLUMNS)).append(" |\n|---|---|---|---|\n");
        for (Verdict v : ordered(report)) {
            out.append("| ").append(cell(Markdown.escape(v.displayLabel())))
                    .append(" | ").append(cell(MARKDOWN.math(claim(v, false))))
                    .append(" | ").append(cell(Markdown.mark(v.holds()) + (v.holds() ? " holds" : " false") + " ("
                            + details(v) + ")"))
                    .append(" | ").append(cell(failure(v, MARKDOWN))).append(" |\n");
        }
        return out.toString().strip();
    }

    private static final List<String> COLUMNS = List.of("claim", "as written", "verdict", "where it fails, corrected");

    // "max discrepancy 1.8 over 51 points, tolerance 1e-06"
    private static String details(Verdict v) {
        return outcome(v).replaceFirst("^\\w+ \\((.*)\\)$", "$1");
    }

    // a false claim: where it fails, on request, then its corrected form
    private static String failure(Verdict v, Format f) {
        if (v.holds()) {
            return "";
        }
        String summary = v.brokenStep().isPresent() ? "breaks after step " + v.brokenStep().getAsInt()
                : "counterexample";
        String corrected = v.correction().map(c -> f.text(" corrected: ") + f.mark(c.holds()) + " "
                + f.math(claim(c, false))).orElse("");
        return f.details(f.text(summary), whereItFails(v, f)) + corrected;
    }

    /** A claims report as plain text: the counts, then each verdict as {@link #text(Verdict)}. */
    public static String text(ClaimsReport report) {
        Require.notNull("report", report);
        List<String> parts = new ArrayList<>(List.of(report.counts()));
        ordered(report).forEach(v -> parts.add(text(v)));
        return String.join("\n\n", parts);
    }

    // printed first, then reconstructed, then ours, as ClaimsReport.rows orders them
    private static List<Verdict> ordered(ClaimsReport report) {
        List<Verdict> out = new ArrayList<>();
        for (Verdict.Source s : Verdict.Source.values()) {
            out.addAll(report.verdicts(s));
        }
        return out;
    }

    private static String oneLine(String latex) {
        return latex.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    // one line of a pipe table
    private static String cell(String markdown) {
        return markdown.replaceAll("\\R", " ");
    }
}
