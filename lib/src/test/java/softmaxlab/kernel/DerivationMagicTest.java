package softmaxlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The magic's Java, evaluated in a real JShell with the library on its class path, as a kernel evaluates it. */
class DerivationMagicTest {

    static final String BODY = """
            point: a = 2   % a comment with "quotes", \\ and a Java escape \\u0041 in it
            forward: b = a^2
            claim db/da: \\frac{\\partial b}{\\partial a} = 2 a
            """;

    private JShell shell;

    @BeforeEach
    void start() {
        shell = JShell.builder().executionEngine("local").build();
        shell.addToClasspath(System.getProperty("java.class.path"));
    }

    @AfterEach
    void stop() {
        shell.close();
    }

    /** The value of the last snippet, as text; a snippet that throws fails with its exception's message. */
    private Object eval(String code) {
        String value = null;
        for (SnippetEvent e : shell.eval(code)) {
            if (e.exception() != null) {
                throw new IllegalArgumentException(e.exception().getMessage());
            }
            if (e.status() == Snippet.Status.REJECTED) {
                throw new IllegalStateException("rejected: " + code + ": " + shell.diagnostics(e.snippet()).toList());
            }
            value = e.value();
        }
        return value;
    }

    @Test
    void theCellBindsItsNameAndReturnsIt() throws Exception {
        Object shown = DerivationMagic.run(List.of("square"), BODY, this::eval);
        assertTrue(String.valueOf(shown).startsWith("db/da: \\frac{\\partial b}{\\partial a} = 2 a holds"),
                String.valueOf(shown));
        assertEquals("true", eval("square.verdict(\"db/da\").holds()"));
        assertEquals("4.0", eval("square.graph().node(\"b\").value()"));
    }

    @Test
    void anErrorInTheBodyCountsTheMagicLine() {
        RuntimeException e = assertThrows(DerivationMagic.CellError.class,
                () -> DerivationMagic.run(List.of("bad"), "point: a = 1\nforward: b = \\foo a\n", this::eval));
        assertTrue(e.getMessage().startsWith("derivation cell, line 3, column 14: "), e.getMessage());
        assertEquals(0, e.getStackTrace().length, "no frames of the kernel");
    }

    @Test
    void theArgumentIsOneJavaName() {
        for (List<String> args : List.of(List.<String>of(), List.of("a", "b"), List.of("class"), List.of("1x"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DerivationMagic.run(args, BODY, this::eval));
            assertTrue(e.getMessage().contains("expected one name, a Java identifier"), e.getMessage());
        }
    }
}
