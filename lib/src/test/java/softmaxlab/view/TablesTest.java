package softmaxlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class TablesTest {

    @Test
    void matrixKeepsLabelsAndValues() {
        DMatrixRMaj w = new DMatrixRMaj(new double[][]{{1, 2, 3}, {4, 5, 6}});
        Table t = Tables.matrix("W", w, new String[]{"x1", "x2"}, new String[]{"c0", "c1", "c2"});
        assertEquals(2, t.rowCount());
        assertEquals(4, t.columnCount());
        assertEquals("x2", t.stringColumn("").get(1));
        assertEquals(6.0, t.doubleColumn("c2").get(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tables.matrix("W", w, new String[]{"x1"}, new String[]{"c0", "c1", "c2"}));
        assertTrue(e.getMessage().contains("rowLabels has 1 labels; expected 2"), e.getMessage());
    }

    @Test
    void valuesKeepTheDerivationOrder() {
        Map<String, Double> forward = new LinkedHashMap<>();
        forward.put("z6", 4.0);
        forward.put("z4", 2.0);
        Table t = Tables.values("forward", forward);
        assertEquals("z6", t.stringColumn("name").get(0));
        assertEquals(2.0, t.doubleColumn("value").get(1));
        assertThrows(IllegalArgumentException.class, () -> Tables.values("empty", Map.of()));
    }

    @Test
    void seriesSideBySide() {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("train", new double[]{1.0, 0.5, 0.25});
        series.put("validation", new double[]{1.1, 0.7, 0.6});
        Table t = Tables.series("histories", series);
        assertEquals(3, t.intColumn("epoch").get(2));
        assertEquals(0.6, t.doubleColumn("validation").get(2));
        series.put("short", new double[]{1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tables.series("h", series));
        assertTrue(e.getMessage().contains("'short' has 1 values; expected 3"), e.getMessage());
    }
}
