package softmaxlab.kernel;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * Drops a kernel's statements and expressions from its JShell once they have run. JShell keeps every snippet it
 * has evaluated and compiles each new one against all that are kept, so a statement that took 20-25 ms to compile
 * early in a session took 40-60 ms after 200 others (C1 only, measured with JShell's own API), and a notebook's Run
 * All grows with the square of its length. A statement, an expression and the {@code $1, $2, ...} variable JShell
 * makes for an expression's value declare nothing a later snippet can name (the kernels show the value, never the
 * {@code $} name), so dropping them once run changes no later result; imports and named declarations (variables,
 * methods, classes) stay, and a snippet JShell re-evaluates because one it depends on changed is left alone.
 */
public final class RanSnippets {

    private static final Map<JShell, Boolean> WATCHED = Collections.synchronizedMap(new WeakHashMap<>());

    private RanSnippets() {
    }

    /**
     * From now on, drops each statement or expression the kernel's JShell evaluates once it has run (once per shell).
     * The JShell is found by the accessor JJava ({@code getJShell}) or IJava ({@code getShell}) has; a kernel with
     * neither is left as it is. Returns whether a JShell was found.
     */
    public static boolean dropOnceRun(Object kernel) {
        JShell shell = shellOf(kernel);
        if (shell != null && WATCHED.putIfAbsent(shell, Boolean.TRUE) == null) {
            shell.onSnippetEvent(event -> {
                if (ran(event) && declaresNothing(event.snippet())) {
                    shell.drop(event.snippet());
                }
            });
        }
        return shell != null;
    }

    private static JShell shellOf(Object kernel) {
        for (String accessor : new String[] {"getJShell", "getShell"}) {
            try {
                if (kernel.getClass().getMethod(accessor).invoke(kernel) instanceof JShell shell) {
                    return shell;
                }
            } catch (ReflectiveOperationException e) {
                // not this kernel's accessor: try the next
            }
        }
        return null;
    }

    /** Whether nothing a later snippet writes can refer to {@code snippet}: a statement or an expression. */
    static boolean declaresNothing(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.STATEMENT || snippet.kind() == Snippet.Kind.EXPRESSION
                || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    // evaluated as written (not re-evaluated for another snippet's sake) and still in the shell
    private static boolean ran(SnippetEvent event) {
        return event.causeSnippet() == null && event.status().isActive();
    }
}
