package softmaxlab.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import softmaxlab.math.Require;

/**
 * A formula as a document prints it, and the quantity it claims to equal. Both are functions of a point
 * {@code double[]} (e.g. o_1..o_3 and w_{41}..w_{63} of document 002's net); the claim is checked at the document's
 * own example point and at seeded random points, and holds when
 * <pre>  |printed(p) - truth(p)| / max(1, |truth(p)|) &lt;= tolerance</pre>
 * at every point (relative for large values, absolute for small ones, so a truth of 0 can be checked).
 *
 * <pre>
 *   Verdict v = Claim.of("002 (情况一) dLoss/dw41", "(1-a_4) \\times o_1", printed, truth)
 *           .variables("o1", "o2", "o3", "w41", ...)
 *           .at(documentPoint)
 *           .sampled(50, 7, random -> ...)
 *           .corrected("(a_4-1) \\times o_1", corrected)
 *           .check();
 * </pre>
 * A printed form that is false gives a {@link Verdict} with a counterexample; it does not throw. A corrected form
 * that does not hold throws from {@link #check()}: the correction is ours, and must be right.
 */
public final class Claim {

    /**
     * Default tolerance. The truth is either computed directly (error ~1e-15) or by central differences with
     * h = 1e-5 (error ~1e-9 for values of order 1); a wrong printed formula (a sign, a factor) is off by order 1.
     */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    private final String label;
    private final String printedLatex;
    private final ToDoubleFunction<double[]> printed;
    private final ToDoubleFunction<double[]> truth;
    private List<String> variables;
    private double[] documentPoint;
    private int samples;
    private long seed;
    private Function<Random, double[]> sampler;
    private String correctedLatex;
    private ToDoubleFunction<double[]> corrected;
    private double tolerance = DEFAULT_TOLERANCE;
    private Verdict.Source source = Verdict.Source.PRINTED;

    private Claim(String label, String printedLatex, ToDoubleFunction<double[]> printed,
                  ToDoubleFunction<double[]> truth) {
        this.label = Require.text("label", label);
        this.printedLatex = Require.text("printedLatex", printedLatex);
        this.printed = Require.notNull("printed", printed);
        this.truth = Require.notNull("truth", truth);
    }

    /**
     * A printed formula and the truth it claims to equal.
     *
     * @param label        where it is printed, e.g. "002 (情况一) dLoss/dw41"
     * @param printedLatex the formula as printed, e.g. {@code (1-a_4) \times o_1}
     * @param printed      computes the printed formula at a point
     * @param truth        computes the true value at a point (directly, or by finite differences)
     */
    public static Claim of(String label, String printedLatex, ToDoubleFunction<double[]> printed,
                           ToDoubleFunction<double[]> truth) {
        return new Claim(label, printedLatex, printed, truth);
    }

    /** Names of the point's coordinates, used in counterexamples (default x1, x2, ...). */
    public Claim variables(String... names) {
        Require.notNull("names", names);
        for (int i = 0; i < names.length; i++) {
            Require.text("names[" + i + "]", names[i]);
        }
        variables = List.of(names);
        return this;
    }

    /** The document's own example point. Not modified (copied). */
    public Claim at(double... point) {
        documentPoint = requirePoint("point", Require.notNull("point", point).clone());
        return this;
    }

    /**
     * Also check at {@code n} random points drawn by {@code sampler} from {@code new Random(seed)}: same seed, same
     * points.
     */
    public Claim sampled(int n, long seed, Function<Random, double[]> sampler) {
        this.samples = Require.positive("n", n);
        this.seed = seed;
        this.sampler = Require.notNull("sampler", sampler);
        return this;
    }

    /** A corrected form, checked at the same points against the same truth; {@link #check()} throws if it fails. */
    public Claim corrected(String latex, ToDoubleFunction<double[]> formula) {
        this.correctedLatex = Require.text("latex", latex);
        this.corrected = Require.notNull("formula", formula);
        return this;
    }

    /** Marks the formula as our reconstruction (the document shows it only as an image, or leaves it implicit). */
    public Claim reconstructed() {
        this.source = Verdict.Source.RECONSTRUCTED;
        return this;
    }

    /** Marks the formula as our own addition, a check the document does not make. */
    public Claim ours() {
        this.source = Verdict.Source.OURS;
        return this;
    }

    /** The largest discrepancy allowed, default {@link #DEFAULT_TOLERANCE}. */
    public Claim tolerance(double tol) {
        this.tolerance = Require.positive("tol", tol);
        return this;
    }

    /**
     * Checks the printed form (and the corrected form, if any) at the document's point and the sampled points.
     *
     * @throws IllegalArgumentException when there are no points, points differ in length from each other or from the
     *                                  variables, or the truth is not finite at a point
     * @throws AssertionError           when the corrected form does not hold
     */
    public Verdict check() {
        List<double[]> points = points();
        List<String> names = names(points.get(0).length);
        double[] truths = new double[points.size()];
        for (int k = 0; k < points.size(); k++) {
            double[] p = points.get(k);
            truths[k] = truth.applyAsDouble(p.clone());
            if (!Double.isFinite(truths[k])) {
                throw new IllegalArgumentException("truth = " + truths[k] + " for " + label + " at "
                        + Arrays.toString(p) + "; expected a finite value (is the sampler's point valid?)");
            }
        }
        Optional<Verdict> correction = corrected == null ? Optional.empty()
                : Optional.of(verdict(correctedLatex, corrected, points, truths, names, Optional.empty()));
        return verdict(printedLatex, printed, points, truths, names, correction).requireCorrectionHolds();
    }

    private Verdict verdict(String latex, ToDoubleFunction<double[]> form, List<double[]> points, double[] truths,
                            List<String> names, Optional<Verdict> correction) {
        double worst = 0;
        double worstRank = -1;
        Verdict.Sample worstSample = null;
        Verdict.Sample atDocument = null;
        boolean failsAtDocument = false;
        for (int k = 0; k < points.size(); k++) {
            double[] p = points.get(k);
            double value = form.applyAsDouble(p.clone());
            Verdict.Sample sample = new Verdict.Sample(names, p, value, truths[k]);
            // NaN (a printed form undefined here) ranks worst
            double d = discrepancy(truths[k], value);
            double rank = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            if (rank > worstRank) {
                worstRank = rank;
                worst = d;
                worstSample = sample;
            }
            if (k == 0 && documentPoint != null) {
                atDocument = sample;
                failsAtDocument = !(d <= tolerance);
            }
        }
        boolean holds = worst <= tolerance;
        // a reader checks the document's own example first: show it there when it fails there
        Verdict.Sample counter = failsAtDocument ? atDocument : worstSample;
        return new Verdict(label, latex, holds, worst, tolerance, points.size(), Optional.ofNullable(atDocument),
                holds ? Optional.empty() : Optional.of(counter), correction, source, List.of(), 0);
    }

    // the document's point first, then the sampled ones
    private List<double[]> points() {
        List<double[]> points = new ArrayList<>();
        if (documentPoint != null) {
            points.add(documentPoint);
        }
        if (sampler != null) {
            Random random = new Random(seed);
            for (int k = 0; k < samples; k++) {
                double[] p = sampler.apply(random);
                points.add(requirePoint("sampled point " + k, Require.notNull("sampled point " + k, p).clone()));
            }
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("claim " + label + " has no points; expected at(documentPoint) "
                    + "and/or sampled(n, seed, sampler)");
        }
        int length = points.get(0).length;
        for (int k = 1; k < points.size(); k++) {
            if (points.get(k).length != length) {
                throw new IllegalArgumentException("point " + k + " of " + label + " has length "
                        + points.get(k).length + "; expected " + length + ", the length of point 0");
            }
        }
        return points;
    }

    private List<String> names(int length) {
        if (variables == null) {
            List<String> names = new ArrayList<>(length);
            for (int i = 1; i <= length; i++) {
                names.add("x" + i);
            }
            return names;
        }
        if (variables.size() != length) {
            throw new IllegalArgumentException("variables has " + variables.size() + " names " + variables
                    + "; expected " + length + ", one per coordinate of the points of " + label);
        }
        return variables;
    }

    private static double[] requirePoint(String name, double[] p) {
        for (int i = 0; i < p.length; i++) {
            Require.finite(name + "[" + i + "]", p[i]);
        }
        return p;
    }

    /**
     * {@code |value - truth| / max(1, |truth|)}, the measure every check of this package compares with its tolerance;
     * each side is divided first, so it is finite for any finite values. NaN where either is NaN.
     */
    static double discrepancy(double truth, double value) {
        double scale = Math.max(1, Math.abs(truth));
        return Math.abs(value / scale - truth / scale);
    }
}
