package softmaxlab.check;

import java.util.List;

import softmaxlab.math.Require;

/** Short names, inside this package, for the {@link Require} checks its records use most. */
final class Args {

    private Args() {
    }

    /** {@link Require#text}. */
    static String text(String name, String text) {
        return Require.text(name, text);
    }

    /** {@link Require#noNulls(String, List)}. */
    static <T> List<T> list(String name, List<T> list) {
        return Require.noNulls(name, list);
    }
}
