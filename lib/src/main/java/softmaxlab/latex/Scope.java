package softmaxlab.latex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import softmaxlab.math.Require;

/**
 * What a formula's symbols mean: a value for each name ("w41" for {@code w_{41}}), the values of bound indices
 * ({@code i} inside {@code \sum_i}, or an index a check runs over), and, where there is a graph, the value of
 * {@code \frac{\partial A}{\partial B}}.
 */
public final class Scope {

    /** Where the values come from. */
    public interface Values {

        /** The value of the symbol named {@code name}; an unknown name is an IllegalArgumentException naming it. */
        double value(String name);

        /** True when {@code name} has a value. */
        boolean knows(String name);

        /**
         * The value of {@code \frac{\partial of}{\partial wrt}} in {@code scope}; by default there are no derivatives.
         */
        default double partial(Expr of, Expr.Sym wrt, Scope scope) {
            throw new IllegalArgumentException(new Expr.Partial(of, wrt).toLatex() + " needs a graph to be evaluated; "
                    + "expected a formula of numbers and symbols here");
        }
    }

    /** The largest index value an unbounded {@code \sum_i} looks for. */
    public static final int MAX_INDEX = 99;
    /**
     * The most terms a {@code \sum} may have, counting those of the sums around it: {@code \sum_{i=1}^{10}
     * \sum_{j=1}^{10}} has 100, so nested sums cannot multiply into an unbounded amount of work.
     */
    public static final int MAX_TERMS = 1000;

    /** No symbols, no indices. */
    public static final Scope EMPTY = of(Map.of());

    private final Values values;
    private final Map<String, Integer> indices;
    // terms of the sums this scope is inside of, multiplied
    private final long terms;

    private Scope(Values values, Map<String, Integer> indices, long terms) {
        this.values = values;
        this.indices = indices;
        this.terms = terms;
    }

    /** A scope reading symbols from {@code values}. */
    public static Scope of(Values values) {
        return new Scope(Require.notNull("values", values), Map.of(), 1);
    }

    /**
     * A scope with these symbol values, e.g. {@code Map.of("a4", 0.2, "o1", 1.0)}: names non-blank, values finite.
     * Not modified (copied).
     */
    public static Scope of(Map<String, Double> values) {
        Require.notNull("values", values).forEach((name, value) -> {
            Require.text("a name in values", name);
            Require.finite("values '" + name + "'", Require.notNull("values '" + name + "'", value));
        });
        Map<String, Double> copy = Map.copyOf(values);
        return of(new Values() {
            public double value(String name) {
                Double v = copy.get(name);
                if (v == null) {
                    throw new IllegalArgumentException("no value for the symbol " + name + "; expected one of "
                            + copy.keySet().stream().sorted().toList());
                }
                return v;
            }

            public boolean knows(String name) {
                return copy.containsKey(name);
            }
        });
    }

    /** The value of the symbol named {@code name}. */
    public double value(String name) {
        return values.value(Require.notNull("name", name));
    }

    /** True when the symbol named {@code name} has a value. */
    public boolean knows(String name) {
        return values.knows(Require.notNull("name", name));
    }

    /** {@code \frac{\partial of}{\partial wrt}} here. */
    public double partial(Expr of, Expr.Sym wrt) {
        return values.partial(Require.notNull("of", of), Require.notNull("wrt", wrt), this);
    }

    /** The value of a bound index, e.g. i = 4. */
    public OptionalInt index(String letter) {
        Integer v = indices.get(Require.notNull("letter", letter));
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** This scope with {@code index} (one letter) bound to {@code value}. */
    public Scope with(String index, int value) {
        Require.letter("index", index);
        Map<String, Integer> bound = new LinkedHashMap<>(indices);
        bound.put(index, value);
        return new Scope(values, bound, terms);
    }

    /** This scope inside a sum of {@code n} terms; the sums around it included, at most {@link #MAX_TERMS}. */
    Scope inSum(int n, Expr sum) {
        long total = terms * n;
        if (total > MAX_TERMS) {
            // printed only here: an evaluation passes through this at every sum
            throw new IllegalArgumentException(sum.toLatex() + " inside other sums makes " + total + " terms; expected at most "
                    + MAX_TERMS + " (Scope.MAX_TERMS)");
        }
        return new Scope(values, indices, total);
    }

    /**
     * The values 0..{@link #MAX_INDEX} of an unbounded {@code \sum_index} for which every symbol of {@code body} that
     * carries the index names a known symbol: {@code \sum_i y_i \ln a_i} runs over i = 4, 5, 6 when y4..y6 and
     * a4..a6 are known.
     */
    public List<Integer> indexValues(String index, Expr body) {
        Require.letter("index", index);
        Require.notNull("body", body);
        List<Expr.Sym> carrying = body.symbols().stream()
                .filter(s -> (s.sub() + s.label()).contains(index) && !s.isIndex(this)).toList();
        if (carrying.isEmpty()) {
            throw new IllegalArgumentException("\\sum_{" + index + "}: no symbol of " + body.toLatex() + " carries "
                    + index + "; expected bounds, e.g. \\sum_{" + index + "=1}^{3}");
        }
        // each symbol's own values: a sum whose symbols are known for different values is not guessed at
        Map<String, List<Integer>> known = new LinkedHashMap<>();
        for (Expr.Sym s : carrying) {
            known.computeIfAbsent(s.toLatex(), latex -> {
                List<Integer> values = new ArrayList<>();
                for (int v = 0; v <= MAX_INDEX; v++) {
                    if (knows(s.name(with(index, v)))) {
                        values.add(v);
                    }
                }
                return values;
            });
        }
        List<Integer> found = known.values().iterator().next();
        if (known.values().stream().anyMatch(values -> !values.equals(found))) {
            List<String> each = new ArrayList<>();
            known.forEach((latex, values) -> each.add(latex + " for " + index + " in " + values));
            throw new IllegalArgumentException("\\sum_{" + index + "} " + body.toLatex() + ": its symbols are known "
                    + "for different " + index + ": " + String.join(", ", each) + "; expected them known for the "
                    + "same values, or bounds, e.g. \\sum_{" + index + "=1}^{3}");
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("\\sum_{" + index + "}: no value of " + index + " from 0 to "
                    + MAX_INDEX + " makes " + carrying.stream().map(Expr.Sym::toLatex).distinct().toList()
                    + " name known symbols; expected bounds, e.g. \\sum_{" + index + "=1}^{3}");
        }
        return found;
    }
}
