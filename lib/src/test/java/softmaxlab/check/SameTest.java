package softmaxlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import softmaxlab.math.Matrices;

class SameTest {

    static final double TOL = 1e-12;

    @Test
    void agreementReturnsTheActualValue() {
        assertEquals(1.0, Same.values("x", 1.0 + 1e-13, 1.0, TOL));
        DMatrixRMaj a = Matrices.row(1, 2, 3);
        assertSame(a, Same.matrices("a", Matrices.row(1, 2, 3 + 1e-13), a, TOL));
        assertSame(a, Same.matrices("a", a.copy(), a, 0));
    }

    @Test
    void disagreementNamesTheWorstEntry() {
        assertFails("x: 1.5 differs from 1.0 by 0.5; expected at most 1.0E-12", () -> Same.values("x", 1, 1.5, TOL));
        assertFails("x: NaN differs from 1.0", () -> Same.values("x", 1, Double.NaN, TOL));
        assertFails("m: entry [1, 0] = 5.0 differs from 3.0 by 2.0",
                () -> Same.matrices("m", Matrices.of(new double[][] {{1, 2}, {3, 4}}),
                        Matrices.of(new double[][] {{1, 2.5}, {5, 4}}), TOL));
        assertFails("m: entry [0, 1] = NaN differs from 2.0 by NaN",
                () -> Same.matrices("m", Matrices.row(1, 2, 3), Matrices.row(1, Double.NaN, 9), TOL));
        assertFails("m: shape (1, 2) differs from (1, 3)",
                () -> Same.matrices("m", Matrices.row(1, 2, 3), Matrices.row(1, 2), TOL));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Same.values(" ", 1, 1, TOL));
        assertThrows(IllegalArgumentException.class, () -> Same.values("x", 1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> Same.matrices("m", null, Matrices.row(1), TOL));
    }

    private static void assertFails(String expected, Executable call) {
        AssertionError e = assertThrows(AssertionError.class, call);
        assertTrue(e.getMessage().startsWith(expected), () -> "message: " + e.getMessage());
    }
}
