package softmaxlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.ejml.data.DMatrixRMaj;
import softmaxlab.math.Require;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * scikit-learn's 8x8 handwritten digits ({@code digits.csv.gz}, the UCI optdigits test set): gzip CSV without a
 * header, one image per line, 64 pixel counts in {@code 0..16} (row-major 8x8) followed by the label {@code 0..9}.
 */
public final class Digits {

    /** Pixels per image (8 x 8). */
    public static final int PIXELS = 64;
    /** Largest pixel count: each pixel counts the "on" bits of a 4x4 block. */
    public static final int MAX_PIXEL = 16;
    /** Digits 0..9. */
    public static final int CLASSES = 10;

    private Digits() {
    }

    /**
     * Reads the file with Tablesaw's CSV reader and returns {@code x: (N, 64)} with pixels scaled to
     * {@code [0, 1]} ({@code value / 16}) and labels in {@code [0, 10)}.
     *
     * @param csvGz path of {@code digits.csv.gz}
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if there is no such file, if a line does not have 65 integers, or a pixel or label is out of range
     */
    public static Dataset load(Path csvGz) throws IOException {
        Require.notNull("csvGz", csvGz);
        if (!Files.isRegularFile(csvGz)) {
            throw new IllegalArgumentException("csvGz " + csvGz.toAbsolutePath() + " is not a file; expected the path "
                    + "of digits.csv.gz (notebooks/data/digits.csv.gz in this repository)");
        }
        Table table;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(csvGz));
             InputStreamReader reader = new InputStreamReader(in, StandardCharsets.US_ASCII)) {
            table = Table.read().usingOptions(CsvReadOptions.builder(reader).header(false)
                    .columnTypes(column -> ColumnType.INTEGER).build());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("csvGz " + csvGz + " could not be read as rows of " + (PIXELS + 1)
                    + " integers: " + e.getMessage(), e);
        }
        if (table.columnCount() != PIXELS + 1 || table.rowCount() == 0) {
            throw new IllegalArgumentException("csvGz " + csvGz + " has " + table.rowCount() + " rows of "
                    + table.columnCount() + " columns; expected at least one row of " + PIXELS
                    + " pixels and a label");
        }
        DMatrixRMaj x = new DMatrixRMaj(table.rowCount(), PIXELS);
        int[] y = new int[table.rowCount()];
        for (int i = 0; i < table.rowCount(); i++) {
            for (int p = 0; p < PIXELS; p++) {
                // pixels 0..16 -> [0, 1]
                x.set(i, p, (double) value(table, csvGz, i, p, MAX_PIXEL) / MAX_PIXEL);
            }
            y[i] = value(table, csvGz, i, PIXELS, CLASSES - 1);
        }
        return new Dataset(x, y, CLASSES);
    }

    private static int value(Table table, Path csvGz, int row, int column, int max) {
        int v = table.intColumn(column).getInt(row);
        if (table.intColumn(column).isMissing(row) || v < 0 || v > max) {
            throw new IllegalArgumentException("csvGz " + csvGz + " line " + (row + 1) + " column " + (column + 1)
                    + " = " + (table.intColumn(column).isMissing(row) ? "missing" : v) + "; expected an integer in [0, "
                    + max + "]");
        }
        return v;
    }
}
