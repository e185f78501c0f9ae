package softmaxlab.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.ejml.data.DMatrixRMaj;
import softmaxlab.math.Matrices;
import softmaxlab.math.Require;

/**
 * Finite-difference gradient checks: an analytic gradient is compared, entry by entry, with the central difference
 * <pre>  df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2h)</pre>
 * using the relative error {@code |a - n| / max(|a|, |n|, tiny)} (cs231n's gradient check;
 * {@link #jacobian} is torch.autograd.gradcheck's full-Jacobian variant).
 *
 * <p>An entry passes when its relative error is at most the tolerance, or when {@code |a - n|} is below the rounding
 * noise of the difference itself ({@code ~ eps |f| / h}), which no analytic gradient can be held to: without that
 * floor a true gradient of 0 against a numeric 1e-11 would be a relative error of 1.
 */
public final class GradientCheck {

    /**
     * Default step. The central difference has truncation error ~ h^2 |f'''| / 6 and rounding error ~ eps |f| / h;
     * for values of order 1 they balance near h = eps^(1/3) ~ 6e-6, so 1e-5 (cs231n's choice) leaves both near 1e-10.
     */
    public static final double DEFAULT_H = 1e-5;

    /**
     * Default relative-error tolerance. With {@link #DEFAULT_H} a correct gradient of a smooth function typically
     * agrees to 1e-8 or better; a wrong one (a sign, a missing 1/N) is off by order 1. 1e-6 keeps a wide margin
     * both ways (cs231n: below 1e-7 is fine; kinks such as ReLU at 0 can push a correct entry near 1e-6).
     */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    /** Floor of the relative error's denominator, so that 0 against 0 is 0 and not 0/0. */
    public static final double TINY = 1e-12;

    /**
     * Rounding noise of a central difference, in units of ulp(|f|) / (2h): f(x + h) and f(x - h) each carry the
     * rounding of every operation that computed them, a few ulps for our small losses; 64 leaves room.
     */
    static final double NOISE_ULPS = 64;

    private GradientCheck() {
    }

    /** One checked entry: {@code parameter[row, col]} (for {@link #jacobian}: J[output, input]). */
    public record Entry(String parameter, int row, int col, double analytic, double numeric, double relativeError,
                        boolean pass) {

        /** {@code W[1, 2]: analytic 0.5, numeric 0.25, relative error 0.5}. */
        public String describe() {
            return String.format(Locale.ROOT, "%s[%d, %d]: analytic %s, numeric %s, relative error %.3e",
                    parameter, row, col, number(analytic), number(numeric), relativeError);
        }
    }

    /**
     * The check of one parameter (or one Jacobian): every entry checked, with the step and tolerance used.
     * {@code rows, cols} is the shape of the checked matrix (the gradient, or the Jacobian (outputs, inputs)).
     */
    public record Result(String parameter, int rows, int cols, double h, double tolerance, List<Entry> entries) {

        public Result {
            Require.text("parameter", parameter);
            entries = Require.noNulls("entries", entries);
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("entries is empty; expected at least one checked entry");
            }
        }

        /** The entry with the largest relative error; a NaN error counts as the largest. */
        public Entry worst() {
            return entries.stream().max(WORST_LAST).orElseThrow();
        }

        /** True when every entry passed. */
        public boolean passed() {
            return entries.stream().allMatch(Entry::pass);
        }

        /** Number of entries that failed. */
        public long failures() {
            return entries.stream().filter(e -> !e.pass()).count();
        }

        /**
         * One line, e.g. {@code "W: (3, 2), 6 of 6 entries pass: worst relative error 2.1e-10 at W[1, 0]
         * (tolerance 1e-06, h = 1e-05)"}.
         */
        public String verdict() {
            Entry w = worst();
            String head = String.format(Locale.ROOT, "%s: (%d, %d), ", parameter, rows, cols);
            String limits = String.format(Locale.ROOT, " (tolerance %.0e, h = %.0e)", tolerance, h);
            if (passed()) {
                return head + entries.size() + " of " + entries.size() + " entries pass: worst relative error "
                        + String.format(Locale.ROOT, "%.1e", w.relativeError()) + " at "
                        + parameter + "[" + w.row() + ", " + w.col() + "]" + limits;
            }
            return head + "FAILED: " + failures() + " of " + entries.size() + " entries exceed the tolerance; worst "
                    + w.describe() + limits;
        }

        /**
         * Returns this when every entry passed; otherwise throws an {@link AssertionError} naming the parameter, the
         * worst entry (row, col) and its numbers.
         */
        public Result requirePassed() {
            if (!passed()) {
                throw new AssertionError("gradient check failed: " + verdict());
            }
            return this;
        }
    }

    /** Several parameters' checks (e.g. W1, b1, W2, b2) read as one. */
    public record Report(List<Result> results) {

        public Report {
            results = Require.noNulls("results", results);
            if (results.isEmpty()) {
                throw new IllegalArgumentException("results is empty; expected at least one GradientCheck.Result");
            }
        }

        /** Every entry of every parameter, in order. */
        public List<Entry> entries() {
            return results.stream().flatMap(r -> r.entries().stream()).toList();
        }

        /** The entry with the largest relative error over all parameters. */
        public Entry worst() {
            return entries().stream().max(WORST_LAST).orElseThrow();
        }

        /** True when every parameter passed. */
        public boolean passed() {
            return results.stream().allMatch(Result::passed);
        }

        /** One line per parameter (see {@link Result#verdict()}). */
        public String verdict() {
            return String.join("\n", results.stream().map(Result::verdict).toList());
        }

        /** Returns this when every parameter passed; otherwise throws an {@link AssertionError} naming each failure. */
        public Report requirePassed() {
            if (!passed()) {
                throw new AssertionError("gradient check failed:\n" + String.join("\n",
                        results.stream().filter(r -> !r.passed()).map(Result::verdict).toList()));
            }
            return this;
        }
    }

    /** Combines several parameters' results into one {@link Report}. */
    public static Report report(Result... results) {
        return new Report(Arrays.asList(Require.notNull("results", results)));
    }

    private static final Comparator<Entry> WORST_LAST =
            Comparator.comparingDouble(e -> Double.isNaN(e.relativeError()) ? Double.POSITIVE_INFINITY : e.relativeError());

    /**
     * Relative error {@code |a - n| / max(|a|, |n|, tiny)} of two finite numbers; 0 against 0 is 0. (In a check, an
     * analytic entry that is not finite gets the error NaN, which no tolerance accepts.)
     */
    public static double relativeError(double analytic, double numeric) {
        Require.finite("analytic", analytic);
        Require.finite("numeric", numeric);
        return error(analytic, numeric);
    }

    private static double error(double analytic, double numeric) {
        // |a - n| <= 2 max(|a|, |n|) and the max is at least TINY: finite for finite a, n; NaN for a NaN analytic
        return Math.abs(analytic / 2 - numeric / 2) / Math.max(TINY, Math.max(Math.abs(analytic), Math.abs(numeric)))
                * 2;
    }

    /** Central difference {@code (f(x + h) - f(x - h)) / (2h)} of a scalar function, finite near x. */
    public static double centralDifference(DoubleUnaryOperator f, double x, double h) {
        Require.notNull("f", f);
        Require.finite("x", x);
        requireStep(h);
        double plus = evaluated("f(x + h)", f.applyAsDouble(x + h), "x = " + x + ", h = " + h);
        double minus = evaluated("f(x - h)", f.applyAsDouble(x - h), "x = " + x + ", h = " + h);
        return difference(plus, minus, h, "df/dx").value();
    }

    /**
     * Numeric gradient of a scalar function of a matrix by central differences, entry by entry.
     *
     * @param f scalar function of x, e.g. the loss as a function of W
     * @param x the point, any shape; Modified during the call (each entry is perturbed by +-h in place so that
     *          {@code f} sees it) and restored exactly (the saved value is written back), so it equals its input
     *          afterwards
     * @param h step, {@code h > 0}
     * @return df/dx, the shape of x
     */
    public static DMatrixRMaj numericGradient(ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj x, double h) {
        requireFunctionPoint(f, x);
        requireStep(h);
        DMatrixRMaj grad = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            grad.data[i] = partial(f, x, i, h).value();
        }
        return grad;
    }

    /**
     * Numeric Jacobian of a matrix function by central differences: {@code J[i, j] = d f_i / d x_j} with f(x) and x
     * both read in row-major order, so J is (f(x).size, x.size): rows are outputs, columns are inputs.
     *
     * @param x Modified during the call and restored exactly, as in {@link #numericGradient}
     */
    public static DMatrixRMaj numericJacobian(Function<DMatrixRMaj, DMatrixRMaj> f, DMatrixRMaj x, double h) {
        requireFunctionPoint(f, x);
        requireStep(h);
        int outputs = output(f, x, "f(x)").getNumElements();
        DMatrixRMaj jacobian = new DMatrixRMaj(outputs, x.getNumElements());
        for (int j = 0; j < x.getNumElements(); j++) {
            Column column = jacobianColumn(f, x, j, h, outputs);
            for (int i = 0; i < outputs; i++) {
                jacobian.unsafe_set(i, j, column.values()[i].value());
            }
        }
        return jacobian;
    }

    /** {@link #dense(String, ToDoubleFunction, DMatrixRMaj, DMatrixRMaj, double, double)} with the defaults. */
    public static Result dense(String name, ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj x, DMatrixRMaj analytic) {
        return dense(name, f, x, analytic, DEFAULT_H, DEFAULT_TOLERANCE);
    }

    /**
     * Checks every entry of an analytic gradient against central differences.
     *
     * @param name     the parameter's name, used in the verdict (e.g. "W1")
     * @param f        scalar function of x (the loss with every other parameter held fixed)
     * @param x        the parameter, (R, C); Modified during the call, restored exactly
     * @param analytic df/dx, (R, C); Not modified
     * @param h        step, {@code h > 0}
     * @param tol      relative-error tolerance, {@code tol > 0}
     */
    public static Result dense(String name, ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj x, DMatrixRMaj analytic,
                               double h, double tol) {
        requireGradientArguments(name, f, x, analytic, h, tol);
        List<Entry> entries = new ArrayList<>(x.getNumElements());
        for (int i = 0; i < x.getNumElements(); i++) {
            entries.add(entry(name, i / x.numCols, i % x.numCols, analytic.data[i], partial(f, x, i, h), tol));
        }
        return new Result(name, x.numRows, x.numCols, h, tol, entries);
    }

    /** {@link #sparse(String, ToDoubleFunction, DMatrixRMaj, DMatrixRMaj, int, long, double, double)} with defaults. */
    public static Result sparse(String name, ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj x, DMatrixRMaj analytic,
                                int k, long seed) {
        return sparse(name, f, x, analytic, k, seed, DEFAULT_H, DEFAULT_TOLERANCE);
    }

    /**
     * Checks {@code k} distinct entries chosen at random (seeded), like cs231n's {@code grad_check_sparse}: for large
     * parameters where a full check costs 2 R C evaluations of f.
     *
     * @param k    how many entries, {@code 1 <= k <= R C}
     * @param seed seed of the entry choice; same seed, same entries
     * @see #dense(String, ToDoubleFunction, DMatrixRMaj, DMatrixRMaj, double, double) the other arguments
     */
    public static Result sparse(String name, ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj x, DMatrixRMaj analytic,
                                int k, long seed, double h, double tol) {
        requireGradientArguments(name, f, x, analytic, h, tol);
        int size = x.getNumElements();
        if (k < 1 || k > size) {
            throw new IllegalArgumentException("k = " + k + "; expected 1 <= k <= " + size
                    + " (the number of entries of " + name + ": " + Matrices.shape(x) + ")");
        }
        // The first k entries of a seeded partial Fisher-Yates shuffle: k distinct indices.
        int[] index = new int[size];
        for (int i = 0; i < size; i++) {
            index[i] = i;
        }
        Random random = new Random(seed);
        List<Entry> entries = new ArrayList<>(k);
        for (int s = 0; s < k; s++) {
            int pick = s + random.nextInt(size - s);
            int i = index[pick];
            index[pick] = index[s];
            index[s] = i;
            entries.add(entry(name, i / x.numCols, i % x.numCols, analytic.data[i], partial(f, x, i, h), tol));
        }
        return new Result(name, x.numRows, x.numCols, h, tol, entries);
    }

    /** {@link #jacobian(String, Function, DMatrixRMaj, DMatrixRMaj, double, double)} with the defaults. */
    public static Result jacobian(String name, Function<DMatrixRMaj, DMatrixRMaj> f, DMatrixRMaj x,
                                  DMatrixRMaj analyticJacobian) {
        return jacobian(name, f, x, analyticJacobian, DEFAULT_H, DEFAULT_TOLERANCE);
    }

    /**
     * Checks a full analytic Jacobian against central differences, like torch.autograd.gradcheck:
     * {@code J[i, j] = d f_i / d x_j}, f(x) and x read in row-major order.
     *
     * @param f                matrix function of x (e.g. softmax of a row)
     * @param x                the point; Modified during the call, restored exactly
     * @param analyticJacobian (f(x).size, x.size): rows are outputs, columns are inputs; Not modified
     */
    public static Result jacobian(String name, Function<DMatrixRMaj, DMatrixRMaj> f, DMatrixRMaj x,
                                  DMatrixRMaj analyticJacobian, double h, double tol) {
        requireName(name);
        requireFunctionPoint(f, x);
        Require.matrix("analyticJacobian", analyticJacobian);
        requireStep(h);
        requireTolerance(tol);
        int outputs = output(f, x, "f(x)").getNumElements();
        if (analyticJacobian.numRows != outputs || analyticJacobian.numCols != x.getNumElements()) {
            throw new IllegalArgumentException("analyticJacobian has shape " + Matrices.shape(analyticJacobian)
                    + "; expected (" + outputs + ", " + x.getNumElements() + "): rows = the " + outputs + " entries of f(x), columns = "
                    + "the " + x.getNumElements() + " entries of x: " + Matrices.shape(x));
        }
        List<Entry> entries = new ArrayList<>(analyticJacobian.getNumElements());
        Column[] columns = new Column[x.getNumElements()];
        for (int j = 0; j < x.getNumElements(); j++) {
            columns[j] = jacobianColumn(f, x, j, h, outputs);
        }
        for (int i = 0; i < outputs; i++) {
            for (int j = 0; j < x.getNumElements(); j++) {
                entries.add(entry(name, i, j, analyticJacobian.unsafe_get(i, j), columns[j].values()[i], tol));
            }
        }
        return new Result(name, outputs, x.getNumElements(), h, tol, entries);
    }

    // ---- central differences -------------------------------------------------------------------------------------

    /** A central difference and its rounding noise. */
    private record Difference(double value, double noise) {
    }

    /** One column of a numeric Jacobian: d f_i / d x_j for every output i. */
    private record Column(Difference[] values) {
    }

    /** d f / d x_i; x_i is perturbed in place and its saved value written back. */
    private static Difference partial(ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj x, int i, double h) {
        double saved = x.data[i];
        String entry = "x[" + i / x.numCols + ", " + i % x.numCols + "]";
        String where = entry + " = " + saved + ", h = " + h;
        try {
            x.data[i] = saved + h;
            double plus = evaluated("f(x + h e) at " + entry, f.applyAsDouble(x), where);
            x.data[i] = saved - h;
            double minus = evaluated("f(x - h e) at " + entry, f.applyAsDouble(x), where);
            return difference(plus, minus, h, "df/d" + entry);
        } finally {
            x.data[i] = saved;
        }
    }

    /** A value of f at a perturbed point; one that is not finite is named, with the point, rather than returned. */
    private static double evaluated(String evaluation, double value, String where) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(evaluation + " = " + value + " (" + where + "); expected f to be "
                    + "finite on both sides of x, where the central difference evaluates it");
        }
        return value;
    }

    /** Column j of the numeric Jacobian; x_j is perturbed in place and its saved value written back. */
    private static Column jacobianColumn(Function<DMatrixRMaj, DMatrixRMaj> f, DMatrixRMaj x, int j, double h,
                                                int outputs) {
        double saved = x.data[j];
        DMatrixRMaj plus;
        DMatrixRMaj minus;
        try {
            x.data[j] = saved + h;
            plus = output(f, x, "f(x + h e_" + j + ")");
            x.data[j] = saved - h;
            minus = output(f, x, "f(x - h e_" + j + ")");
        } finally {
            x.data[j] = saved;
        }
        if (plus.getNumElements() != outputs || minus.getNumElements() != outputs) {
            throw new IllegalArgumentException("f returned " + plus.getNumElements() + " and " + minus.getNumElements()
                    + " entries at x +- h e_" + j + " but " + outputs + " at x; expected f to keep its output size");
        }
        Difference[] column = new Difference[outputs];
        for (int i = 0; i < outputs; i++) {
            column[i] = difference(plus.data[i], minus.data[i], h, "d f_" + i + " / d x_" + j);
        }
        return new Column(column);
    }

    // (f(x + h) - f(x - h)) / (2h), with the rounding noise NOISE_ULPS ulp(|f|) / (2h)
    private static Difference difference(double plus, double minus, double h, String what) {
        double value = (plus - minus) / (2 * h);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " = (" + plus + " - " + minus + ") / (2h) overflows with h = "
                    + h + "; expected f's values to differ by less than " + Double.MAX_VALUE + " * 2h");
        }
        double noise = NOISE_ULPS * Math.ulp(Math.max(Math.abs(plus), Math.abs(minus))) / (2 * h);
        return new Difference(value, noise);
    }

    private static Entry entry(String name, int row, int col, double analytic, Difference numeric, double tol) {
        double error = error(analytic, numeric.value());
        boolean pass = error <= tol || Math.abs(analytic - numeric.value()) <= numeric.noise();
        return new Entry(name, row, col, analytic, numeric.value(), error, pass);
    }

    private static DMatrixRMaj output(Function<DMatrixRMaj, DMatrixRMaj> f, DMatrixRMaj x, String what) {
        DMatrixRMaj y = f.apply(x);
        if (y == null || y.getNumElements() == 0) {
            throw new IllegalArgumentException(what + " is " + (y == null ? "null" : "empty")
                    + "; expected f to return a matrix with at least one entry");
        }
        return Require.finite(what, y);
    }

    // ---- argument checks -----------------------------------------------------------------------------------------

    private static void requireGradientArguments(String name, Object f, DMatrixRMaj x, DMatrixRMaj analytic,
                                                 double h, double tol) {
        requireName(name);
        requireFunctionPoint(f, x);
        // df/dx has the shape of x
        Require.shape("analytic", analytic, x.numRows, x.numCols, "to match x: " + Matrices.shape(x) + " (" + name
                + ")");
        requireStep(h);
        requireTolerance(tol);
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is " + (name == null ? "null" : "blank")
                    + "; expected the parameter's name, e.g. \"W1\"");
        }
    }

    private static void requireFunctionPoint(Object f, DMatrixRMaj x) {
        Require.notNull("f", f);
        Require.matrix("x", x);
        if (x.getNumElements() == 0) {
            throw new IllegalArgumentException("x has shape " + Matrices.shape(x) + "; expected at least one entry");
        }
        for (int i = 0; i < x.getNumElements(); i++) {
            Require.finite("x[" + i / x.numCols + ", " + i % x.numCols + "]", x.data[i]);
        }
    }

    private static void requireStep(double h) {
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("h = " + h + "; expected a finite step h > 0 (e.g. "
                    + DEFAULT_H + ")");
        }
    }

    private static void requireTolerance(double tol) {
        if (!(tol > 0) || !Double.isFinite(tol)) {
            throw new IllegalArgumentException("tol = " + tol + "; expected a finite tolerance > 0 (e.g. "
                    + DEFAULT_TOLERANCE + ")");
        }
    }


    /** Six significant digits, trailing zeros dropped, without locale: 0.5, 0.0900306, 1.5e-07. */
    static String number(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + (e < 0 ? "" : s.substring(e));
    }
}
