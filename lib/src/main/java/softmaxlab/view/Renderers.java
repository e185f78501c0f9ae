package softmaxlab.view;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleBase;
import org.knowm.xchart.internal.chartpart.Chart;

import softmaxlab.check.ClaimsReport;
import softmaxlab.check.DerivationCell;
import softmaxlab.check.GradientCheck;
import softmaxlab.check.Ledger;
import softmaxlab.check.Verdict;
import softmaxlab.graph.Expansion;
import softmaxlab.math.Require;
import softmaxlab.train.History;
import tech.tablesaw.api.Table;

/**
 * Renderers keyed by type: how a value becomes a {@link MimeBundle}. Written once here; each kernel's glue
 * ({@code softmaxlab.kernel.*}) registers these entries with its own display machinery, and outside a kernel
 * {@link #render(Object)} still gives the text.
 */
public final class Renderers {

    /** Renders one value as the content of one MIME type. */
    @FunctionalInterface
    public interface MimeRenderer<T> {
        String render(T value, String mime);
    }

    /**
     * How to render instances of {@code type}: {@code preferred} types are produced by default (a notebook cell's
     * result); {@code supported} ones (a superset, always with {@code text/plain}) on request, e.g. SVG.
     */
    public record Entry<T>(Class<T> type, List<String> preferred, List<String> supported, MimeRenderer<? super T> renderer) {

        public Entry {
            Require.notNull("type", type);
            preferred = Require.noNulls("preferred", preferred);
            supported = Require.noNulls("supported", supported);
            Require.notNull("renderer", renderer);
            if (!supported.contains(MimeBundle.TEXT) || !supported.containsAll(preferred)) {
                throw new IllegalArgumentException("supported types " + supported + " of " + type.getName()
                        + "; expected text/plain and every preferred type " + preferred);
            }
        }

        /**
         * {@code value} as {@code text/plain} plus each requested type this entry supports (others are skipped).
         * value: an instance of {@link #type()}. Not modified.
         */
        public MimeBundle render(Object value, Collection<String> mimes) {
            MimeBundle bundle = MimeBundle.text(content(value, MimeBundle.TEXT));
            for (String mime : mimes) {
                String full = MimeBundle.normalize(mime);
                if (!full.equals(MimeBundle.TEXT) && supported.contains(full)) {
                    bundle = bundle.with(full, content(value, full));
                }
            }
            return bundle;
        }

        /** {@code value} as the content of one supported {@code mime} type (full name). Not modified. */
        public String content(Object value, String mime) {
            return renderer.render(type.cast(value), mime);
        }
    }

    private final List<Entry<?>> entries = new ArrayList<>();

    /** An empty registry; see {@link #standard()}. */
    public Renderers() {
    }

    /**
     * The toolkit's renderers: Tablesaw tables (HTML, text), XChart charts (PNG; SVG on request), EJML matrices
     * (LaTeX, text), images (PNG); chain-rule expansions (Markdown with LaTeX, HTML), claim verdicts, reports and
     * derivation cells (HTML with ✓/✗, Markdown, plain text without LaTeX), ledgers (HTML table), gradient checks
     * (HTML table, failing rows highlighted), training histories (HTML).
     */
    public static Renderers standard() {
        Renderers r = new Renderers();
        List<String> rich = List.of(MimeBundle.TEXT, MimeBundle.HTML, MimeBundle.MARKDOWN);
        r.register(Expansion.class, List.of(MimeBundle.MARKDOWN, MimeBundle.HTML),
                List.of(MimeBundle.TEXT, MimeBundle.MARKDOWN, MimeBundle.HTML, MimeBundle.LATEX),
                (e, mime) -> switch (mime) {
                    case MimeBundle.MARKDOWN -> Markdown.expansion(e);
                    case MimeBundle.HTML -> Html.expansion(e);
                    case MimeBundle.LATEX -> Latex.display(e.latexNumeric());
                    default -> Text.expansion(e);
                });
        r.register(Verdict.class, List.of(MimeBundle.HTML, MimeBundle.MARKDOWN), rich,
                (v, mime) -> switch (mime) {
                    case MimeBundle.HTML -> Html.verdict(v);
                    case MimeBundle.MARKDOWN -> Markdown.verdict(v);
                    default -> Verdicts.text(v);
                });
        r.register(ClaimsReport.class, List.of(MimeBundle.HTML, MimeBundle.MARKDOWN), rich,
                (c, mime) -> switch (mime) {
                    case MimeBundle.HTML -> Html.claims(c);
                    case MimeBundle.MARKDOWN -> Markdown.claims(c);
                    default -> Verdicts.text(c);
                });
        r.register(DerivationCell.class, List.of(MimeBundle.HTML, MimeBundle.MARKDOWN), rich,
                (c, mime) -> switch (mime) {
                    case MimeBundle.HTML -> Verdicts.html(c);
                    case MimeBundle.MARKDOWN -> Verdicts.markdown(c);
                    default -> Verdicts.text(c);
                });
        r.register(Ledger.class, List.of(MimeBundle.HTML), List.of(MimeBundle.TEXT, MimeBundle.HTML),
                (l, mime) -> mime.equals(MimeBundle.HTML) ? Ledgers.html(l) : Ledgers.text(l));
        r.register(GradientCheck.Result.class, List.of(MimeBundle.HTML), List.of(MimeBundle.TEXT, MimeBundle.HTML),
                (g, mime) -> mime.equals(MimeBundle.HTML) ? Html.gradientCheck(g)
                        : g.verdict() + "\n" + Text.table(Tables.gradientCheck(g), Text.MAX_ROWS));
        r.register(GradientCheck.Report.class, List.of(MimeBundle.HTML), List.of(MimeBundle.TEXT, MimeBundle.HTML),
                (g, mime) -> mime.equals(MimeBundle.HTML) ? Html.gradientCheck(g)
                        : g.verdict() + "\n" + Text.table(Tables.gradientCheck(g), Text.MAX_ROWS));
        r.register(History.class, List.of(MimeBundle.HTML), List.of(MimeBundle.TEXT, MimeBundle.HTML),
                (h, mime) -> mime.equals(MimeBundle.HTML) ? Html.table(h.toTable()) : Text.table(h.toTable(), Text.MAX_ROWS));
        r.register(Table.class, List.of(MimeBundle.HTML), List.of(MimeBundle.TEXT, MimeBundle.HTML),
                (table, mime) -> mime.equals(MimeBundle.HTML) ? Html.table(table) : Text.table(table, Text.MAX_ROWS));
        r.register(Chart.class, List.of(MimeBundle.PNG), List.of(MimeBundle.TEXT, MimeBundle.PNG, MimeBundle.SVG),
                (chart, mime) -> switch (mime) {
                    case MimeBundle.PNG -> base64(Charts.png(chart));
                    case MimeBundle.SVG -> Charts.svg(chart);
                    default -> describe(chart);
                });
        // matrices, and a double[] as the row vector it holds (not the JVM's "[D@1b6d3586"), under their own names
        r.register(DMatrixRMaj.class, List.of(MimeBundle.LATEX), List.of(MimeBundle.TEXT, MimeBundle.LATEX),
                (m, mime) -> matrix("DMatrixRMaj", m, mime));
        r.register(double[].class, List.of(MimeBundle.LATEX), List.of(MimeBundle.TEXT, MimeBundle.LATEX),
                (v, mime) -> matrix("double[]", DMatrixRMaj.wrap(1, v.length, v), mime));
        r.register(SimpleBase.class, List.of(MimeBundle.LATEX), List.of(MimeBundle.TEXT, MimeBundle.LATEX),
                (m, mime) -> matrix(m.getClass().getSimpleName(), m.getDDRM(), mime));
        r.register(BufferedImage.class, List.of(MimeBundle.PNG), List.of(MimeBundle.TEXT, MimeBundle.PNG),
                (image, mime) -> mime.equals(MimeBundle.PNG) ? base64(Charts.png(image))
                        : "image " + image.getWidth() + "x" + image.getHeight());
        return r;
    }

    // a matrix as LaTeX, or as text under the header "name (N, C)"
    private static String matrix(String name, DMatrixRMaj m, String mime) {
        return mime.equals(MimeBundle.LATEX) ? Latex.display(Latex.matrix(m))
                : Text.matrix(name, m, Latex.MAX_ROWS, Latex.MAX_COLS);
    }

    /**
     * Adds the renderer for {@code type}; a value is rendered by the first registered entry whose type it is an
     * instance of, so register specific types before general ones. Modified: this registry. Returns this.
     */
    public <T> Renderers register(Class<T> type, List<String> preferred, List<String> supported,
                                  MimeRenderer<? super T> renderer) {
        entries.add(new Entry<>(type, preferred, supported, renderer));
        return this;
    }

    /** Every entry, in registration order (kernels register each one). */
    public List<Entry<?>> entries() {
        return List.copyOf(entries);
    }

    /** The entry for {@code value}, if any. */
    public Optional<Entry<?>> find(Object value) {
        return entries.stream().filter(e -> e.type().isInstance(value)).findFirst();
    }

    /** {@code value} in its entry's preferred types plus text; an unknown type as {@code String.valueOf(value)}. */
    public MimeBundle render(Object value) {
        Require.notNull("value", value);
        return find(value).map(e -> e.render(value, e.preferred()))
                .orElseGet(() -> MimeBundle.text(String.valueOf(value)));
    }

    /** {@code value} as text plus the requested {@code mimes} its entry supports, e.g. {@code render(chart, "svg")}. */
    public MimeBundle render(Object value, String... mimes) {
        Require.notNull("value", value);
        Set<String> requested = new LinkedHashSet<>(List.of(Require.noNulls("mimes", mimes)));
        return find(value).map(e -> e.render(value, requested))
                .orElseGet(() -> MimeBundle.text(String.valueOf(value)));
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String describe(Chart<?, ?> chart) {
        return chart.getClass().getSimpleName() + " '" + chart.getTitle() + "' (" + chart.getWidth() + "x"
                + chart.getHeight() + "), series " + chart.getSeriesMap().keySet();
    }
}
