package softmaxlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsTest {

    /** The committed copy, relative to lib/ where the tests run. */
    static final Path COMMITTED = Path.of("../notebooks/data/digits.csv.gz");

    @TempDir
    Path dir;

    @Test
    void readsTwoWrittenLinesAndScalesPixelsToZeroOne() throws IOException {
        Path file = write("digits.csv.gz", line(16, 8, 3) + "\n" + line(0, 4, 9) + "\n");
        Dataset d = Digits.load(file);
        assertEquals(2, d.size());
        assertEquals(64, d.dims());
        assertArrayEquals(new int[] {3, 9}, d.y());
        assertEquals(1.0, d.x().get(0, 0));
        assertEquals(0.5, d.x().get(0, 1));
        assertEquals(0.25, d.x().get(1, 1));
    }

    @Test
    void readsTheRealFileWhenPresent() throws IOException {
        assumeTrue(Files.exists(COMMITTED), "notebooks/data/digits.csv.gz not present");
        Dataset d = Digits.load(COMMITTED);
        assertEquals(1797, d.size());
        assertEquals(64, d.dims());
        for (int count : d.classCounts()) {
            assertTrue(count >= 174 && count <= 183, "174 to 183 images per class: " + count);
        }
        // first image of scikit-learn's load_digits(): label 0, pixel 2 = 5, pixel 3 = 13
        assertEquals(0, d.y()[0]);
        assertEquals(5 / 16.0, d.x().get(0, 2));
        assertEquals(13 / 16.0, d.x().get(0, 3));
    }

    @Test
    void rejectsAPixelAboveSixteen() throws IOException {
        Path file = write("bad.csv.gz", line(17, 0, 1) + "\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Digits.load(file));
        assertEquals("csvGz " + file + " line 1 column 1 = 17; expected an integer in [0, 16]", e.getMessage());
    }

    @Test
    void rejectsALineWithoutTheLabel() throws IOException {
        Path file = write("short.csv.gz", "1,2,3\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Digits.load(file));
        assertEquals("csvGz " + file + " has 1 rows of 3 columns; expected at least one row of 64 pixels and a label",
                e.getMessage());
    }

    /** 64 pixels: the first two given, the rest 0; then the label. */
    private static String line(int first, int second, int label) {
        StringBuilder s = new StringBuilder().append(first).append(',').append(second);
        for (int p = 2; p < 64; p++) {
            s.append(",0");
        }
        return s.append(',').append(label).toString();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }
}
