package softmaxlab.kernel;

import softmaxlab.kernel.ijava.IJavaFrontend;
import softmaxlab.kernel.jjava.JJavaFrontend;
import softmaxlab.kernel.rapaio.RapaioFrontend;
import softmaxlab.math.Require;
import softmaxlab.view.MimeBundle;
import softmaxlab.view.Renderers;

/**
 * The notebook's entry point for display: finds the running Jupyter kernel (rapaio, JJava, IJava, or none) and shows
 * values through it with the toolkit's {@link Renderers}.
 * <p>
 * At the top of a notebook, after loading the jar: {@code softmaxlab.kernel.Notebook.install();} (needed in IJava;
 * rapaio and JJava find the library's display provider by themselves, and there it is a harmless no-op).
 * <p>
 * A kernel is recognized by class presence and its live instance: its classes are only touched after
 * {@link #present(String)} says they load, so a missing kernel never breaks loading this class.
 */
public final class Notebook {

    private static final Renderers RENDERERS = Renderers.standard();
    private static volatile Frontend frontend;

    private Notebook() {
    }

    /** The renderers every kernel glue registers; notebooks may {@link Renderers#register} more before install. */
    public static Renderers renderers() {
        return RENDERERS;
    }

    /** The running kernel's front end, detected once; the text fallback outside a kernel. */
    public static Frontend frontend() {
        Frontend f = frontend;
        if (f == null) {
            f = detect();
            frontend = f;
        }
        return f;
    }

    /** "rapaio", "JJava", "IJava" or "text". */
    public static String kernel() {
        return frontend().name();
    }

    /** Registers the renderers with the running kernel so a cell's last expression displays richly. Idempotent. */
    public static void install() {
        frontend().install(RENDERERS);
    }

    /** Shows {@code value} now (its preferred types plus text); returns the display id. Not modified. */
    public static String display(Object value) {
        return frontend().display(RENDERERS.render(value));
    }

    /** Shows {@code value} as text plus the requested types, e.g. {@code display(chart, "svg")}. Not modified. */
    public static String display(Object value, String... mimes) {
        return frontend().display(RENDERERS.render(value, mimes));
    }

    /** Replaces the output under {@code id} with {@code value}, where the kernel updates in place. Not modified. */
    public static void updateDisplay(String id, Object value) {
        Require.text("id", id);
        frontend().updateDisplay(id, RENDERERS.render(value));
    }

    static Frontend detect() {
        try {
            if (present("org.dflib.jjava.jupyter.kernel.BaseKernel")) {
                Frontend f = JJavaFrontend.running();
                if (f != null) {
                    return f;
                }
            }
            if (present(IJavaFrontend.KERNEL_CLASS)) {
                Frontend f = IJavaFrontend.running();
                if (f != null) {
                    return f;
                }
            }
            if (present("org.rapaio.jupyter.kernel.MainApp") && insideJShell()) {
                Frontend f = RapaioFrontend.running();
                if (f != null) {
                    return f;
                }
            }
        } catch (LinkageError e) {
            // a kernel jar of another version: its API does not match, so show text rather than fail
        }
        return new TextFrontend(System.out);
    }

    /** Whether {@code className} loads from the library's class loader, without initializing it. */
    static boolean present(String className) {
        try {
            Class.forName(className, false, Notebook.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Whether the library was loaded by a JShell in this JVM, as a kernel's {@code %jars} does; rapaio's classes on a
     * test class path alone do not mean a rapaio kernel is running.
     */
    private static boolean insideJShell() {
        ClassLoader loader = Notebook.class.getClassLoader();
        return loader != null && loader.getClass().getName().startsWith("jdk.jshell.");
    }
}
