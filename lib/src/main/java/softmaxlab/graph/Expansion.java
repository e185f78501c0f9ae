package softmaxlab.graph;

import java.util.List;
import java.util.function.Function;

import softmaxlab.math.Require;

/**
 * The chain rule written out: d output / d wrt as the sum, over every path from the output down to wrt, of the
 * product of the local partials along the path,
 * <pre>  dL/dw_{21} = (dL/do_1)(do_1/dy_1)(dy_1/dw_{21}) + (dL/do_2)(do_2/dy_1)(dy_1/dw_{21})</pre>
 * It is a snapshot: the factors' values are those at the time {@link Graph#expansion} was called.
 * Its {@link #sum()} equals backprop's gradient (which adds the same products, path by path, with +=).
 */
public record Expansion(String output, String outputLatex, String wrt, String wrtLatex, List<Path> paths) {

    /** Significant digits in {@link #latexNumeric()}. */
    public static final int DIGITS = 4;

    /**
     * The most paths {@link Graph#expansion} writes out: a sum of more terms cannot be read, and the number of paths
     * doubles with each level of a graph whose nodes are reached two ways (2^30 at depth 30).
     */
    public static final int MAX_PATHS = 1024;

    public Expansion {
        Require.notNull("output", output);
        Require.notNull("outputLatex", outputLatex);
        Require.notNull("wrt", wrt);
        Require.notNull("wrtLatex", wrtLatex);
        paths = copy("paths", paths);
    }

    /** One local partial on a path: the edge parent -> child with its symbol, formula and value. */
    public record Factor(String parent, String child, String symbol, String formula, double value) {
    }

    /** One path from the output to wrt: its factors, output side first. */
    public record Path(List<Factor> factors) {

        public Path {
            factors = copy("factors", factors);
        }

        /** The product of the factors' values (1 for the empty path from a node to itself). */
        public double product() {
            double p = 1;
            for (Factor f : factors) {
                p *= f.value();
            }
            return p;
        }

        /** {@code \frac{\partial L}{\partial o_1}\frac{\partial o_1}{\partial y_1}\frac{\partial y_1}{\partial w_{21}}}. */
        public String latexSymbolic() {
            return render(Factor::symbol, "");
        }

        /** {@code \left(-\frac{t_1}{o_1}\right) \cdot \left(o_1(1-o_1)\right) \cdot h_2}. */
        public String latexFormulas() {
            return render(f -> Tex.factor(f.formula()), " \\cdot ");
        }

        /** {@code \left(-1.25\right) \cdot 0.2222 \cdot 0.5}. */
        public String latexNumeric() {
            return render(f -> Tex.factor(f.value(), DIGITS), " \\cdot ");
        }

        private String render(Function<Factor, String> factor, String separator) {
            if (factors.isEmpty()) {
                return "1";
            }
            return String.join(separator, factors.stream().map(factor).toList());
        }
    }

    /** d output / d wrt: the sum of the paths' products (0 when no path leads from the output to wrt). */
    public double sum() {
        return paths.stream().mapToDouble(Path::product).sum();
    }

    /** How many paths contribute nothing: a factor on them is 0 (e.g. the cross-entropy of a class whose y is 0). */
    public long zeroPaths() {
        return paths.stream().filter(p -> p.product() == 0).count();
    }

    /** {@code \frac{\partial L}{\partial w_{21}}}. */
    public String latexLeft() {
        return Tex.partial(outputLatex, wrtLatex);
    }

    /** The left side, then every path's product of symbols, summed. */
    public String latexSymbolic() {
        return latexLeft() + " = " + sumOf(Path::latexSymbolic);
    }

    /** The left side, then every path's product of formulas in the documents' notation, summed. */
    public String latexFormulas() {
        return latexLeft() + " = " + sumOf(Path::latexFormulas);
    }

    /** The left side, then every path's product of numbers, summed, then {@code = } the sum. */
    public String latexNumeric() {
        return latexLeft() + " = " + sumOf(Path::latexNumeric) + " = " + Tex.number(sum(), DIGITS);
    }

    private static <T> List<T> copy(String name, List<T> list) {
        Require.notNull(name, list);
        for (int i = 0; i < list.size(); i++) {
            Require.notNull(name + "[" + i + "]", list.get(i));
        }
        return List.copyOf(list);
    }

    private String sumOf(Function<Path, String> term) {
        if (paths.isEmpty()) {
            return "0";
        }
        return String.join(" + ", paths.stream().map(term).toList());
    }
}
