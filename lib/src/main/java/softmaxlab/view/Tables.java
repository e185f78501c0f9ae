package softmaxlab.view;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;

import softmaxlab.check.ClaimsReport;
import softmaxlab.check.GradientCheck;
import softmaxlab.graph.Expansion;
import softmaxlab.math.Require;
import softmaxlab.train.History;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tablesaw tables of the toolkit's values, for notebooks to show and to query. */
public final class Tables {

    private Tables() {
    }

    /**
     * {@code m} as a table: a first column {@code ""} with the row labels, then one double column per matrix column,
     * named by {@code colLabels}. m: (N, C); rowLabels: N; colLabels: C. Not modified.
     */
    public static Table matrix(String name, DMatrixRMaj m, String[] rowLabels, String[] colLabels) {
        Require.notNull("name", name);
        Require.matrix(name, m);
        requireLabels("rowLabels", rowLabels, m.numRows, name + " has " + m.numRows + " rows");
        requireLabels("colLabels", colLabels, m.numCols, name + " has " + m.numCols + " columns");
        Table table = Table.create(name, StringColumn.create("", rowLabels));
        for (int j = 0; j < m.numCols; j++) {
            double[] column = new double[m.numRows];
            for (int i = 0; i < m.numRows; i++) {
                column[i] = m.get(i, j);
            }
            table.addColumns(DoubleColumn.create(colLabels[j], column));
        }
        return table;
    }

    /** {@code m} with rows and columns labelled by their indices 0, 1, ... m: (N, C). Not modified. */
    public static Table matrix(String name, DMatrixRMaj m) {
        Require.notNull("name", name);
        Require.matrix(name, m);
        return matrix(name, m, indices(m.numRows), indices(m.numCols));
    }

    /**
     * Named values, e.g. a forward pass {@code {z4=2.0, a4=0.09003, L=2.4076}}, as rows {@code (name, value)} in the
     * map's iteration order (use a {@code LinkedHashMap} to keep the order of the derivation). Not modified.
     */
    public static Table values(String name, Map<String, ? extends Number> values) {
        Require.notNull("name", name);
        Require.named("values", values);
        StringColumn names = StringColumn.create("name");
        DoubleColumn numbers = DoubleColumn.create("value");
        values.forEach((key, value) -> {
            names.append(key);
            numbers.append(value.doubleValue());
        });
        return Table.create(name, names, numbers);
    }

    /**
     * Several per-epoch series side by side: a column {@code epoch} (1, 2, ...) and one column per series, e.g.
     * {@code {"train loss": [...], "validation loss": [...]}}. Series must have equal lengths. Not modified.
     */
    public static Table series(String name, Map<String, double[]> series) {
        Require.notNull("name", name);
        int n = Charts.requireSeries(series);
        int[] epochs = new int[n];
        for (int i = 0; i < n; i++) {
            epochs[i] = i + 1;
        }
        Table table = Table.create(name, IntColumn.create("epoch", epochs));
        series.forEach((label, values) -> {
            if (values.length != n) {
                throw new IllegalArgumentException("series '" + label + "' has " + values.length
                        + " values; expected " + n + " like the first series, to put them side by side");
            }
            table.addColumns(DoubleColumn.create(label, values));
        });
        return table;
    }

    /**
     * Training histories side by side, e.g. {@code {"lr 0.1": h1, "lr 1.0": h2}}: a column {@code epoch} and, per
     * history, {@code "<name> loss"}, {@code "<name> train accuracy"} and, when recorded,
     * {@code "<name> validation accuracy"}. A shorter history leaves its later cells missing. Not modified.
     */
    public static Table histories(String name, Map<String, History> histories) {
        Require.notNull("name", name);
        Require.named("histories", histories);
        int rows = histories.values().stream().mapToInt(h -> h.epochs().size()).max().orElse(0);
        History longest = histories.values().stream().filter(h -> h.epochs().size() == rows).findFirst().orElseThrow();
        Table table = Table.create(name,
                IntColumn.create("epoch", longest.epochs().stream().mapToInt(History.Epoch::epoch).toArray()));
        histories.forEach((label, h) -> {
            DoubleColumn loss = DoubleColumn.create(label + " loss");
            DoubleColumn train = DoubleColumn.create(label + " train accuracy");
            DoubleColumn validation = DoubleColumn.create(label + " validation accuracy");
            for (int r = 0; r < rows; r++) {
                History.Epoch e = r < h.epochs().size() ? h.epochs().get(r) : null;
                loss.append(e == null ? Double.NaN : e.loss());
                train.append(e == null ? Double.NaN : e.trainAccuracy());
                validation.append(e == null ? Double.NaN
                        : e.validationAccuracy().orElse(Double.NaN));
            }
            table.addColumns(loss, train);
            if (h.epochs().stream().anyMatch(e -> e.validationAccuracy().isPresent())) {
                table.addColumns(validation);
            }
        });
        return table;
    }

    /**
     * A gradient check's entries, worst first (failures and NaN errors on top, then by relative error): columns
     * {@code parameter, row, col, analytic, numeric, relative error, pass}. Not modified.
     */
    public static Table gradientCheck(GradientCheck.Result result) {
        if (result == null) {
            throw new IllegalArgumentException("result is null; expected a GradientCheck.Result");
        }
        return gradientCheck(result.parameter(), result.entries());
    }

    /** Every parameter's entries of a {@link GradientCheck.Report}, worst first. Not modified. */
    public static Table gradientCheck(GradientCheck.Report report) {
        if (report == null) {
            throw new IllegalArgumentException("report is null; expected a GradientCheck.Report");
        }
        return gradientCheck("gradient check", report.entries());
    }

    private static Table gradientCheck(String name, List<GradientCheck.Entry> entries) {
        List<GradientCheck.Entry> sorted = entries.stream().sorted(WORST_FIRST).toList();
        return Table.create(name,
                StringColumn.create("parameter", sorted.stream().map(GradientCheck.Entry::parameter)),
                IntColumn.create("row", sorted.stream().mapToInt(GradientCheck.Entry::row).toArray()),
                IntColumn.create("col", sorted.stream().mapToInt(GradientCheck.Entry::col).toArray()),
                DoubleColumn.create("analytic", sorted.stream().mapToDouble(GradientCheck.Entry::analytic)),
                DoubleColumn.create("numeric", sorted.stream().mapToDouble(GradientCheck.Entry::numeric)),
                DoubleColumn.create("relative error", sorted.stream().mapToDouble(GradientCheck.Entry::relativeError)),
                BooleanColumn.create("pass", sorted.stream().map(GradientCheck.Entry::pass).toList()));
    }

    /** Failing entries first, then NaN errors, then by decreasing relative error. */
    private static final Comparator<GradientCheck.Entry> WORST_FIRST =
            Comparator.comparing((GradientCheck.Entry e) -> e.pass())
                    .thenComparing(e -> !Double.isNaN(e.relativeError()))
                    .thenComparing(GradientCheck.Entry::relativeError, Comparator.reverseOrder());

    /**
     * A claims report's rows: {@code claim, source (printed / reconstructed / ours), printed, verdict ("✓ holds" /
     * "✗ false"), max discrepancy, tolerance, counterexample, corrected}; printed and corrected forms as inline math {@code $...$}. Not modified.
     */
    public static Table claims(ClaimsReport report) {
        if (report == null) {
            throw new IllegalArgumentException("report is null; expected a ClaimsReport");
        }
        List<ClaimsReport.Row> rows = report.rows();
        return Table.create("claims",
                StringColumn.create("claim", rows.stream().map(ClaimsReport.Row::label)),
                StringColumn.create("source", rows.stream().map(ClaimsReport.Row::source)),
                StringColumn.create("printed", rows.stream().map(r -> Markdown.math(r.printedLatex()))),
                StringColumn.create("verdict", rows.stream().map(r -> r.verdict().equals("holds")
                        ? Html.PASS + " holds" : Html.FAIL + " false")),
                DoubleColumn.create("max discrepancy", rows.stream().mapToDouble(ClaimsReport.Row::maxDiscrepancy)),
                DoubleColumn.create("tolerance", rows.stream().mapToDouble(ClaimsReport.Row::tolerance)),
                StringColumn.create("counterexample", rows.stream().map(ClaimsReport.Row::counterexample)),
                StringColumn.create("corrected", rows.stream().map(r -> Markdown.math(r.correctedLatex()))));
    }

    /**
     * A chain-rule expansion's factors, one row per factor: {@code path} (1, 2, ...), {@code from}, {@code to} (the
     * edge d from / d to), its {@code symbol} and {@code formula} as inline math, and its {@code value}. Not modified.
     */
    public static Table expansion(Expansion expansion) {
        if (expansion == null) {
            throw new IllegalArgumentException("expansion is null; expected a graph Expansion");
        }
        IntColumn path = IntColumn.create("path");
        StringColumn from = StringColumn.create("from");
        StringColumn to = StringColumn.create("to");
        StringColumn symbol = StringColumn.create("symbol");
        StringColumn formula = StringColumn.create("formula");
        DoubleColumn value = DoubleColumn.create("value");
        for (int p = 0; p < expansion.paths().size(); p++) {
            for (Expansion.Factor f : expansion.paths().get(p).factors()) {
                path.append(p + 1);
                from.append(f.parent());
                to.append(f.child());
                symbol.append(Markdown.math(f.symbol()));
                formula.append(Markdown.math(f.formula()));
                value.append(f.value());
            }
        }
        return Table.create("d" + expansion.output() + "/d" + expansion.wrt(), path, from, to, symbol, formula, value);
    }

    static String[] indices(int n) {
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = Integer.toString(i);
        }
        return labels;
    }

    // one non-null label per row (or column); column labels must differ from each other and from "" (the labels'
    // own column), because Tablesaw names columns by them
    private static void requireLabels(String what, String[] labels, int expected, String reason) {
        if (Require.noNulls(what, labels).length != expected) {
            throw new IllegalArgumentException(what + " has " + labels.length + " labels; expected " + expected
                    + " because " + reason);
        }
        if (what.equals("colLabels")) {
            java.util.Set<String> seen = new java.util.HashSet<>(List.of(""));
            for (int j = 0; j < labels.length; j++) {
                if (!seen.add(labels[j].strip().toLowerCase(java.util.Locale.ROOT))) {
                    throw new IllegalArgumentException("colLabels[" + j + "] = \"" + labels[j] + "\" repeats a "
                            + "label or is blank; expected distinct, non-blank column labels");
                }
            }
        }
    }
}
