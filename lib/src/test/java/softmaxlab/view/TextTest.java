package softmaxlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class TextTest {

    /** Relative error allowed when reading back a number shown with 4 significant digits. */
    static final double FOUR_DIGITS = 5e-4;

    @Test
    void mathInPlainTextKeepsTransposesFontsAndAccents() {
        // each command read as one symbol; before, ^\\top printed "^\\ top" and \\mathcal{L} "mathcal L"
        assertEquals("X^T(2S)", Text.math("X^\\top (2S)"));
        assertEquals("(A - Y)^T X", Text.math("(A - Y)^{\\top} X"));
        assertEquals("∂L/∂W = 1/N X^T(A - Y)",
                Text.math("\\frac{\\partial \\mathcal{L}}{\\partial W} = \\frac{1}{N} X^\\top(A - Y)"));
        assertEquals("y\u0302 - y", Text.math("\\hat{y} - y"));
        assertEquals("hat(xy)", Text.math("\\hat{xy}"));
        assertEquals("a ⊙ b", Text.math("a \\odot b"));
        assertEquals("‖W‖_F^2", Text.math("\\|W\\|_F^2"));
        assertEquals("W^T", Text.math("W^{\\mathsf T}"));
    }

    @Test
    void numbersHaveFourSignificantDigits() {
        assertEquals("0.4076", Text.number(0.40760596));
        assertEquals("3", Text.number(3.0));
        assertEquals("123456", Text.number(123456.0));
        assertEquals("-2.5", Text.number(-2.5));
        assertEquals("1.235e-07", Text.number(1.2345e-7));
        assertEquals("1e-10", Text.number(1e-10));
        assertEquals("1.5e+06", Text.number(1.5e6));
        assertEquals("0", Text.number(0.0));
        assertEquals("NaN", Text.number(Double.NaN));
        assertEquals("-inf", Text.number(Double.NEGATIVE_INFINITY));
    }

    @Property
    void numberReadsBackWithinFourDigits(@ForAll @DoubleRange(min = -1e9, max = 1e9) double x) {
        double back = Double.parseDouble(Text.number(x).replace("inf", "Infinity"));
        assertTrue(Math.abs(back - x) <= FOUR_DIGITS * Math.abs(x), x + " shown as " + Text.number(x));
    }

    @Test
    void tableTextIsAlignedAndCountsRows() {
        Map<String, Double> forward = new LinkedHashMap<>();
        forward.put("z4", 2.0);
        forward.put("a4", 0.0900305731703805);
        String text = Text.table(Tables.values("forward", forward), Text.MAX_ROWS);
        assertEquals("forward\nname    value\nz4          2\na4    0.09003\n2 rows × 2 columns", text);
    }

    @Test
    void longTableTextIsTruncatedWithRowCount() {
        DMatrixRMaj big = new DMatrixRMaj(1000, 2);
        String text = Text.table(Tables.matrix("X", big), 5);
        assertEquals(1 + 1 + 5 + 1, text.split("\n").length, text);
        assertTrue(text.endsWith("showing 5 of 1000 rows × 2 columns"), text);
        assertThrows(IllegalArgumentException.class, () -> Text.table(Tables.matrix("X", big), 0));
    }

    @Test
    void matrixTextElidesTheMiddle() {
        DMatrixRMaj m = new DMatrixRMaj(10, 2);
        m.set(9, 1, 7.5);
        String text = Text.matrix(m, 4, 4);
        assertEquals("DMatrixRMaj (10, 2)\n[  0   0 ]\n[  0   0 ]\n[... ... ]\n[  0 7.5 ]\n", text);
    }
}
