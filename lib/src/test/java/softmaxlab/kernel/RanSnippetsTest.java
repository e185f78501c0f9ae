package softmaxlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

class RanSnippetsTest {

    /** A kernel as RanSnippets sees one: an object with JJava's accessor. */
    public static final class Kernel {
        private final JShell shell = JShell.builder().executionEngine("local").build();

        public JShell getJShell() {
            return shell;
        }
    }

    private static String value(JShell shell, String source) {
        List<SnippetEvent> events = shell.eval(source);
        SnippetEvent first = events.get(0);
        assertTrue(first.status().isDefined(), source + ": " + first.status());
        return first.exception() == null ? first.value() : "threw " + first.exception().getMessage();
    }

    @Test
    void keepsDeclarationsAndDropsWhatRan() {
        Kernel kernel = new Kernel();
        assertTrue(RanSnippets.dropOnceRun(kernel));
        assertTrue(RanSnippets.dropOnceRun(kernel), "a second install is harmless");
        JShell shell = kernel.getJShell();
        value(shell, "import java.util.*;");
        assertEquals("3", value(shell, "int x = 3;"));
        assertEquals("4", value(shell, "x + 1"));
        assertEquals("7", value(shell, "x = 7;"));
        value(shell, "List<Integer> l = new ArrayList<>();");
        value(shell, "for (int i = 0; i < 3; i++) l.add(i);");
        assertEquals("true", value(shell, "l.add(x);"));
        value(shell, "int twice(int v) { return 2 * v; }");
        assertEquals("threw boom", value(shell, "throw new RuntimeException(\"boom\");"));
        assertEquals("\"[0, 1, 2, 7] 14\"", value(shell, "l + \" \" + twice(x)"));
        value(shell, "int x = 5;");  // a redefinition: still a declaration, kept
        assertEquals("10", value(shell, "twice(x)"));
        List<String> kept = shell.snippets().filter(s -> shell.status(s).isActive()).map(Snippet::source)
                .collect(Collectors.toList());
        assertEquals(List.of("import java.util.*;", "List<Integer> l = new ArrayList<>();",
                "int twice(int v) { return 2 * v; }", "int x = 5;"), kept);
        shell.close();
    }

    @Test
    void aKernelWithoutAJShellIsLeftAlone() {
        assertFalse(RanSnippets.dropOnceRun(new Object()));
    }
}
