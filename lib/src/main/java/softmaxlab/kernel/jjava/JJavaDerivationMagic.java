package softmaxlab.kernel.jjava;

import java.util.List;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;

import softmaxlab.kernel.DerivationMagic;

/**
 * {@code %%derivation name} in JJava ({@link DerivationMagic}): registered by {@link JJavaExtension}; evaluates in the
 * notebook's shell ({@link BaseKernel#evalRaw}), where the library's classes are the ones notebook code uses.
 */
final class JJavaDerivationMagic implements CellMagic<Object, BaseKernel> {

    /** Registers the magic with {@code kernel}. Modified: its magics registry. */
    static void register(BaseKernel kernel) {
        kernel.getMagicsRegistry().registerCellMagic(DerivationMagic.NAME, new JJavaDerivationMagic());
    }

    @Override
    public Object eval(BaseKernel kernel, List<String> args, String body) throws Exception {
        return DerivationMagic.run(args, body, kernel::evalRaw);
    }
}
