package softmaxlab.kernel.ijava;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import softmaxlab.kernel.DerivationMagic;

/**
 * {@code %%derivation name} in IJava 1.3 ({@link DerivationMagic}): registered with the kernel's {@link Magics} by
 * {@code Notebook.install()}. IJava's kernel class is not on the compile class path, so its two members used here,
 * {@code getMagics()} and {@code evalRaw(String)}, are looked up reflectively; the registry is basekernel's type.
 */
final class IJavaDerivationMagic {

    private IJavaDerivationMagic() {
    }

    /** Registers the magic with the kernel's magics, when it has them. Modified: its registry. */
    static void register(BaseKernel kernel) {
        try {
            Object magics = kernel.getClass().getMethod("getMagics").invoke(kernel);
            Method evalRaw = kernel.getClass().getMethod("evalRaw", String.class);
            if (magics instanceof Magics m) {
                register(m, code -> invoke(evalRaw, kernel, code));
            }
        } catch (ReflectiveOperationException e) {
            // a kernel without IJava's magics: the notebook calls DerivationCell.check itself
        }
    }

    /** Registers the magic with {@code magics}, evaluating in {@code shell}. Modified: magics. */
    static void register(Magics magics, DerivationMagic.Shell shell) {
        magics.registerCellMagic(DerivationMagic.NAME, (args, body) -> DerivationMagic.run(args, body, shell));
    }

    // the evaluation's own exception (a cell error, with its message), not the reflective wrapper
    private static Object invoke(Method evalRaw, BaseKernel kernel, String code) throws Exception {
        try {
            return evalRaw.invoke(kernel, code);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
