package softmaxlab.view;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One value rendered as several MIME types, the way Jupyter's {@code display_data} carries it: a map from MIME type to
 * content. Text types hold the text; image types hold base64 (PNG) or the SVG document. {@code text/plain} is always
 * present, so every front end has something to show. Immutable.
 */
public final class MimeBundle {

    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String MARKDOWN = "text/markdown";
    public static final String LATEX = "text/latex";
    public static final String PNG = "image/png";
    public static final String SVG = "image/svg+xml";

    private final Map<String, String> data;

    private MimeBundle(Map<String, String> data) {
        this.data = Collections.unmodifiableMap(data);
    }

    /** A bundle holding only {@code text/plain}. */
    public static MimeBundle text(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text is null; expected the text/plain content");
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put(TEXT, text);
        return new MimeBundle(data);
    }

    /** This bundle plus {@code mime -> content} (replacing an earlier content of that type). Not modified. */
    public MimeBundle with(String mime, String content) {
        if (content == null) {
            throw new IllegalArgumentException("content for " + mime + " is null; expected a string");
        }
        Map<String, String> next = new LinkedHashMap<>(data);
        next.put(normalize(mime), content);
        return new MimeBundle(next);
    }

    /** The {@code text/plain} content; never null. */
    public String text() {
        return data.get(TEXT);
    }

    public Optional<String> get(String mime) {
        return Optional.ofNullable(data.get(normalize(mime)));
    }

    public boolean has(String mime) {
        return data.containsKey(normalize(mime));
    }

    /** MIME type -> content, in the order the types were added. Unmodifiable. */
    public Map<String, String> data() {
        return data;
    }

    /**
     * The full MIME type for a short name a notebook may type ({@code "svg"}, {@code "png"}, {@code "html"},
     * {@code "latex"}, {@code "markdown"}/{@code "md"}, {@code "text"}); full types pass through unchanged.
     */
    public static String normalize(String mime) {
        if (mime == null || mime.isBlank()) {
            throw new IllegalArgumentException("mime is '" + mime + "'; expected a MIME type such as " + HTML + " or svg");
        }
        String m = mime.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (m) {
            case "text", "plain" -> TEXT;
            case "html" -> HTML;
            case "markdown", "md" -> MARKDOWN;
            case "latex", "tex" -> LATEX;
            case "png" -> PNG;
            case "svg", "image/svg" -> SVG;
            default -> m;
        };
    }

    @Override
    public String toString() {
        return "MimeBundle" + data.keySet();
    }
}
