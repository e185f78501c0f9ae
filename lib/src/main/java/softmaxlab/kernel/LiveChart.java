package softmaxlab.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import softmaxlab.math.Require;
import softmaxlab.train.History;
import softmaxlab.view.Charts;
import softmaxlab.view.Renderers;

/**
 * A line chart that redraws itself in one output while a training loop feeds it, e.g. a loss curve per epoch:
 * <pre>{@code
 * LiveChart live = LiveChart.loss();
 * DoubleConsumer train = live.series("train");   // y at x = 1, 2, ...
 * ... per epoch: train.accept(loss);             // or live.add("train", epoch, loss)
 * live.finish();
 * }</pre>
 * or, with gradient descent, {@code fit(model, train, live.onEpoch())}.
 * The first point shows the chart; later points replace it in place (Jupyter's {@code update_display_data}), the
 * first time {@link #DEFAULT_INTERVAL} after it, each next time after twice the previous wait, and at most
 * {@link #MAX_UPDATES} times: a run of t seconds redraws about log2(t / 0.25 s) times, at most {@code MAX_UPDATES},
 * however slow a loaded machine makes it; {@link #finish()} shows the final state (one more update at most).
 * Where the kernel cannot update in place (outside a kernel: text), nothing is shown until {@link #finish()}, which
 * shows the final chart once.
 */
public final class LiveChart {

    /** The wait before the first redraw, doubled after each: a PNG encode costs ~10-50 ms of CPU. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);
    /**
     * Redraws in place before {@link #finish()}, whatever the run's length: with a fixed interval a run slowed down by
     * a loaded server redrew more often (8 times alone, ~215 times with 8 students, ~390 with 16).
     */
    public static final int MAX_UPDATES = 8;

    private final XYChart chart;
    private final Frontend frontend;
    private final Renderers renderers;
    private final LongSupplier nanoTime;
    private long intervalNanos;
    private final Map<String, List<Double>> xs = new LinkedHashMap<>();
    private final Map<String, List<Double>> ys = new LinkedHashMap<>();
    private String displayId;
    private long shownAt;
    private boolean pending;
    private int updates;

    LiveChart(XYChart chart, Frontend frontend, Renderers renderers, LongSupplier nanoTime, Duration interval) {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("interval is " + interval + "; expected a duration >= 0");
        }
        this.chart = chart;
        this.frontend = frontend;
        this.renderers = renderers;
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
    }

    /** A live chart titled {@code title} in the running kernel, redrawn as the class comment says. */
    public static LiveChart of(String title, String xTitle, String yTitle) {
        Require.notNull("title", title);
        Require.notNull("xTitle", xTitle);
        Require.notNull("yTitle", yTitle);
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return new LiveChart(chart, Notebook.frontend(), Notebook.renderers(), System::nanoTime, DEFAULT_INTERVAL);
    }

    /** A live "training loss" chart over epochs. */
    public static LiveChart loss() {
        return of("training loss", "epoch", "loss");
    }

    /**
     * Adds the point (x, y) to {@code series} (created on first use) and redraws if the interval has passed.
     * x, y: finite. Modified: this chart.
     */
    public synchronized void add(String series, double x, double y) {
        Require.text("series", series);
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("point (" + x + ", " + y + ") of series '" + series
                    + "' is not finite; expected finite x and y (a NaN loss means training diverged)");
        }
        xs.computeIfAbsent(series, s -> new ArrayList<>()).add(x);
        ys.computeIfAbsent(series, s -> new ArrayList<>()).add(y);
        pending = true;
        if (!frontend.updatesInPlace()) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (displayId == null) {
            displayId = frontend.display(renderers.render(redrawn()));
            shownAt = now;
            pending = false;
        } else if (updates < MAX_UPDATES && now - shownAt >= intervalNanos) {
            frontend.updateDisplay(displayId, renderers.render(redrawn()));
            shownAt = now;
            pending = false;
            updates++;
            intervalNanos = intervalNanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : intervalNanos * 2;
        }
    }

    /** A callback adding its values to {@code series} at x = 1, 2, 3, ... (e.g. one loss per epoch). */
    public DoubleConsumer series(String series) {
        Require.text("series", series);
        return y -> add(series, xs.getOrDefault(series, List.of()).size() + 1, y);
    }

    /**
     * A {@link softmaxlab.train.GradientDescent} listener: after epoch 0 and each epoch, adds the last epoch's training
     * loss to the series {@code "train loss"} at x = its epoch number:
     * {@code new GradientDescent(...).fit(model, train, live.onEpoch()); live.finish();}
     */
    public Consumer<History> onEpoch() {
        return history -> {
            History.Epoch e = Require.notNull("history", history).last();
            add("train loss", e.epoch(), e.loss());
        };
    }

    /** Shows the final state (in place, or once where updates are not possible) and returns the chart. */
    public synchronized XYChart finish() {
        if (pending || displayId == null) {
            if (displayId != null) {
                frontend.updateDisplay(displayId, renderers.render(redrawn()));
                updates++;
            } else {
                displayId = frontend.display(renderers.render(redrawn()));
            }
            pending = false;
        }
        return chart;
    }

    /** How many times the shown chart was replaced in place (for tests and curious notebooks). */
    public synchronized int updates() {
        return updates;
    }

    /** The chart with every point added so far. */
    public synchronized XYChart chart() {
        return redrawn();
    }

    private XYChart redrawn() {
        for (String name : xs.keySet()) {
            if (chart.getSeriesMap().containsKey(name)) {
                chart.updateXYSeries(name, xs.get(name), ys.get(name), null);
            } else {
                chart.addSeries(name, xs.get(name), ys.get(name)).setMarker(SeriesMarkers.NONE);
            }
        }
        chart.getStyler().setLegendVisible(xs.size() > 1);
        return chart;
    }
}
