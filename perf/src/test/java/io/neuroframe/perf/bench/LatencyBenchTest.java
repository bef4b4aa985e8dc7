package io.neuroframe.perf.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageSample;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyBenchTest {

    private static StageSample shown(long frame, double inputMs, double onScreenMs) {
        return new StageSample(StageSample.Kind.MOTION_TO_PHOTON, Stage.UPSCALE, frame, Math.round(inputMs * 1e6),
                Math.round(onScreenMs * 1e6));
    }

    @Test
    void theAgeOnScreenGrowsFromEachFramesLatencyUntilTheNextFrame() {
        // on screen at 100, 110 and 130 ms, 50, 40 and 60 ms after their input; the last one ends the span
        List<StageSample> samples = List.of(shown(2, 70, 110), shown(1, 50, 100), shown(3, 70, 130));
        double expected = (50 * 10 + 10 * 10 / 2.0 + 40 * 20 + 20 * 20 / 2.0) / 30;
        assertEquals(expected, LatencyBench.meanScreenAgeMs(samples), 1e-9);
        assertTrue(Double.isNaN(LatencyBench.meanScreenAgeMs(samples.subList(0, 1))), "one frame spans no time");
    }

    @Test
    void scenariosAreNamedAndUnknownOnesRefused() {
        assertEquals(List.of(LatencyBench.Scenario.FRESH, LatencyBench.Scenario.INT8),
                LatencyBench.Scenario.parse("fresh,int8"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatencyBench.Scenario.parse("fresh,turbo"));
        assertTrue(e.getMessage().contains("turbo"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LatencyBench.Scenario.parse("int8,int8"));
    }
}
