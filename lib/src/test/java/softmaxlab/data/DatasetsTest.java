package softmaxlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatasetsTest {

    static final double ROUNDING = 1e-12;

    @Test
    void spiralRadiiAreLinspaceAndAnglesAdvanceFourRadiansPerClass() {
        Dataset d = Datasets.spiral(100, 3, 0);
        assertEquals(300, d.size());
        assertEquals(2, d.dims());
        assertArrayEquals(new int[] {100, 100, 100}, d.classCounts());
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 100; i++) {
                int row = 100 * j + i;
                assertEquals(j, d.y()[row]);
                // |x| = r = linspace(0, 1, 100)[i]
                assertEquals(i / 99.0, Math.hypot(d.x().get(row, 0), d.x().get(row, 1)), ROUNDING);
            }
            // last point of class j: r = 1, t = 4(j + 1) + 0.2 noise, so (sin t, cos t) is within 1 rad of it
            int last = 100 * j + 99;
            double t = Math.atan2(d.x().get(last, 0), d.x().get(last, 1));
            double offset = Math.IEEEremainder(t - 4.0 * (j + 1), 2 * Math.PI);
            assertTrue(Math.abs(offset) < 1.0, "class " + j + " ends near angle " + 4 * (j + 1) + ": " + t);
        }
    }

    @Test
    void spiralIsSeeded() {
        assertArrayEquals(Datasets.spiral(20, 3, 7).x().data, Datasets.spiral(20, 3, 7).x().data, 0.0);
        assertTrue(!Arrays.equals(Datasets.spiral(20, 3, 7).x().data, Datasets.spiral(20, 3, 8).x().data));
    }

    @Test
    void blobsHaveTheRequestedSpread() {
        Dataset d = Datasets.blobs(2000, 2, 3, 0.5, 1);
        assertEquals(3, d.dims());
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < 2000; i++) {
                double v = d.x().get(2000 * j + i, 0);
                mean += v / 2000;
                sq += v * v / 2000;
            }
            // sample standard deviation of 2000 normals: within ~3% of sigma
            assertEquals(0.5, Math.sqrt(sq - mean * mean), 0.05);
        }
    }

    @Test
    void permutationContainsEveryIndexOnce() {
        int[] p = Datasets.permutation(50, new Random(3));
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void rejectsNonPositiveSizes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.spiral(0, 3, 1));
        assertEquals("perClass = 0; expected a positive integer", e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> Datasets.blobs(10, 2, 2, -1, 1));
        assertEquals("spread = -1.0; expected a positive finite number", f.getMessage());
    }

    @Test
    void sizesWhoseProductOverflowsIntAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.spiral(65536, 65536, 1));
        assertEquals("perClass * classes * 2 = 65536 * 65536 * 2 entries; expected at most 4194304 "
                + "(Require.MAX_ENTRIES)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Datasets.blobs(1 << 20, 1, 8, 1.0, 1));
        assertTrue(e.getMessage().startsWith("perClass * classes * dims = 1048576 * 1 * 8 entries"), e.getMessage());
    }
}
