package softmaxlab.kernel;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import javax.lang.model.SourceVersion;

import softmaxlab.math.Require;

/**
 * The {@code %%derivation name} cell magic, the same in every kernel that has magics (JJava, IJava): its body is a
 * derivation cell ({@code softmaxlab.check.DerivationCell}, docs/derivation-cells.md), read and checked in the
 * notebook's own shell as {@code var name = DerivationCell.check("name", body, 2);}, so the next cell can use
 * {@code name} (its graph, its verdicts); the cell's result is {@code name}, rendered like any value. Where a kernel
 * has no magics (rapaio), the notebook writes that one call itself.
 */
public final class DerivationMagic {

    /** The magic's name: {@code %%derivation}. */
    public static final String NAME = "derivation";
    /** The body's first line is the cell's second, below {@code %%derivation name}: errors count from there. */
    static final int FIRST_LINE = 2;
    /** How DerivationCell's errors start. */
    private static final String CELL_ERROR = "derivation cell, line ";

    /** Evaluates Java in the notebook's shell and returns the value of the last expression. */
    @FunctionalInterface
    public interface Shell {
        Object eval(String code) throws Exception;
    }

    private DerivationMagic() {
    }

    /**
     * Runs one {@code %%derivation} cell: binds the variable its argument names and returns its value.
     *
     * @param args the words after {@code %%derivation}: one, a Java identifier
     * @param body the cell's lines below the magic
     */
    public static Object run(List<String> args, String body, Shell shell) throws Exception {
        String name = variable(args);
        try {
            shell.eval(declaration(name, Require.notNull("body", body)));
        } catch (Exception | AssertionError e) {
            throw cellError(e);
        }
        return shell.eval(name + ";");
    }

    /**
     * The cell's own error (line, column, what was expected) without the shell's wrappers and stack frames, which
     * repeat the message and point into the kernel; any other failure as it came.
     */
    static RuntimeException cellError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            int at = message.indexOf(CELL_ERROR);
            if (at >= 0) {
                return new CellError(message.substring(at));
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }

    /** An error in a cell's body, shown as its message alone. */
    static final class CellError extends RuntimeException {
        CellError(String message) {
            super(message, null, false, false);
        }
    }

    /** The variable a cell binds: its one argument, a Java identifier. */
    static String variable(List<String> args) {
        Require.notNull("args", args);
        if (args.size() != 1 || !SourceVersion.isName(args.get(0)) || args.get(0).contains(".")) {
            throw new IllegalArgumentException("%%" + NAME + " " + String.join(" ", args) + ": expected one name, "
                    + "a Java identifier for what the cell defines, e.g. %%" + NAME + " binary");
        }
        return args.get(0);
    }

    /** The Java the magic evaluates: the body travels as Base64, so no character of the LaTeX needs escaping. */
    static String declaration(String name, String body) {
        String encoded = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        return "var " + name + " = softmaxlab.check.DerivationCell.check(\"" + name + "\", new String("
                + "java.util.Base64.getDecoder().decode(\"" + encoded + "\"), java.nio.charset.StandardCharsets.UTF_8),"
                + " " + FIRST_LINE + ");";
    }
}
