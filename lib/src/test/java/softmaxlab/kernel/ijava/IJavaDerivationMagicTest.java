package softmaxlab.kernel.ijava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;

/** The magic registered with basekernel 2.3's real {@link Magics}, through the two members IJava's kernel has. */
class IJavaDerivationMagicTest {

    /** IJava's JavaKernel as the glue sees it: getMagics() and evalRaw(String). */
    static final class Kernel extends BaseKernel {
        final Magics magics = new Magics();
        final List<String> evaluated = new ArrayList<>();

        public Magics getMagics() {
            return magics;
        }

        public Object evalRaw(String code) {
            evaluated.add(code);
            return "value of " + code;
        }

        @Override
        public DisplayData eval(String expr) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LanguageInfo getLanguageInfo() {
            return null;
        }
    }

    @Test
    void theCellMagicEvaluatesTheDeclarationThenTheName() throws Exception {
        Kernel kernel = new Kernel();
        IJavaDerivationMagic.register(kernel);
        Object shown = kernel.magics.applyCellMagic("derivation", List.of("binary"), "point: a = 1\n");
        assertEquals("value of binary;", shown);
        assertEquals(2, kernel.evaluated.size());
        assertTrue(kernel.evaluated.get(0).startsWith("var binary = softmaxlab.check.DerivationCell.check(\"binary\""),
                kernel.evaluated.get(0));
    }
}
