package softmaxlab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.ejml.data.DMatrixRMaj;

/**
 * The arguments of one call to a public entry point: every argument is the valid value the catalog gives, except the
 * one at {@link #badSlot}, which is malformed as {@link #kind} says. A dry run ({@code badSlot = -1}) records which
 * kinds each argument (slot) can be malformed into, by the argument's type.
 */
final class Inputs {

    /** The classes of malformed input generated. */
    enum Kind {
        NULL, EMPTY, NAN, INFINITE, HUGE_VALUE, NEGATIVE, MISMATCHED_SHAPE, MALFORMED_MATRIX, HUGE_SIZE,
        OUT_OF_RANGE, NULL_ELEMENT, BLANK, FOREIGN, FAILING_FUNCTION, UNREADABLE, UNKNOWN_SYMBOL
    }

    private static final Set<Kind> MATRIX = EnumSet.of(Kind.NULL, Kind.EMPTY, Kind.NAN, Kind.INFINITE,
            Kind.HUGE_VALUE, Kind.NEGATIVE, Kind.MISMATCHED_SHAPE, Kind.MALFORMED_MATRIX);
    private static final Set<Kind> LABELS = EnumSet.of(Kind.NULL, Kind.EMPTY, Kind.OUT_OF_RANGE,
            Kind.MISMATCHED_SHAPE);
    private static final Set<Kind> REAL = EnumSet.of(Kind.NAN, Kind.INFINITE, Kind.HUGE_VALUE, Kind.NEGATIVE);
    private static final Set<Kind> SIZE = EnumSet.of(Kind.NEGATIVE, Kind.HUGE_SIZE);
    private static final Set<Kind> COUNT = EnumSet.of(Kind.NEGATIVE);
    private static final Set<Kind> TEXT = EnumSet.of(Kind.NULL, Kind.EMPTY, Kind.BLANK, Kind.HUGE_VALUE);
    private static final Set<Kind> VECTOR = EnumSet.of(Kind.NULL, Kind.EMPTY, Kind.NAN, Kind.INFINITE,
            Kind.HUGE_VALUE, Kind.NEGATIVE, Kind.MISMATCHED_SHAPE);
    private static final Set<Kind> ROWS = EnumSet.of(Kind.NULL, Kind.EMPTY, Kind.NULL_ELEMENT,
            Kind.MISMATCHED_SHAPE, Kind.NAN, Kind.INFINITE);
    private static final Set<Kind> NAMES = EnumSet.of(Kind.NULL, Kind.NULL_ELEMENT, Kind.MISMATCHED_SHAPE,
            Kind.BLANK);
    private static final Set<Kind> LIST = EnumSet.of(Kind.NULL, Kind.EMPTY, Kind.NULL_ELEMENT);
    private static final Set<Kind> SERIES = EnumSet.of(Kind.NULL, Kind.EMPTY, Kind.NULL_ELEMENT, Kind.NAN,
            Kind.INFINITE, Kind.HUGE_VALUE, Kind.MISMATCHED_SHAPE, Kind.BLANK);
    private static final Set<Kind> OBJECT = EnumSet.of(Kind.NULL);
    private static final Set<Kind> LATEX = EnumSet.of(Kind.NULL, Kind.EMPTY, Kind.BLANK, Kind.UNREADABLE,
            Kind.UNKNOWN_SYMBOL, Kind.HUGE_VALUE, Kind.HUGE_SIZE);
    private static final Set<Kind> POINT = EnumSet.of(Kind.NULL, Kind.EMPTY, Kind.BLANK, Kind.UNREADABLE,
            Kind.UNKNOWN_SYMBOL, Kind.HUGE_VALUE, Kind.HUGE_SIZE, Kind.NAN, Kind.INFINITE);

    /** LaTeX the reader refuses: unsupported commands, unclosed groups, a missing operand. */
    static final List<String> UNREADABLE_LATEX = List.of("\\int f", "\\frac{1}{", "a_{", "x +", "\\left( x",
            "1\\{k=", "\\sum_{i=1}^{", "\\unknown", "x^", ")", "\\sqrt[3]{x}", "\\partial x");
    /** LaTeX over the limits: nesting, length, terms of sums (alone and nested), sum bounds that overflow. */
    static final List<String> HUGE_LATEX = List.of("(".repeat(300) + "x" + ")".repeat(300), "-".repeat(300) + "x",
            "e^{".repeat(200) + "x" + "}".repeat(200), "\\frac{1}{".repeat(200) + "x" + "}".repeat(200),
            "x" + " + x".repeat(1500), "\\sum_{i=1}^{2000000000} i", "\\sum_{i=-2147483647}^{2147483647} i",
            "\\sum_{i=1}^{100} \\sum_{j=1}^{100} i j", "\\sum_{i=1}^{2} ".repeat(12) + "i");

    final int badSlot;
    final Kind kind;
    private final Random random;
    private int slot;
    /** Dry run only: slot -> the kinds its type can be malformed into. */
    final List<Set<Kind>> kinds = new ArrayList<>();

    Inputs(int badSlot, Kind kind, Random random) {
        this.badSlot = badSlot;
        this.kind = kind;
        this.random = random;
    }

    static Inputs dryRun() {
        return new Inputs(-1, null, new Random(0));
    }

    /** True when this argument is the malformed one; records the argument's kinds on a dry run. */
    private boolean bad(Set<Kind> applicable) {
        int s = slot++;
        if (badSlot < 0) {
            kinds.add(applicable);
        }
        return s == badSlot;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** A matrix argument. */
    DMatrixRMaj m(DMatrixRMaj valid) {
        if (!bad(MATRIX)) {
            return valid.copy();
        }
        DMatrixRMaj m = valid.copy();
        int k = random.nextInt(m.getNumElements());
        switch (kind) {
            case NULL -> m = null;
            case EMPTY -> m = pick(List.of(new DMatrixRMaj(0, valid.numCols), new DMatrixRMaj(valid.numRows, 0),
                    new DMatrixRMaj(0, 0)));
            case NAN -> m.data[k] = Double.NaN;
            case INFINITE -> m.data[k] = random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case HUGE_VALUE -> {
                for (int i = 0; i < m.getNumElements(); i++) {
                    m.data[i] = random.nextBoolean() ? Double.MAX_VALUE : -Double.MAX_VALUE;
                }
            }
            case NEGATIVE -> m.data[k] = -Math.abs(m.data[k]) - 1;
            case MISMATCHED_SHAPE -> {
                boolean row = random.nextBoolean();
                DMatrixRMaj wider = new DMatrixRMaj(valid.numRows + (row ? 1 : 0), valid.numCols + (row ? 0 : 1));
                wider.fill(0.25);
                for (int i = 0; i < valid.numRows; i++) {
                    for (int j = 0; j < valid.numCols; j++) {
                        wider.set(i, j, valid.get(i, j));
                    }
                }
                m = wider;
            }
            case MALFORMED_MATRIX -> {
                switch (random.nextInt(4)) {
                    case 0 -> m.data = Arrays.copyOf(m.data, m.getNumElements() - 1);
                    case 1 -> m.numRows = -1;
                    case 2 -> m.data = null;
                    default -> m.numCols = 1 << 20;
                }
            }
            default -> throw new IllegalStateException("kind " + kind + " not applicable to a matrix");
        }
        return m;
    }

    /** Labels or row indices. */
    int[] y(int[] valid) {
        if (!bad(LABELS)) {
            return valid.clone();
        }
        int[] y = valid.clone();
        switch (kind) {
            case NULL -> y = null;
            case EMPTY -> y = new int[0];
            case OUT_OF_RANGE -> y[random.nextInt(y.length)] = pick(List.of(-1, 1 << 20, Integer.MAX_VALUE,
                    Integer.MIN_VALUE));
            case MISMATCHED_SHAPE -> y = Arrays.copyOf(y, y.length + 1);
            default -> throw new IllegalStateException("kind " + kind + " not applicable to labels");
        }
        return y;
    }

    /** A real-valued argument. */
    double d(double valid) {
        if (!bad(REAL)) {
            return valid;
        }
        return switch (kind) {
            case NAN -> Double.NaN;
            case INFINITE -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case HUGE_VALUE -> pick(List.of(Double.MAX_VALUE, -Double.MAX_VALUE, 1e300));
            case NEGATIVE -> pick(List.of(0.0, -1.0, -Math.abs(valid) - 1, -Double.MIN_VALUE));
            default -> throw new IllegalStateException("kind " + kind + " not applicable to a real");
        };
    }

    /** A size: rows, classes, dimensions, pixels; huge ones overflow {@code int} when multiplied. */
    int n(int valid) {
        if (!bad(SIZE)) {
            return valid;
        }
        return kind == Kind.NEGATIVE ? pick(List.of(0, -1, Integer.MIN_VALUE))
                : pick(List.of(1 << 16, 1 << 20, Integer.MAX_VALUE));
    }

    /** A count of work (epochs, samples, rows shown): only non-positive values are malformed. */
    int count(int valid) {
        if (!bad(COUNT)) {
            return valid;
        }
        return pick(List.of(0, -1, Integer.MIN_VALUE));
    }

    /** Text: a name, a title, a printed number. */
    String s(String valid) {
        if (!bad(TEXT)) {
            return valid;
        }
        return switch (kind) {
            case NULL -> null;
            case EMPTY -> "";
            case BLANK -> pick(List.of(" ", "\t\n"));
            case HUGE_VALUE -> pick(List.of("1e999999999", "-1e-999999999", "9".repeat(400)));
            default -> throw new IllegalStateException("kind " + kind + " not applicable to text");
        };
    }

    /** A vector of reals. */
    double[] v(double[] valid) {
        if (!bad(VECTOR)) {
            return valid.clone();
        }
        double[] v = valid.clone();
        int k = random.nextInt(v.length);
        switch (kind) {
            case NULL -> v = null;
            case EMPTY -> v = new double[0];
            case NAN -> v[k] = Double.NaN;
            case INFINITE -> v[k] = random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case HUGE_VALUE -> Arrays.fill(v, random.nextBoolean() ? Double.MAX_VALUE : -Double.MAX_VALUE);
            case NEGATIVE -> v[k] = -Math.abs(v[k]) - 1;
            case MISMATCHED_SHAPE -> v = Arrays.copyOf(v, v.length + 1);
            default -> throw new IllegalStateException("kind " + kind + " not applicable to a vector");
        }
        return v;
    }

    /** A matrix written as rows, {@code double[][]}. */
    double[][] rows(double[][] valid) {
        if (!bad(ROWS)) {
            return copy(valid);
        }
        double[][] rows = copy(valid);
        int i = random.nextInt(rows.length);
        switch (kind) {
            case NULL -> rows = null;
            case EMPTY -> rows = new double[0][];
            case NULL_ELEMENT -> rows[i] = null;
            case MISMATCHED_SHAPE -> rows[i] = Arrays.copyOf(rows[i], rows[i].length + 1);
            case NAN -> rows[i][0] = Double.NaN;
            case INFINITE -> rows[i][0] = Double.NEGATIVE_INFINITY;
            default -> throw new IllegalStateException("kind " + kind + " not applicable to rows");
        }
        return rows;
    }

    private static double[][] copy(double[][] rows) {
        return Arrays.stream(rows).map(double[]::clone).toArray(double[][]::new);
    }

    /** Names or labels, one per row or column. */
    String[] names(String[] valid) {
        if (!bad(NAMES)) {
            return valid.clone();
        }
        String[] names = valid.clone();
        switch (kind) {
            case NULL -> names = null;
            case NULL_ELEMENT -> names[random.nextInt(names.length)] = null;
            case MISMATCHED_SHAPE -> names = Arrays.copyOf(names, names.length + 1);
            case BLANK -> names[random.nextInt(names.length)] = " ";
            default -> throw new IllegalStateException("kind " + kind + " not applicable to names");
        }
        return names;
    }

    /** A list of objects (nodes, names, histories, epochs). */
    <T> List<T> list(List<T> valid) {
        if (!bad(LIST)) {
            return valid;
        }
        return switch (kind) {
            case NULL -> null;
            case EMPTY -> List.of();
            case NULL_ELEMENT -> {
                List<T> withNull = new ArrayList<>(valid);
                withNull.set(random.nextInt(withNull.size()), null);
                yield withNull;
            }
            default -> throw new IllegalStateException("kind " + kind + " not applicable to a list");
        };
    }

    /** Named series of reals, e.g. {@code {"train": [...], "test": [...]}}. */
    Map<String, double[]> series(Map<String, double[]> valid) {
        if (!bad(SERIES)) {
            return valid;
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : valid.entrySet()) {
            series.put(e.getKey(), e.getValue().clone());
        }
        String first = valid.keySet().iterator().next();
        double[] values = series.get(first);
        switch (kind) {
            case NULL -> series = null;
            case EMPTY -> series.put(first, new double[0]);
            case NULL_ELEMENT -> {
                if (random.nextBoolean()) {
                    series.put(first, null);
                } else {
                    series.put(null, values);
                }
            }
            case NAN -> values[random.nextInt(values.length)] = Double.NaN;
            case INFINITE -> values[random.nextInt(values.length)] = Double.POSITIVE_INFINITY;
            case HUGE_VALUE -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = i % 2 == 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
                }
            }
            case MISMATCHED_SHAPE -> series.put("other", Arrays.copyOf(values, values.length + 2));
            case BLANK -> series.put(" ", values);
            default -> throw new IllegalStateException("kind " + kind + " not applicable to series");
        }
        return series;
    }

    /** Named objects, e.g. histories; malformed: null, empty, a null name or value. */
    <V> Map<String, V> named(Map<String, V> valid) {
        if (!bad(LIST)) {
            return valid;
        }
        Map<String, V> named = new LinkedHashMap<>(valid);
        String first = valid.keySet().iterator().next();
        switch (kind) {
            case NULL -> named = null;
            case EMPTY -> named.clear();
            case NULL_ELEMENT -> {
                if (random.nextBoolean()) {
                    named.put(first, null);
                } else {
                    named.put(null, valid.get(first));
                }
            }
            default -> throw new IllegalStateException("kind " + kind + " not applicable to named values");
        }
        return named;
    }

    /** A formula in LaTeX, e.g. {@code z_4 = w_{41}o_1}; malformed kinds replace its last side. */
    String latex(String valid) {
        return bad(LATEX) ? badLatex(valid) : valid;
    }

    /** A point in LaTeX, e.g. {@code "h_1=1, w_{21}=-0.2"}; malformed also with a NaN or infinite value. */
    String point(String valid) {
        return bad(POINT) ? badLatex(valid) : valid;
    }

    private String badLatex(String valid) {
        return switch (kind) {
            case NULL -> null;
            case EMPTY -> "";
            case BLANK -> pick(List.of(" ", "\t\n", "\\quad", "& \\\\"));
            case UNREADABLE -> lastSide(valid, pick(UNREADABLE_LATEX));
            case UNKNOWN_SYMBOL -> valid + " + \\zeta_{9}";
            case HUGE_VALUE -> lastSide(valid, pick(List.of("9".repeat(400), "10^{400}", "e^{e^{10}}")));
            case HUGE_SIZE -> lastSide(valid, pick(HUGE_LATEX));
            case NAN -> lastSide(valid, pick(List.of("0/0", "\\ln(-1)")));
            case INFINITE -> lastSide(valid, pick(List.of("1/0", "-1/0")));
            default -> throw new IllegalStateException("kind " + kind + " not applicable to LaTeX");
        };
    }

    // valid with what follows its last = (all of it when there is none) replaced
    private static String lastSide(String valid, String replacement) {
        return valid.substring(0, valid.lastIndexOf('=') + 1) + " " + replacement;
    }

    /** Any other object: malformed means null. */
    <T> T obj(T valid) {
        return bad(OBJECT) ? null : valid;
    }

    /** An object that may also belong elsewhere: a node of another graph, a matrix that is not a parameter. */
    <T> T own(T valid, T foreign) {
        if (!bad(EnumSet.of(Kind.NULL, Kind.FOREIGN))) {
            return valid;
        }
        return kind == Kind.NULL ? null : foreign;
    }

    /** A function given by the caller; malformed: null, or one that returns NaN, null or a wrong size. */
    <F> F fn(F valid, F failing) {
        if (!bad(EnumSet.of(Kind.NULL, Kind.FAILING_FUNCTION))) {
            return valid;
        }
        return kind == Kind.NULL ? null : failing;
    }
}
