package softmaxlab.kernel.rapaio;

import java.util.List;

import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

import softmaxlab.kernel.Notebook;
import softmaxlab.view.MimeBundle;
import softmaxlab.view.Renderers;

/**
 * rapaio's display SPI (listed in {@code META-INF/services/org.rapaio.jupyter.kernel.display.spi.DisplayProvider}):
 * one {@link DisplayRenderer} per entry of {@link Notebook#renderers()}. rapaio asks a renderer with mime null for a
 * cell's result (we answer with the entry's preferred types plus text) and with a mime for {@code display(mime, x)}.
 */
public final class RapaioDisplayProvider implements DisplayProvider {

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return Notebook.renderers().entries().stream().<DisplayRenderer>map(EntryRenderer::new).toList();
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    private record EntryRenderer(Renderers.Entry<?> entry) implements DisplayRenderer {

        @Override
        public Class<?> rendererClass() {
            return entry.type();
        }

        @Override
        public boolean canRender(String mime) {
            return isDefault(mime) || entry.supported().contains(MimeBundle.normalize(mime));
        }

        @Override
        public DisplayData render(String mime, Object value) {
            MimeBundle bundle = entry.render(value, isDefault(mime) ? entry.preferred() : List.of(mime));
            return RapaioFrontend.toDisplayData(bundle);
        }

        private static boolean isDefault(String mime) {
            return mime == null || mime.isBlank();
        }
    }
}
