package softmaxlab.view;

import java.util.Map;

import org.ejml.data.DMatrixRMaj;

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
        if (m == null) {
            throw new IllegalArgumentException(name + " is null; expected a DMatrixRMaj");
        }
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
        if (m == null) {
            throw new IllegalArgumentException(name + " is null; expected a DMatrixRMaj");
        }
        return matrix(name, m, indices(m.numRows), indices(m.numCols));
    }

    /**
     * Named values, e.g. a forward pass {@code {z4=2.0, a4=0.09003, L=2.4076}}, as rows {@code (name, value)} in the
     * map's iteration order (use a {@code LinkedHashMap} to keep the order of the derivation). Not modified.
     */
    public static Table values(String name, Map<String, ? extends Number> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("values is " + (values == null ? "null" : "empty")
                    + "; expected at least one named value");
        }
        StringColumn names = StringColumn.create("name");
        DoubleColumn numbers = DoubleColumn.create("value");
        values.forEach((key, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("value of '" + key + "' is null; expected a number");
            }
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

    static String[] indices(int n) {
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = Integer.toString(i);
        }
        return labels;
    }

    private static void requireLabels(String what, String[] labels, int expected, String reason) {
        if (labels == null || labels.length != expected) {
            throw new IllegalArgumentException(what + " has " + (labels == null ? "null" : labels.length + " labels")
                    + "; expected " + expected + " because " + reason);
        }
    }
}
