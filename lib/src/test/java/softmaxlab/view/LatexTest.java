package softmaxlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;

class LatexTest {

    @Test
    void numbersUseTimesTenForScientific() {
        assertEquals("0.4076", Latex.number(0.40760596));
        assertEquals("1.235 \\times 10^{-7}", Latex.number(1.2345e-7));
        assertEquals("10^{-10}", Latex.number(1e-10));
        assertEquals("-10^{-10}", Latex.number(-1e-10));
        assertEquals("\\infty", Latex.number(Double.POSITIVE_INFINITY));
        assertEquals("\\mathrm{NaN}", Latex.number(Double.NaN));
    }

    @Test
    void smallMatrixIsAFullBmatrix() {
        DMatrixRMaj m = new DMatrixRMaj(new double[][]{{2, 3, 4}, {0.5, -1, 1e-9}});
        assertEquals("\\begin{bmatrix} 2 & 3 & 4 \\\\ 0.5 & -1 & 10^{-9} \\end{bmatrix}", Latex.matrix(m));
        assertEquals(Latex.matrix(m), Latex.matrix(SimpleMatrix.wrap(m)));
    }

    @Test
    void largeMatrixIsTruncatedWithItsShape() {
        DMatrixRMaj w = new DMatrixRMaj(64, 10);
        w.set(63, 9, 1.5);
        String latex = Latex.matrix(w);
        assertTrue(latex.endsWith("\\vdots & \\ddots & \\vdots \\\\ 0 & 0 & 0 & 0 & 0 & 0 & \\cdots & 1.5 \\end{bmatrix}_{64 \\times 10}"),
                latex);
        // 8 rows shown: 7 row separators
        assertEquals(7, latex.split("\\\\\\\\", -1).length - 1, latex);
        assertThrows(IllegalArgumentException.class, () -> Latex.matrix(w, 2, 8));
        assertThrows(IllegalArgumentException.class, () -> Latex.matrix((DMatrixRMaj) null));
    }
}
