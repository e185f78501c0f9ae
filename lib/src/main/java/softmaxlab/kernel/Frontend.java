package softmaxlab.kernel;

import softmaxlab.view.MimeBundle;
import softmaxlab.view.Renderers;

/**
 * The display side of the Jupyter kernel the library runs in: one implementation per kernel
 * ({@code softmaxlab.kernel.rapaio}, {@code .jjava}, {@code .ijava}) and a text fallback outside any kernel.
 * Found by {@link Notebook#frontend()}.
 */
public interface Frontend {

    /** "rapaio", "JJava", "IJava" or "text". */
    String name();

    /**
     * Makes the kernel render a cell's last expression with {@code renderers}. Idempotent; a no-op where the kernel
     * found the library's display provider by itself.
     */
    void install(Renderers renderers);

    /** Shows {@code bundle} in the current cell's output now; returns its display id (for {@link #updateDisplay}). */
    String display(MimeBundle bundle);

    /** Replaces the output shown under display id {@code id} with {@code bundle}, where {@link #updatesInPlace()}. */
    void updateDisplay(String id, MimeBundle bundle);

    /** Whether {@link #updateDisplay} replaces an output in place (Jupyter's {@code update_display_data}). */
    boolean updatesInPlace();
}
