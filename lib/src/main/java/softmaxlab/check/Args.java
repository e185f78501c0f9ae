package softmaxlab.check;

import java.util.List;

import softmaxlab.math.Require;

/** Argument checks of this package that {@link Require} does not cover. */
final class Args {

    private Args() {
    }

    /** Requires non-blank text. */
    static String text(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + " is " + (text == null ? "null" : "blank")
                    + "; expected text");
        }
        return text;
    }

    /** Requires a list without null elements; returns an unmodifiable copy. */
    static <T> List<T> list(String name, List<T> list) {
        Require.notNull(name, list);
        for (int i = 0; i < list.size(); i++) {
            Require.notNull(name + "[" + i + "]", list.get(i));
        }
        return List.copyOf(list);
    }
}
