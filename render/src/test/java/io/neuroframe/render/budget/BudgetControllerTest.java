package io.neuroframe.render.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageClock;
import io.neuroframe.render.timing.VirtualTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drives the controller with injected stage costs on a virtual clock, frame by frame the way the
 * pipeline does: record the source, update, then run the other stages as the rung says.
 */
class BudgetControllerTest {
    private static final BudgetSettings BUDGET_33 = BudgetSettings.forBudget(Duration.ofMillis(33));
    /** The ladder of a pipeline without a quantized decoder, which most tests below step through. */
    private static final BudgetSettings WITHOUT_QUANTIZED = BUDGET_33.withRungs(
            EnumSet.complementOf(EnumSet.of(Rung.QUANTIZED_DECODER)));

    /** A frame loop with settable stage costs in milliseconds. */
    private static final class Simulation {
        final VirtualTimeSource time = new VirtualTimeSource();
        final StageClock clock = new StageClock(time, 64, 32);
        final BudgetController controller;
        final List<Rung> rungs = new ArrayList<>();
        double sourceMs = 2;
        double adapterMs = 6;
        double mainDecodeMs = 40;
        double quantizedDecodeMs = 18;
        double fallbackDecodeMs = 4;
        double upscaleMs = 5;
        double cheapUpscaleMs = 1;
        private final boolean hasQuantized;
        private boolean skipNext;

        Simulation(BudgetSettings settings) {
            controller = new BudgetController(settings, clock);
            hasQuantized = settings.rungs().contains(Rung.QUANTIZED_DECODER);
        }

        void run(int frames) {
            for (int i = 0; i < frames; i++) {
                frame(rungs.size() + 1);
            }
        }

        private void frame(long id) {
            stage(id, Stage.SOURCE, sourceMs);
            controller.update();
            Rung rung = controller.rung();
            rungs.add(rung);
            if (!rung.skipsAdapter()) {
                stage(id, Stage.ADAPTER, adapterMs);
            }
            boolean decode = !(rung.decodesEveryOtherFrame() && skipNext);
            skipNext = rung.decodesEveryOtherFrame() && decode;
            if (decode) {
                stage(id, Stage.DECODE, rung.usesFallbackDecoder() ? fallbackDecodeMs
                        : rung.usesQuantizedDecoder() && hasQuantized ? quantizedDecodeMs : mainDecodeMs);
                stage(id, Stage.PACK, 1);
                stage(id, Stage.UPLOAD, 1);
            }
            stage(id, Stage.UPSCALE, rung.cheaperUpscaler() ? cheapUpscaleMs : upscaleMs);
        }

        private void stage(long id, Stage stage, double ms) {
            long start = clock.now();
            time.advanceMillis(ms);
            clock.record(id, stage, start, clock.now());
        }

        /** Frame numbers (1-based) at which the rung differs from the previous frame's. */
        List<Integer> changes() {
            List<Integer> out = new ArrayList<>();
            for (int i = 1; i < rungs.size(); i++) {
                if (rungs.get(i) != rungs.get(i - 1)) {
                    out.add(i + 1);
                }
            }
            return out;
        }
    }

    @Test
    void stepsDownOneRungPerLateWindowAndStopsWhereTheWorkFits() {
        Simulation sim = new Simulation(WITHOUT_QUANTIZED);
        sim.run(30 * 15);
        // Work per frame: full 55 ms, cheaper upscaler 51, skip adapter 45, every other frame 24.
        assertEquals(List.of(30, 60, 90), sim.changes());
        assertEquals(Rung.FULL_QUALITY, sim.rungs.get(0));
        assertEquals(Rung.CHEAPER_UPSCALER, sim.rungs.get(29));
        assertEquals(Rung.SKIP_ADAPTER, sim.rungs.get(59));
        assertEquals(Rung.DECODE_EVERY_OTHER_FRAME, sim.controller.rung());
        assertEquals(24_000_000L, sim.controller.lastLoadNanos(), "(2 + 42 + 1 + 2 + 1) / 2 ms per frame");
        assertEquals(3, sim.controller.stepDowns());
        assertEquals(0, sim.controller.stepUps(), "24 ms is inside the dead band (23.1 to 33 ms)");
    }

    @Test
    void theQuantizedDecoderIsTheFirstStepDownAndTheLadderStopsThereWhenItFits() {
        Simulation sim = new Simulation(BUDGET_33);
        sim.run(30 * 15);
        // Work per frame: full 55 ms; with the quantized decoder 33 ms, not above the budget and not calm.
        assertEquals(List.of(30), sim.changes());
        assertEquals(Rung.QUANTIZED_DECODER, sim.controller.rung());
        assertEquals(1, sim.controller.stepDowns());
        assertEquals(0, sim.controller.stepUps());
    }

    @Test
    void sameInjectedCostsGiveTheSameRungsFrameForFrame() {
        Simulation first = new Simulation(WITHOUT_QUANTIZED);
        Simulation second = new Simulation(WITHOUT_QUANTIZED);
        for (Simulation sim : List.of(first, second)) {
            sim.mainDecodeMs = 60;
            sim.run(3000);
        }
        assertEquals(first.rungs, second.rungs);
    }

    @Test
    void stepsBackUpOnlyAfterEnoughCalmWindows() {
        Simulation sim = new Simulation(WITHOUT_QUANTIZED);
        sim.run(30 * 4);
        assertEquals(Rung.DECODE_EVERY_OTHER_FRAME, sim.controller.rung());
        sim.mainDecodeMs = 5;
        sim.run(30 * 12);
        // Calm at every rung now (6.5, 10, 16 and 20 ms < 23.1 ms): one step up per 3 calm windows.
        List<Integer> ups = sim.changes().subList(3, sim.changes().size());
        assertEquals(List.of(210, 300, 390), ups);
        assertEquals(Rung.FULL_QUALITY, sim.controller.rung());
        assertEquals(3, sim.controller.stepUps());
    }

    @Test
    void aRungThatDoesNotFitIsRetriedLessAndLessOften() {
        Simulation sim = new Simulation(WITHOUT_QUANTIZED);
        sim.mainDecodeMs = 60;
        int windows = 3000;
        sim.run(30 * windows);
        // Every other frame costs 34 ms (late), the fallback decoder 6 ms (calm): the controller
        // keeps trying to step up. Each failed try doubles the calm windows before the next one.
        List<Integer> tries = new ArrayList<>();
        int firstFallback = sim.rungs.indexOf(Rung.FALLBACK_DECODER);
        assertEquals(4 * 30 - 1, firstFallback, "one window per rung on the way down");
        for (int i = firstFallback; i < sim.rungs.size(); i++) {
            if (sim.rungs.get(i) == Rung.DECODE_EVERY_OTHER_FRAME && sim.rungs.get(i - 1) == Rung.FALLBACK_DECODER) {
                tries.add(i + 1);
            }
            assertTrue(sim.rungs.get(i).compareTo(Rung.DECODE_EVERY_OTHER_FRAME) >= 0,
                    "never climbs past the rung that does not fit");
        }
        List<Integer> gapsInWindows = new ArrayList<>();
        for (int i = 1; i < tries.size(); i++) {
            gapsInWindows.add((tries.get(i) - tries.get(i - 1)) / 30);
        }
        assertEquals(List.of(7, 13, 25, 49, 49), gapsInWindows.subList(0, 5),
                "calm windows 6, 12, 24, 48 (capped) plus the failed window");
        assertTrue(tries.size() <= windows / 49 + 5, "tries: " + tries.size());
        assertEquals(sim.controller.stepUps(), tries.size());
    }

    @Test
    void leftOutRungsAreSkipped() {
        Simulation sim = new Simulation(BUDGET_33.withRungs(EnumSet.of(Rung.FULL_QUALITY,
                Rung.DECODE_EVERY_OTHER_FRAME)));
        sim.run(60);
        assertEquals(List.of(30), sim.changes());
        assertEquals(Rung.DECODE_EVERY_OTHER_FRAME, sim.controller.rung());
    }

    @Test
    void settingsNameTheBadField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BudgetSettings(
                Duration.ofMillis(33), 30, 1.0, 1.2, 3, 48, EnumSet.allOf(Rung.class)));
        assertTrue(e.getMessage().startsWith("stepUpBelow must be > 0 and below stepDownAbove"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BudgetSettings.forBudget(Duration.ZERO));
        assertTrue(e.getMessage().startsWith("budget must be a positive duration"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BUDGET_33.withRungs(EnumSet.of(Rung.FALLBACK_DECODER)));
        assertTrue(e.getMessage().startsWith("rungs must contain FULL_QUALITY"), e.getMessage());
    }

    @Test
    void defaultsArePinned() {
        assertEquals(30, BUDGET_33.windowFrames());
        assertEquals(1.0, BUDGET_33.stepDownAbove());
        assertEquals(0.7, BUDGET_33.stepUpBelow());
        assertEquals(3, BUDGET_33.stepUpWindows());
        assertEquals(48, BUDGET_33.maxStepUpWindows());
        assertEquals(EnumSet.allOf(Rung.class), EnumSet.copyOf(BUDGET_33.rungs()));
    }
}
