package softmaxlab.view;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;

import softmaxlab.graph.Expansion;
import softmaxlab.math.Require;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Plain-text renderings: numbers to a fixed number of significant digits, aligned tables and matrices, truncated when
 * large. This is what a notebook shows when the front end has no richer type, and what tests and jshell see.
 */
public final class Text {

    /** Significant digits shown for a number: enough to compare with a printed formula, few enough to read. */
    public static final int SIGNIFICANT_DIGITS = 4;
    /** Below this magnitude (and at or above {@link #LARGE}) numbers are shown in scientific notation. */
    static final double SMALL = 1e-4;
    static final double LARGE = 1e6;
    /** Rows of a table shown before the rest is summarized by a row count. */
    public static final int MAX_ROWS = 20;

    private Text() {
    }

    /**
     * {@code x} rounded to {@link #SIGNIFICANT_DIGITS} significant digits, without trailing zeros:
     * {@code 0.40760596 -> "0.4076"}, {@code 3.0 -> "3"}, {@code 123456.0 -> "123456"}, {@code 1.2345e-7 -> "1.235e-07"}, NaN -> {@code "NaN"}.
     */
    public static String number(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return "0";
        }
        double magnitude = Math.abs(x);
        if (magnitude < LARGE && x == Math.rint(x)) {
            // counts and epochs stay exact
            return Long.toString((long) x);
        }
        if (magnitude < SMALL || magnitude >= LARGE) {
            return String.format(java.util.Locale.ROOT, "%." + (SIGNIFICANT_DIGITS - 1) + "e", x)
                    .replaceFirst("\\.?0+e", "e");
        }
        return new BigDecimal(x).round(new MathContext(SIGNIFICANT_DIGITS)).stripTrailingZeros().toPlainString();
    }

    /**
     * One cell of a table as text; doubles and floats through {@link #number(double)}, so a NaN (Tablesaw's missing
     * double) shows as "NaN" rather than hiding a diverged loss; other missing cells are empty.
     */
    static String cell(Column<?> column, int row) {
        if (column instanceof DoubleColumn || column instanceof FloatColumn) {
            return number(((NumericColumn<?>) column).getDouble(row));
        }
        if (column.isMissing(row)) {
            return "";
        }
        return column.getString(row);
    }

    static boolean isNumeric(Column<?> column) {
        return column instanceof NumericColumn<?>;
    }

    /**
     * {@code table} as aligned text: title line, header, at most {@code maxRows} rows, then a row count when rows
     * were left out. Not modified.
     */
    public static String table(Table table, int maxRows) {
        requireTable(table, maxRows);
        int shown = Math.min(maxRows, table.rowCount());
        int columns = table.columnCount();
        String[][] cells = new String[shown + 1][columns];
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            Column<?> column = table.column(c);
            cells[0][c] = column.name();
            for (int r = 0; r < shown; r++) {
                cells[r + 1][c] = cell(column, r);
            }
            for (String[] row : cells) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        if (table.name() != null && !table.name().isBlank()) {
            out.append(table.name()).append('\n');
        }
        for (String[] row : cells) {
            for (int c = 0; c < columns; c++) {
                String pad = " ".repeat(widths[c] - row[c].length());
                out.append(c == 0 ? "" : "  ").append(isNumeric(table.column(c)) ? pad + row[c] : row[c] + pad);
            }
            out.append('\n');
        }
        out.append(rowCountNote(table, shown));
        return out.toString();
    }

    /**
     * "3 rows × 2 columns", or "showing 20 of 1000 rows × 2 columns" when truncated. The columns counted are the data
     * columns: a first column named {@code ""} holds the row labels ({@link Tables#matrix}) and is not counted.
     */
    static String rowCountNote(Table table, int shown) {
        int rows = table.rowCount();
        boolean labelColumn = table.columnCount() > 0 && table.column(0).name().isEmpty();
        int columns = table.columnCount() - (labelColumn ? 1 : 0);
        String prefix = shown < rows ? "showing " + shown + " of " : "";
        return prefix + rows + (rows == 1 ? " row" : " rows") + " × " + columns + (columns == 1 ? " column" : " columns");
    }

    static void requireTable(Table table, int maxRows) {
        Require.notNull("table", table);
        Require.positive("maxRows", maxRows);
    }

    /**
     * {@code m} as aligned rows of numbers under a {@code "DMatrixRMaj (N, C)"} header, at most {@code maxRows} rows
     * and {@code maxCols} columns, elided with "..." in the middle. m: (N, C). Not modified.
     */
    public static String matrix(DMatrixRMaj m, int maxRows, int maxCols) {
        return matrix("DMatrixRMaj", m, maxRows, maxCols);
    }

    /** As {@link #matrix(DMatrixRMaj, int, int)} under the header {@code "kind (N, C)"}. */
    static String matrix(String kind, DMatrixRMaj m, int maxRows, int maxCols) {
        Latex.requireMatrix(m, maxRows, maxCols);
        int[] rows = Latex.shownIndices(m.numRows, maxRows);
        int[] cols = Latex.shownIndices(m.numCols, maxCols);
        String[][] cells = new String[rows.length][cols.length];
        int width = 3;
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                cells[i][j] = rows[i] < 0 ? "..." : cols[j] < 0 ? "..." : number(m.get(rows[i], cols[j]));
                width = Math.max(width, cells[i][j].length());
            }
        }
        StringBuilder out = new StringBuilder(kind + " (" + m.numRows + ", " + m.numCols + ")\n");
        for (String[] row : cells) {
            for (int j = 0; j < row.length; j++) {
                out.append(j == 0 ? "[" : " ").append(" ".repeat(width - row[j].length())).append(row[j]);
            }
            out.append(" ]\n");
        }
        return out.toString();
    }

    /**
     * A chain-rule expansion as text: {@code "dL/dw21 = -0.1234 (2 paths)"}, then one line per path with its chain of
     * nodes, factor values and product. Not modified.
     */
    public static String expansion(Expansion e) {
        Require.notNull("e", e);
        StringBuilder out = new StringBuilder("d" + e.output() + "/d" + e.wrt() + " = " + number(e.sum()) + " ("
                + e.paths().size() + (e.paths().size() == 1 ? " path)" : " paths)"));
        for (int p = 0; p < e.paths().size(); p++) {
            Expansion.Path path = e.paths().get(p);
            StringBuilder chain = new StringBuilder(e.output());
            StringBuilder factors = new StringBuilder();
            for (Expansion.Factor f : path.factors()) {
                chain.append(" -> ").append(f.child());
                factors.append(factors.length() == 0 ? "" : " * ").append('(').append(number(f.value())).append(')');
            }
            out.append("\n  path ").append(p + 1).append(": ").append(chain).append(": ")
                    .append(factors.length() == 0 ? "1" : factors).append(" = ").append(number(path.product()));
        }
        return out.toString();
    }

    /** Commands written as a symbol in plain text; other commands lose their backslash. */
    private static final Map<String, String> SYMBOLS = Map.ofEntries(Map.entry("partial", "∂"),
            Map.entry("sum", "Σ"), Map.entry("times", "×"), Map.entry("cdot", "·"), Map.entry("ne", " ≠ "),
            Map.entry("neq", " ≠ "), Map.entry("le", " ≤ "), Map.entry("ge", " ≥ "), Map.entry("infty", "∞"),
            Map.entry("alpha", "α"), Map.entry("beta", "β"), Map.entry("gamma", "γ"), Map.entry("delta", "δ"),
            Map.entry("epsilon", "ε"), Map.entry("eta", "η"), Map.entry("theta", "θ"), Map.entry("lambda", "λ"),
            Map.entry("mu", "μ"), Map.entry("pi", "π"), Map.entry("sigma", "σ"), Map.entry("tau", "τ"),
            Map.entry("nabla", "∇"), Map.entry("left", ""), Map.entry("right", ""), Map.entry("quad", "  "),
            Map.entry("qquad", "    "), Map.entry("{", "{"), Map.entry("}", "}"), Map.entry(",", " "),
            Map.entry(";", " "), Map.entry("!", ""), Map.entry(" ", " "), Map.entry("\\", "\n"),
            Map.entry("top", "T"), Map.entry("intercal", "T"), Map.entry("odot", " ⊙ "), Map.entry("in", " ∈ "),
            Map.entry("|", "‖"), Map.entry("ell", "ℓ"), Map.entry("cdots", "⋯"), Map.entry("ldots", "…"),
            Map.entry("dots", "…"), Map.entry("approx", " ≈ "), Map.entry("to", " → "), Map.entry("phi", "φ"),
            Map.entry("psi", "ψ"), Map.entry("omega", "ω"), Map.entry("rho", "ρ"), Map.entry("xi", "ξ"),
            Map.entry("zeta", "ζ"), Map.entry("kappa", "κ"), Map.entry("nu", "ν"), Map.entry("chi", "χ"),
            Map.entry("Delta", "Δ"), Map.entry("Sigma", "Σ"), Map.entry("varepsilon", "ε"));

    // accents over one letter, as Unicode's combining marks: \hat{y} is ŷ
    private static final Map<String, String> ACCENTS = Map.of("hat", "\u0302", "widehat", "\u0302", "bar", "\u0304",
            "overline", "\u0304", "tilde", "\u0303", "widetilde", "\u0303", "dot", "\u0307", "vec", "\u20d7");

    /**
     * {@code latex} in plain text a reader can follow without LaTeX, for {@code text/plain}:
     * {@code \frac{\partial L}{\partial o_1} = -\frac{t_1}{o_1}} is {@code ∂L/∂o_1 = -t_1/o_1}; a fraction's parts
     * are parenthesized when they are not one term, {@code e^{y_1}} is {@code e^y_1}, an {@code aligned} chain keeps
     * one step per line. Not a parser: it rewrites the text, and what it does not know it keeps.
     */
    public static String math(String latex) {
        Require.notNull("latex", latex);
        String body = latex.replace("\\begin{aligned}", "").replace("\\end{aligned}", "");
        return plain(body, new int[]{0}, 0).replaceAll("[ \\t]+", " ").replaceAll(" ?\n ?", "\n  ").strip()
                // a sign before a fraction: -1/a_4, not - 1/a_4
                .replaceAll("(^|[=(] ?)- ", "$1-").replace("( ", "(").replace(" )", ")");
    }

    // the plain text of s from pos[0] to the end or to the } that closes the group at depth > 0
    private static String plain(String s, int[] pos, int depth) {
        StringBuilder out = new StringBuilder();
        while (pos[0] < s.length()) {
            char c = s.charAt(pos[0]);
            if (c == '}' && depth > 0) {
                pos[0]++;
                return out.toString();
            }
            pos[0]++;
            if (c == '{') {
                out.append(plain(s, pos, depth + 1));
            } else if (c == '&') {
                out.append(' ');
            } else if ((c == '_' || c == '^') && pos[0] < s.length()) {
                String arg = argument(s, pos, depth);
                boolean bare = arg.length() <= 1 || arg.matches("\\([^()]*\\)") || arg.matches(c == '_' ? "[\\w.]+" : "[\\p{Alnum}.]+");
                out.append(c).append(bare ? arg : "(" + arg + ")");
                // w_{21}h_1: a space before what follows, so the subscript ends visibly
                if (pos[0] < s.length() && (Character.isLetter(s.charAt(pos[0])) || "\\{".indexOf(s.charAt(pos[0])) >= 0)) {
                    out.append(' ');
                }
            } else if (c == '\\' && pos[0] < s.length()) {
                out.append(command(s, pos, depth));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // one argument: a {group} or a single character
    private static String argument(String s, int[] pos, int depth) {
        while (pos[0] < s.length() && s.charAt(pos[0]) == ' ') {
            pos[0]++;
        }
        if (pos[0] < s.length() && s.charAt(pos[0]) == '{') {
            pos[0]++;
            return plain(s, pos, depth + 1).strip();
        }
        // a command is one argument: ^\top is ^T, not ^ followed by "top"
        if (pos[0] + 1 < s.length() && s.charAt(pos[0]) == '\\') {
            pos[0]++;
            return command(s, pos, depth).strip();
        }
        return pos[0] < s.length() ? String.valueOf(s.charAt(pos[0]++)) : "";
    }

    private static String command(String s, int[] pos, int depth) {
        int start = pos[0];
        if (Character.isLetter(s.charAt(pos[0]))) {
            while (pos[0] < s.length() && Character.isLetter(s.charAt(pos[0]))) {
                pos[0]++;
            }
        } else {
            pos[0]++;
        }
        String name = s.substring(start, pos[0]);
        if (Character.isLetter(name.charAt(0))) {
            // as in LaTeX, spaces after a command's name are not part of the text
            while (pos[0] < s.length() && s.charAt(pos[0]) == ' ') {
                pos[0]++;
            }
        }
        switch (name) {
            case "frac", "dfrac", "tfrac" -> {
                String top = argument(s, pos, depth);
                String bottom = argument(s, pos, depth);
                // spaced, so a product of fractions reads as one: ∂L/∂o_1 ∂o_1/∂y_1
                return " " + term(top) + "/" + term(bottom) + " ";
            }
            case "sqrt" -> {
                return "√" + term(argument(s, pos, depth));
            }
            case "text", "mathrm", "operatorname", "mathbf", "mathcal", "mathsf", "mathit", "mathbb", "boldsymbol",
                 "bm" -> {
                return argument(s, pos, depth);
            }
            case "hat", "widehat", "bar", "overline", "tilde", "widetilde", "dot", "vec" -> {
                String arg = argument(s, pos, depth);
                return arg.codePointCount(0, arg.length()) == 1 ? arg + ACCENTS.get(name) : name + "(" + arg + ")";
            }
            default -> {
                String symbol = SYMBOLS.get(name);
                return symbol != null ? symbol : name.matches("[A-Za-z]+") ? " " + name + " " : name;
            }
        }
    }

    // a fraction's part: in parentheses unless it is one term (∂L, a_4, 2)
    private static String term(String part) {
        String p = part.strip();
        boolean single = p.matches("[∂√]?[\\p{L}\\d.]+([_^](\\([^()]*\\)|[\\w.]+))*");
        return single || p.startsWith("(") && p.endsWith(")") && p.indexOf(')') == p.length() - 1 ? p : "(" + p + ")";
    }
}
