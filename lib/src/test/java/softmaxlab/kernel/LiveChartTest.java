package softmaxlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleConsumer;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import softmaxlab.train.History;
import softmaxlab.view.Fixtures;
import softmaxlab.view.MimeBundle;
import softmaxlab.view.Renderers;

class LiveChartTest {

    static final Duration INTERVAL = Duration.ofMillis(250);
    static final long STEP_NANOS = Duration.ofMillis(1).toNanos();
    static final int STEPS = 1000;

    /** Records what a kernel would be sent. */
    static final class RecordingFrontend implements Frontend {
        final boolean inPlace;
        final List<MimeBundle> displayed = new ArrayList<>();
        final List<String> updatedIds = new ArrayList<>();
        MimeBundle last;

        RecordingFrontend(boolean inPlace) {
            this.inPlace = inPlace;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void install(Renderers renderers) {
        }

        @Override
        public String display(MimeBundle bundle) {
            displayed.add(bundle);
            last = bundle;
            return "id-" + displayed.size();
        }

        @Override
        public void updateDisplay(String id, MimeBundle bundle) {
            updatedIds.add(id);
            last = bundle;
        }

        @Override
        public boolean updatesInPlace() {
            return inPlace;
        }
    }

    static long[] clock = new long[1];

    static LiveChart live(Frontend frontend) {
        clock[0] = 0;
        XYChart chart = new XYChartBuilder().width(300).height(200).title("loss").build();
        return new LiveChart(chart, frontend, Renderers.standard(), () -> clock[0], INTERVAL);
    }

    @Test
    void aThousandFastStepsGiveOneDisplayAndFewUpdatesInPlace() {
        RecordingFrontend frontend = new RecordingFrontend(true);
        LiveChart live = live(frontend);
        DoubleConsumer train = live.series("train");
        for (int epoch = 1; epoch <= STEPS; epoch++) {
            train.accept(1.0 / epoch);
            clock[0] += STEP_NANOS;
        }
        XYChart chart = live.finish();
        assertEquals(1, frontend.displayed.size(), "one output");
        // steps at 0..999 ms, waits of 250 ms then 500 ms: updates at 250 and 750 ms, then the final state
        assertEquals(3, frontend.updatedIds.size());
        assertTrue(frontend.updatedIds.stream().allMatch("id-1"::equals), "every update targets the one output");
        assertEquals(STEPS, chart.getSeriesMap().get("train").getXData().length);
        assertTrue(frontend.last.has(MimeBundle.PNG));
        assertEquals(frontend.updatedIds.size(), live.updates());
    }

    @Test
    void withoutUpdatesInPlaceOnlyTheFinalChartIsShown() {
        RecordingFrontend frontend = new RecordingFrontend(false);
        LiveChart live = live(frontend);
        for (int epoch = 1; epoch <= STEPS; epoch++) {
            live.add("train", epoch, 1.0 / epoch);
            live.add("validation", epoch, 2.0 / epoch);
            clock[0] += STEP_NANOS;
        }
        assertEquals(0, frontend.displayed.size(), "nothing while training");
        live.finish();
        assertEquals(1, frontend.displayed.size());
        assertTrue(frontend.last.text().contains("series [train, validation]"), frontend.last.text());
        assertEquals(0, frontend.updatedIds.size());
    }

    @Test
    void followsGradientDescentHistories() {
        RecordingFrontend frontend = new RecordingFrontend(true);
        LiveChart live = live(frontend);
        History h = Fixtures.history();
        for (int n = 1; n <= h.epochs().size(); n++) {
            live.onEpoch().accept(new History(h.epochs().subList(0, n)));
            clock[0] += INTERVAL.toNanos();
        }
        XYChart chart = live.finish();
        assertEquals(List.of(0.0, 1.0, 2.0), Arrays.stream(chart.getSeriesMap().get("train loss").getXData()).boxed().toList());
        assertEquals(0.5, chart.getSeriesMap().get("train loss").getYData()[2]);
        assertEquals(2, frontend.updatedIds.size(), "epoch 1 after the first wait; epoch 2 comes before the doubled "
                + "wait is over, so finish() shows it");
    }

    @Test
    void aSlowRunRedrawsAtMostMaxUpdatesTimes() {
        // 10,000 steps of 100 ms each (a loaded server): 1,000 s of training
        RecordingFrontend frontend = new RecordingFrontend(true);
        LiveChart live = live(frontend);
        List<Long> at = new ArrayList<>();
        for (int step = 1; step <= 10_000; step++) {
            int before = frontend.updatedIds.size();
            live.add("train", step, 1.0 / step);
            if (frontend.updatedIds.size() > before) {
                at.add(clock[0] / Duration.ofMillis(1).toNanos());
            }
            clock[0] += Duration.ofMillis(100).toNanos();
        }
        live.finish();
        assertEquals(LiveChart.MAX_UPDATES, at.size(), "in-place redraws while training: " + at);
        assertEquals(List.of(300L, 800L, 1800L, 3800L, 7800L, 15800L, 31800L, 63800L), at,
                "each wait twice the one before, the first 250 ms (at the next step after it)");
        assertEquals(LiveChart.MAX_UPDATES + 1, live.updates(), "and the final state");
        assertEquals(10_000, live.chart().getSeriesMap().get("train").getXData().length, "every point drawn");
    }

    @Test
    void rejectsNonFinitePoints() {
        LiveChart live = live(new RecordingFrontend(true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> live.add("train", 3, Double.NaN));
        assertTrue(e.getMessage().contains("point (3.0, NaN) of series 'train' is not finite"), e.getMessage());
    }
}
