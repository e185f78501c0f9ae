package softmaxlab.view;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import softmaxlab.check.Derivation;
import softmaxlab.math.Matrices;
import softmaxlab.math.Require;
import softmaxlab.train.History;

/**
 * XChart charts with the defaults a notebook wants: one line each, a fixed size, a legend only when there are several
 * series. PNG bytes via {@link #png(Chart)}, SVG text via {@link #svg(Chart)}.
 */
public final class Charts {

    public static final int WIDTH = 600;
    public static final int HEIGHT = 400;
    /** Grid points per axis when coloring decision regions: 80 x 80 predictions, cells of about 6 pixels. */
    public static final int REGION_GRID = 80;
    /** Screen pixels per image pixel in {@link #imageGrid}: an 8x8 weight image becomes 64x64. */
    public static final int IMAGE_SCALE = 8;

    /** Curves with more points than this are drawn without markers. */
    static final int MARKED_POINTS = 30;

    /** Class colors (Tableau 10): region fill is the same hue, lighter. */
    private static final Color[] PALETTE = {
            new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
            new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC)};

    private Charts() {
    }

    /**
     * Curves over epochs 1, 2, ...: one line per entry of {@code series} (label -> values), in the map's order.
     * Not modified.
     */
    public static XYChart lines(String title, String xTitle, String yTitle, Map<String, double[]> series) {
        requireTitles(title, xTitle, yTitle);
        requireSeries(series);
        series.forEach(Charts::requirePlottable);
        Map<String, double[][]> xy = new LinkedHashMap<>();
        series.forEach((label, y) -> xy.put(label, new double[][]{epochs(y.length), y}));
        return xyLines(title, xTitle, yTitle, xy);
    }

    /**
     * The sides of a claim along one leaf ({@code Derivation.along}): the first side (the derivative on the graph) as
     * a line, every later side as dots, labelled "step k: its LaTeX". Where a step holds its dots sit on the line;
     * where an {@code =} breaks they leave it. Not modified.
     */
    public static XYChart sides(Derivation.Curves curves) {
        Require.notNull("curves", curves);
        double[] x = curves.x();
        requirePlottable("x", x);
        double[][] values = curves.values();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("each side of the claim along "
                + curves.leaf()).xAxisTitle(curves.leaf()).yAxisTitle("value").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        for (int s = 0; s < values.length; s++) {
            String label = "step " + (s + 1) + ": " + curves.sides().get(s);
            requirePlottable(label, values[s]);
            XYSeries series = chart.addSeries(label, x, values[s]);
            series.setMarker(s == 0 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            series.setLineStyle(s == 0 ? SeriesLines.SOLID : SeriesLines.NONE);
        }
        return chart;
    }

    /** Lines through (x, y) points: label -> {x, y}. */
    private static XYChart xyLines(String title, String xTitle, String yTitle, Map<String, double[][]> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(series.size() > 1).setLegendPosition(Styler.LegendPosition.InsideNE);
        series.forEach((label, xy) -> chart.addSeries(label, xy[0], xy[1])
                .setMarker(xy[0].length > MARKED_POINTS ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE));
        return chart;
    }

    private static double[] epochs(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    /** The training loss of one history over its epochs (0 = before training). Not modified. */
    public static XYChart loss(History history) {
        return histories(Map.of("loss", Require.notNull("history", history)));
    }

    /** Training-loss curves of several histories over their epochs, e.g. one per learning rate. Not modified. */
    public static XYChart histories(Map<String, History> histories) {
        Map<String, double[][]> xy = new LinkedHashMap<>();
        requireHistories(histories).forEach((label, h) -> xy.put(label,
                new double[][]{epochNumbers(h), h.epochs().stream().mapToDouble(History.Epoch::loss).toArray()}));
        return xyLines("loss", "epoch", "loss", xy);
    }

    /**
     * Accuracy curves of several histories: {@code "<name> train"} and, when recorded, {@code "<name> validation"};
     * y axis [0, 1]. Not modified.
     */
    public static XYChart accuracies(Map<String, History> histories) {
        Map<String, double[][]> xy = new LinkedHashMap<>();
        requireHistories(histories).forEach((label, h) -> {
            xy.put(label + " train", new double[][]{epochNumbers(h),
                    h.epochs().stream().mapToDouble(History.Epoch::trainAccuracy).toArray()});
            if (h.epochs().stream().allMatch(e -> e.validationAccuracy().isPresent())) {
                xy.put(label + " validation", new double[][]{epochNumbers(h),
                        h.epochs().stream().mapToDouble(e -> e.validationAccuracy().getAsDouble()).toArray()});
            }
        });
        XYChart chart = xyLines("accuracy", "epoch", "accuracy", xy);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        return chart;
    }

    private static double[] epochNumbers(History h) {
        return h.epochs().stream().mapToDouble(History.Epoch::epoch).toArray();
    }

    private static Map<String, History> requireHistories(Map<String, History> histories) {
        Require.named("histories", histories).forEach((label, h) -> {
            if (h.epochs().isEmpty()) {
                throw new IllegalArgumentException("history '" + label + "' is empty; expected at least epoch 0");
            }
        });
        return histories;
    }

    /** One loss curve over epochs. Not modified. */
    public static XYChart loss(double... loss) {
        return loss(Map.of("loss", Require.notNull("loss", loss)));
    }

    /** Several loss curves over epochs (label -> per-epoch loss), e.g. train and validation. Not modified. */
    public static XYChart loss(Map<String, double[]> losses) {
        return lines("loss", "epoch", "loss", losses);
    }

    /** Accuracy curves over epochs (label -> per-epoch accuracy in [0, 1]), y axis fixed to [0, 1]. Not modified. */
    public static XYChart accuracy(Map<String, double[]> accuracies) {
        XYChart chart = lines("accuracy", "epoch", "accuracy", accuracies);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        return chart;
    }

    /**
     * A bar per class of a probability vector, e.g. a softmax output a = (0.09, 0.24, 0.67); y axis [0, 1].
     * p: C values in [0, 1]; labels: C names, or none for 0, 1, ... Not modified.
     */
    public static CategoryChart probabilities(double[] p, String... labels) {
        Require.noNulls("labels", labels);
        if (p == null || p.length == 0) {
            throw new IllegalArgumentException("p is " + (p == null ? "null" : "empty")
                    + "; expected a probability vector with at least one entry");
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p[" + i + "] = " + p[i] + "; expected a probability in [0, 1]");
            }
        }
        String[] names = labels.length == 0 ? Tables.indices(p.length) : labels;
        if (names.length != p.length) {
            throw new IllegalArgumentException("labels has " + names.length + " names; expected " + p.length
                    + ", one per entry of p");
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("probabilities")
                .xAxisTitle("class").yAxisTitle("probability").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.addSeries("p", Arrays.asList(names), Arrays.stream(p).boxed().toList());
        return chart;
    }

    /**
     * The decision regions of a classifier over 2-D data: the plane around the points colored by the class
     * {@code predictor} assigns on a {@link #REGION_GRID} x {@link #REGION_GRID} grid, and the points on top in
     * their true class's color. predictor: (M, 2) -> M labels; points: (N, 2); labels: N in [0, classes),
     * classes at most 10. Not modified.
     */
    public static XYChart decisionRegions(Function<DMatrixRMaj, int[]> predictor, DMatrixRMaj points, int[] labels,
                                          int classes) {
        requireRegions(predictor, points, labels, classes);
        for (int d = 0; d < 2; d++) {
            requirePlottable("points column " + d, column(points, d));
        }
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < points.numRows; i++) {
            for (int d = 0; d < 2; d++) {
                lo[d] = Math.min(lo[d], points.get(i, d));
                hi[d] = Math.max(hi[d], points.get(i, d));
            }
        }
        for (int d = 0; d < 2; d++) {
            // pad by 10% so points on the edge are not cut, and give a single point some extent
            double pad = Math.max(0.1 * (hi[d] - lo[d]), 0.5);
            lo[d] -= pad;
            hi[d] += pad;
            if (!Double.isFinite(hi[d] - lo[d])) {
                throw new IllegalArgumentException("points column " + d + " padded by 10% spans [" + lo[d] + ", "
                        + hi[d] + "]; expected points whose padded range is below " + Double.MAX_VALUE);
            }
        }
        int cells = REGION_GRID * REGION_GRID;
        DMatrixRMaj grid = new DMatrixRMaj(cells, 2);
        for (int i = 0; i < REGION_GRID; i++) {
            for (int j = 0; j < REGION_GRID; j++) {
                grid.set(i * REGION_GRID + j, 0, lo[0] + (hi[0] - lo[0]) * (j + 0.5) / REGION_GRID);
                grid.set(i * REGION_GRID + j, 1, lo[1] + (hi[1] - lo[1]) * (i + 0.5) / REGION_GRID);
            }
        }
        int[] predicted = predictor.apply(grid);
        if (predicted == null || predicted.length != cells) {
            throw new IllegalArgumentException("predictor returned " + (predicted == null ? "null" : predicted.length
                    + " labels") + " for a grid of " + cells + " points; expected one label per row");
        }
        for (int i = 0; i < cells; i++) {
            if (predicted[i] < 0 || predicted[i] >= classes) {
                throw new IllegalArgumentException("predictor returned label " + predicted[i] + " for grid point " + i
                        + "; expected a label in [0, " + classes + ")");
            }
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(WIDTH).title("decision regions")
                .xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter)
                .setLegendPosition(Styler.LegendPosition.OutsideE).setMarkerSize(7);
        // the grid fills the plot: no inner margin around the content
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setXAxisMin(lo[0]).setXAxisMax(hi[0]).setYAxisMin(lo[1]).setYAxisMax(hi[1]);
        // a cell is about (plot width / grid) pixels; one pixel more so neighbouring cells leave no gaps
        Marker cell = new Cell(WIDTH * 0.8 / REGION_GRID + 1);
        for (int c = 0; c < classes; c++) {
            addClassSeries(chart, "region " + c, grid, predicted, c, cell, regionColor(c), false);
        }
        for (int c = 0; c < classes; c++) {
            addClassSeries(chart, "class " + c, points, labels, c, SeriesMarkers.CIRCLE, PALETTE[c], true);
        }
        return chart;
    }

    private static void addClassSeries(XYChart chart, String name, DMatrixRMaj xy, int[] y, int c, Marker marker,
                                       Color color, boolean inLegend) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (y[i] == c) {
                xs.add(xy.get(i, 0));
                ys.add(xy.get(i, 1));
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(marker).setMarkerColor(color);
        series.setShowInLegend(inLegend);
    }

    /** A square of a fixed pixel size, centered on the point: one cell of the decision-region grid. */
    private static final class Cell extends Marker {
        private final double side;

        Cell(double side) {
            this.side = side;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            g.fill(new Rectangle2D.Double(x - side / 2, y - side / 2, side, side));
        }
    }

    /** The fill of class {@code k}'s region: 30% of the class color blended into white. */
    static Color regionColor(int k) {
        Color c = PALETTE[k];
        return new Color(255 - (255 - c.getRed()) * 3 / 10, 255 - (255 - c.getGreen()) * 3 / 10,
                255 - (255 - c.getBlue()) * 3 / 10);
    }

    /**
     * A grid of small images, one per row of {@code images}, e.g. 10 learned weight vectors W^T: (10, 64) as 8x8
     * images. Each image is scaled to its own largest |value|: blue negative, white 0, red positive; titled below.
     * A {@code BufferedImage} rather than an XChart chart, because XChart's heat map shares one color scale across
     * tiles. images: (K, height*width), row-major pixels; titles: K names, or none for 0, 1, ... Not modified.
     */
    public static BufferedImage imageGrid(DMatrixRMaj images, int height, int width, String... titles) {
        Require.matrix("images", images);
        Require.positive("height", height);
        Require.positive("width", width);
        if (images.numCols != Require.entries("height * width", height, width) || images.numRows == 0) {
            throw new IllegalArgumentException("images has shape " + Matrices.shape(images) + "; expected (K >= 1, "
                    + height + " * "
                    + width + ") rows of row-major pixels for height = " + height + ", width = " + width);
        }
        String[] names = Require.noNulls("titles", titles).length == 0 ? Tables.indices(images.numRows) : titles;
        if (names.length != images.numRows) {
            throw new IllegalArgumentException("titles has " + names.length + " names; expected " + images.numRows
                    + ", one per image");
        }
        int k = images.numRows;
        int columns = Math.min(k, 5);
        int rows = (k + columns - 1) / columns;
        int gap = 8;
        int caption = 16;
        // the grid's size in long, so that a large image count or size is refused rather than overflowing int
        long gridW = columns * ((long) width * IMAGE_SCALE + gap) + gap;
        long gridH = rows * ((long) height * IMAGE_SCALE + caption + gap) + gap;
        if (gridW * gridH > Require.MAX_ENTRIES) {
            throw new IllegalArgumentException("images: " + k + " images of " + height + " x " + width + " pixels, "
                    + "drawn " + IMAGE_SCALE + " times larger, make a " + gridW + " x " + gridH + " grid; expected at "
                    + "most " + Require.MAX_ENTRIES + " pixels (Require.MAX_ENTRIES)");
        }
        int tileW = width * IMAGE_SCALE;
        int tileH = height * IMAGE_SCALE;
        BufferedImage out = new BufferedImage(columns * (tileW + gap) + gap, rows * (tileH + caption + gap) + gap,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int t = 0; t < k; t++) {
            int left = gap + (t % columns) * (tileW + gap);
            int top = gap + (t / columns) * (tileH + caption + gap);
            double scale = 0;
            for (int p = 0; p < images.numCols; p++) {
                scale = Math.max(scale, Math.abs(images.get(t, p)));
            }
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    g.setColor(diverging(scale == 0 ? 0 : images.get(t, r * width + c) / scale));
                    g.fillRect(left + c * IMAGE_SCALE, top + r * IMAGE_SCALE, IMAGE_SCALE, IMAGE_SCALE);
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(left, top, tileW - 1, tileH - 1);
            g.drawString(names[t], left, top + tileH + caption - 3);
        }
        g.dispose();
        return out;
    }

    /** v in [-1, 1] -> blue (-1), white (0), red (+1); NaN -> black, so a broken weight is visible. */
    private static Color diverging(double v) {
        if (Double.isNaN(v)) {
            return Color.BLACK;
        }
        int fade = (int) Math.round(255 * (1 - Math.min(1, Math.abs(v))));
        return v >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }

    /** The chart as PNG bytes, at its own width and height. */
    public static byte[] png(Chart<?, ?> chart) {
        Require.notNull("chart", chart);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding chart '" + chart.getTitle() + "' as PNG", e);
        }
    }

    /** The image as PNG bytes. */
    public static byte[] png(BufferedImage image) {
        Require.notNull("image", image);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding an image as PNG", e);
        }
        return bytes.toByteArray();
    }

    /** The chart as an SVG document (XChart's VectorGraphicsEncoder, via VectorGraphics2D). */
    public static String svg(Chart<?, ?> chart) {
        Require.notNull("chart", chart);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding chart '" + chart.getTitle() + "' as SVG", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Length of the first series; rejects null, empty, unnamed or empty series. */
    static int requireSeries(Map<String, double[]> series) {
        Require.named("series", series);
        int n = -1;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue().length == 0) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' is empty; expected at least one value");
            }
            n = n < 0 ? e.getValue().length : n;
        }
        return n;
    }

    /** Finite values spanning a finite range: an axis cannot place NaN or infinity, nor span more than a double. */
    static void requirePlottable(String name, double[] values) {
        Require.finite(name, values);
        double lo = Arrays.stream(values).min().orElse(0);
        double hi = Arrays.stream(values).max().orElse(0);
        if (!Double.isFinite(hi - lo)) {
            throw new IllegalArgumentException(name + " spans [" + lo + ", " + hi + "]; expected a range max - min "
                    + "below " + Double.MAX_VALUE + " for an axis");
        }
    }

    private static double[] column(DMatrixRMaj m, int j) {
        double[] c = new double[m.numRows];
        for (int i = 0; i < m.numRows; i++) {
            c[i] = m.get(i, j);
        }
        return c;
    }

    static void requireTitles(String title, String xTitle, String yTitle) {
        Require.notNull("title", title);
        Require.notNull("xTitle", xTitle);
        Require.notNull("yTitle", yTitle);
    }

    private static void requireRegions(Function<DMatrixRMaj, int[]> predictor, DMatrixRMaj points, int[] labels,
                                       int classes) {
        Require.notNull("predictor", predictor);
        if (Require.matrix("points", points).numCols != 2 || points.numRows == 0) {
            throw new IllegalArgumentException("points has shape " + Matrices.shape(points) + "; expected (N >= 1, 2)");
        }
        if (classes < 1 || classes > PALETTE.length) {
            throw new IllegalArgumentException("classes = " + classes + "; expected 1 to " + PALETTE.length);
        }
        if (labels == null || labels.length != points.numRows) {
            throw new IllegalArgumentException("labels has " + (labels == null ? "null" : labels.length + " entries")
                    + "; expected " + points.numRows + ", one per row of points");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i]
                        + " is out of range; expected a label in [0, " + classes + ")");
            }
        }
    }
}
