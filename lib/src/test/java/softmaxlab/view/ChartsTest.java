package softmaxlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;

import softmaxlab.check.Derivation;
import softmaxlab.graph.Graph;

class ChartsTest {

    /** A drawn chart has axes, labels and series: far more colors than a blank canvas. */
    static final int MIN_COLORS = 8;
    /** Share of the plot a colored region must cover for us to call it "there". */
    static final double MIN_REGION_SHARE = 0.05;
    static final long SEED = 42;

    static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null, "PNG decodes");
        return image;
    }

    static int distinctColors(BufferedImage image) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colors.add(image.getRGB(x, y));
            }
        }
        return colors.size();
    }

    static void assertDrawn(byte[] png, int width, int height) throws IOException {
        BufferedImage image = decode(png);
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        assertTrue(distinctColors(image) >= MIN_COLORS, "not blank: " + distinctColors(image) + " colors");
    }

    @Test
    void lossCurvesDrawAtDefaultSize() throws IOException {
        Map<String, double[]> losses = new LinkedHashMap<>();
        losses.put("train", new double[]{2.3, 1.2, 0.8, 0.5});
        losses.put("validation", new double[]{2.3, 1.4, 1.0, 0.9});
        XYChart chart = Charts.loss(losses);
        assertEquals(2, chart.getSeriesMap().size());
        assertDrawn(Charts.png(chart), Charts.WIDTH, Charts.HEIGHT);
        assertDrawn(Charts.png(Charts.loss(2.3, 1.0)), Charts.WIDTH, Charts.HEIGHT);
    }

    @Test
    void accuracyAxisIsZeroToOne() throws IOException {
        XYChart chart = Charts.accuracy(Map.of("train", new double[]{0.3, 0.6, 0.9}));
        assertEquals(1.0, chart.getStyler().getYAxisMax());
        assertDrawn(Charts.png(chart), Charts.WIDTH, Charts.HEIGHT);
    }

    @Test
    void probabilitiesAreBars() throws IOException {
        CategoryChart chart = Charts.probabilities(new double[]{0.09, 0.2447, 0.6652}, "a4", "a5", "a6");
        assertDrawn(Charts.png(chart), Charts.WIDTH, Charts.HEIGHT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.probabilities(new double[]{0.5, 1.5}));
        assertTrue(e.getMessage().contains("p[1] = 1.5"), e.getMessage());
    }

    @Test
    void svgIsAnSvgDocument() {
        String svg = Charts.svg(Charts.loss(1.0, 0.5));
        assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
        assertTrue(svg.contains("</svg>"));
    }

    @Test
    void decisionRegionsColorBothHalves() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        int n = 40;
        DMatrixRMaj points = new DMatrixRMaj(n, 2);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            points.set(i, 0, random.nextDouble(-1, 1));
            points.set(i, 1, random.nextDouble(-1, 1));
            labels[i] = points.get(i, 0) < 0 ? 0 : 1;
        }
        XYChart chart = Charts.decisionRegions(x -> {
            int[] y = new int[x.numRows];
            for (int i = 0; i < y.length; i++) {
                y[i] = x.get(i, 0) < 0 ? 0 : 1;
            }
            return y;
        }, points, labels, 2);
        BufferedImage image = decode(Charts.png(chart));
        assertEquals(Charts.WIDTH, image.getWidth());
        double[] share = new double[2];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                for (int c = 0; c < 2; c++) {
                    if (close(image.getRGB(x, y), Charts.regionColor(c))) {
                        share[c] += 1.0 / (image.getWidth() * image.getHeight());
                    }
                }
            }
        }
        assertTrue(share[0] > MIN_REGION_SHARE && share[1] > MIN_REGION_SHARE,
                "both regions colored: " + share[0] + ", " + share[1]);
    }

    @Test
    void decisionRegionsRejectBadInput() {
        DMatrixRMaj points = new DMatrixRMaj(3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.decisionRegions(x -> new int[x.numRows], points, new int[]{0, 1, 2}, 2));
        assertTrue(e.getMessage().contains("labels[2] = 2 is out of range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Charts.decisionRegions(x -> new int[x.numRows], new DMatrixRMaj(3, 3), new int[3], 2));
        assertTrue(e.getMessage().contains("(3, 3); expected (N >= 1, 2)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Charts.decisionRegions(x -> new int[x.numRows + 1], points, new int[3], 2));
        assertTrue(e.getMessage().contains("predictor returned 6401 labels"), e.getMessage());
    }

    @Test
    void imageGridTilesEachImage() throws IOException {
        int k = 10;
        DMatrixRMaj w = new DMatrixRMaj(k, 64);
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < w.getNumElements(); i++) {
            w.data[i] = random.nextGaussian();
        }
        BufferedImage grid = Charts.imageGrid(w, 8, 8);
        // 5 columns, 2 rows of 64x64 tiles with gaps and captions
        assertEquals(5 * (64 + 8) + 8, grid.getWidth());
        assertEquals(2 * (64 + 16 + 8) + 8, grid.getHeight());
        assertTrue(distinctColors(decode(Charts.png(grid))) >= MIN_COLORS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.imageGrid(w, 8, 7));
        assertTrue(e.getMessage().contains("(10, 64); expected (K >= 1, 8 * 7)"), e.getMessage());
    }

    private static boolean close(int rgb, Color c) {
        Color p = new Color(rgb);
        return Math.abs(p.getRed() - c.getRed()) + Math.abs(p.getGreen() - c.getGreen())
                + Math.abs(p.getBlue() - c.getBlue()) <= 6;
    }

    @Test
    void imageGridSizesThatOverflowAreRefused() {
        DMatrixRMaj one = new DMatrixRMaj(1, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.imageGrid(one, 65536, 65536));
        assertEquals("height * width = 65536 * 65536 entries; expected at most 4194304 (Require.MAX_ENTRIES)",
                e.getMessage());
        DMatrixRMaj wide = new DMatrixRMaj(1, 1 << 20);
        e = assertThrows(IllegalArgumentException.class, () -> Charts.imageGrid(wide, 1, 1 << 20));
        assertTrue(e.getMessage().contains("make a 8388624 x 40 grid; expected at most 4194304 pixels"),
                e.getMessage());
    }

    @Test
    void seriesAChartCannotPlaceAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.loss(1, Double.NaN));
        assertEquals("loss[1] = NaN; expected a finite number", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Charts.loss(Double.MAX_VALUE, -Double.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("loss spans ["), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Charts.lines(null, "x", "y", Map.of("a", new double[]{1})));
        assertEquals("title is null; expected a value", e.getMessage());
    }

    @Test
    void sidesDrawTheFirstAsALineAndTheOthersAsDots() throws IOException {
        Derivation d = Derivation.on(Graph.fromLatex("z=0.3, y=1", "a = \\frac{1}{1+e^{-z}}",
                "L = -y\\ln a - (1-y)\\ln(1-a)")).fixed("y");
        XYChart chart = Charts.sides(d.along("z", -4, 4, 21, "\\frac{\\partial L}{\\partial z} = a - y = y - a"));
        assertEquals(List.of("step 1: \\frac{\\partial L}{\\partial z}", "step 2: a - y", "step 3: y - a"),
                List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(SeriesLines.NONE, chart.getSeriesMap().get("step 2: a - y").getLineStyle());
        assertDrawn(Charts.png(chart), Charts.WIDTH, Charts.HEIGHT);
        assertThrows(IllegalArgumentException.class, () -> Charts.sides(null));
        Derivation.Curves hugeX = new Derivation.Curves("z", new double[]{-Double.MAX_VALUE, Double.MAX_VALUE},
                List.of("a", "b"), new double[][]{{0, 1}, {0, 1}});
        assertThrows(IllegalArgumentException.class, () -> Charts.sides(hugeX));
    }
}
