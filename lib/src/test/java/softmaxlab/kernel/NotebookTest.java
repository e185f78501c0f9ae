package softmaxlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import softmaxlab.view.Tables;

class NotebookTest {

    @Test
    void outsideAKernelTheFrontendIsText() {
        // all three kernels' classes are on the test class path, but none is running
        assertEquals("text", Notebook.kernel());
        assertFalse(Notebook.frontend().updatesInPlace());
    }

    @Test
    void textFrontendPrintsTheTextOfTheBundle() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextFrontend text = new TextFrontend(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        text.display(Notebook.renderers().render(Tables.matrix("W", new DMatrixRMaj(2, 2))));
        String table = "W\n   0  1\n0  0  0\n1  0  0\n2 rows × 2 columns\n";
        assertEquals(table, bytes.toString(StandardCharsets.UTF_8));
        text.updateDisplay("text", Notebook.renderers().render(2.5));
        assertEquals(table + "2.5\n", bytes.toString(StandardCharsets.UTF_8), "an update prints below");
    }

    /**
     * Loads the library in a class loader without any kernel jar, as jshell or a plain JVM would: detection and
     * rendering still work, as text.
     */
    @Test
    void loadsAndFallsBackWithoutAnyKernelJar() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            boolean kernelJar = entry.contains("rapaio") || entry.contains("jupyter") || entry.contains("jjava");
            if (!kernelJar && !entry.contains("test-classes")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class,
                    () -> isolated.loadClass("org.rapaio.jupyter.kernel.display.DisplayData"));
            Class<?> notebook = isolated.loadClass(Notebook.class.getName());
            assertEquals("text", notebook.getMethod("kernel").invoke(null));
            notebook.getMethod("install").invoke(null);
            Object matrix = isolated.loadClass(DMatrixRMaj.class.getName()).getConstructor(int.class, int.class)
                    .newInstance(1, 1);
            Object renderers = notebook.getMethod("renderers").invoke(null);
            Object bundle = renderers.getClass().getMethod("render", Object.class).invoke(renderers, matrix);
            String latex = bundle.getClass().getMethod("data").invoke(bundle).toString();
            assertTrue(latex.contains("\\begin{bmatrix} 0 \\end{bmatrix}"), latex);
        }
    }
}
