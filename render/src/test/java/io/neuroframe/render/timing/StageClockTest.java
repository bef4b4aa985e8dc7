package io.neuroframe.render.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StageClockTest {
    private static final long MS = 1_000_000L;

    @Test
    void percentilesFollowNearestRankOverTheWindow() {
        VirtualTimeSource time = new VirtualTimeSource();
        StageClock clock = new StageClock(time, 200, 100);
        for (int frame = 1; frame <= 100; frame++) {
            long start = clock.now();
            time.advanceMillis(frame);
            clock.record(frame, Stage.DECODE, start, clock.now());
        }
        StageStats stats = clock.stats(Stage.DECODE, new StageStats());
        assertEquals(100, stats.count());
        assertEquals(50 * MS, stats.p50Nanos());
        assertEquals(95 * MS, stats.p95Nanos());
        assertEquals(99 * MS, stats.p99Nanos());
        assertEquals(100 * MS, stats.maxNanos());
        assertEquals(0, clock.stats(Stage.UPLOAD, new StageStats()).count());
    }

    @Test
    void windowCoversOnlyTheNewestFrames() {
        VirtualTimeSource time = new VirtualTimeSource();
        StageClock clock = new StageClock(time, 10, 4);
        for (int frame = 1; frame <= 20; frame++) {
            long start = clock.now();
            time.advanceMillis(frame <= 16 ? 100 : 1);
            clock.record(frame, Stage.SOURCE, start, clock.now());
        }
        StageStats stats = clock.stats(Stage.SOURCE, new StageStats());
        assertEquals(4, stats.count());
        assertEquals(MS, stats.p99Nanos(), "frames 17..20 took 1 ms each");
        assertEquals(20, clock.framesStarted());
        assertEquals(10, clock.snapshot().size(), "history keeps the newest 10 intervals");
    }

    @Test
    void motionToPhotonRunsFromInputSampleToUpscaleEnd() {
        VirtualTimeSource time = new VirtualTimeSource();
        StageClock clock = new StageClock(time, 16, 8);
        long input = clock.now();
        clock.recordInput(7, input);
        time.advanceMillis(30);
        long upscaleStart = clock.now();
        time.advanceMillis(2);
        clock.record(7, Stage.UPSCALE, upscaleStart, clock.now());
        clock.record(8, Stage.UPSCALE, upscaleStart, clock.now());
        StageStats latency = clock.motionToPhoton(new StageStats());
        assertEquals(1, latency.count(), "frame 8 has no input time, so no latency");
        assertEquals(32 * MS, latency.p50Nanos());
    }

    @Test
    void rejectsAnIntervalThatEndsBeforeItStarts() {
        StageClock clock = new StageClock(new VirtualTimeSource());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> clock.record(1, Stage.UPLOAD, 10, 5));
        assertTrue(e.getMessage().startsWith("upload: end 5 is before start 10"), e.getMessage());
    }

    @Test
    void theBreakdownSplitsMotionToPhotonIntoWaitsAndStagesThatAddUpExactly() {
        VirtualTimeSource time = new VirtualTimeSource();
        StageClock clock = new StageClock(time, 16, 8);
        long t0 = clock.now();
        // Frame 1: input, engine frame, read-back, in flight, resample, hand-off, source, adapter, queue, decode,
        // pack, frame hand-off, upload, rest of the engine frame, upscale (milliseconds after the input).
        recordFrame(clock, 1, t0, 10, 11, 27, 28, 30, 40, 40, 41, 55, 70, 70, 71, 90, 91, 95, 96);
        // Frame 2 skips the adapter; its stages are recorded out of order, as the threads do.
        long t1 = t0 + 50 * MS;
        clock.record(2, Stage.SOURCE, t1 + 33 * MS, t1 + 45 * MS);
        clock.recordInput(2, t1);
        clock.record(2, Stage.READBACK, t1 + 12 * MS, t1 + 13 * MS);
        clock.record(2, Stage.RESAMPLE, t1 + 29 * MS, t1 + 31 * MS);
        clock.record(2, Stage.DECODE, t1 + 60 * MS, t1 + 80 * MS);
        clock.record(2, Stage.PACK, t1 + 80 * MS, t1 + 82 * MS);
        clock.record(2, Stage.UPLOAD, t1 + 100 * MS, t1 + 101 * MS);
        clock.record(2, Stage.UPSCALE, t1 + 104 * MS, t1 + 106 * MS);
        // Frame 3 never reaches the screen: not part of the breakdown.
        clock.recordInput(3, t1);
        clock.record(3, Stage.SOURCE, t1, t1 + 5 * MS);

        LatencyBreakdown breakdown = clock.breakdown(new LatencyBreakdown());
        assertEquals(2, breakdown.frames());
        assertEquals((96 + 106) * MS, breakdown.totalNanos());
        assertEquals((10 + 12) * MS, breakdown.waitNanos(Stage.READBACK), "the engine's frame before the read-back");
        assertEquals((16 + 16) * MS, breakdown.waitNanos(Stage.RESAMPLE), "read-back in flight");
        assertEquals((2 + 2) * MS, breakdown.waitNanos(Stage.SOURCE), "render hand-off to the encoder");
        assertEquals(0, breakdown.waitNanos(Stage.ADAPTER));
        assertEquals((14 + 15) * MS, breakdown.waitNanos(Stage.DECODE), "latent queue");
        assertEquals((19 + 18) * MS, breakdown.waitNanos(Stage.UPLOAD), "frame hand-off to the render thread");
        assertEquals((4 + 3) * MS, breakdown.waitNanos(Stage.UPSCALE));
        assertEquals((10 + 12) * MS, breakdown.stageNanos(Stage.SOURCE));
        assertEquals(1, breakdown.framesThrough(Stage.ADAPTER), "frame 2 skipped the adapter");
        assertEquals(2, breakdown.framesThrough(Stage.DECODE));
        assertEquals(0, breakdown.framesThrough(Stage.WORLD_STEP));
        long parts = 0;
        for (Stage stage : Stage.values()) {
            parts += breakdown.waitNanos(stage) + breakdown.stageNanos(stage);
        }
        assertEquals(breakdown.totalNanos(), parts, "waits and stages add up to motion-to-photon");
        StageStats latency = clock.motionToPhoton(new StageStats());
        assertEquals(breakdown.totalNanos(), latency.meanNanos() * latency.count());

        long waits = clock.snapshot().stream().filter(s -> s.kind() == StageSample.Kind.WAIT && s.frameId() == 2)
                .mapToLong(StageSample::durationNanos).sum();
        assertEquals((12 + 16 + 2 + 15 + 18 + 3) * MS, waits, "the snapshot holds the same waits");
    }

    @Test
    void theBreakdownCoversTheNewestShownFramesOfTheWindow() {
        VirtualTimeSource time = new VirtualTimeSource();
        StageClock clock = new StageClock(time, 16, 4);
        for (int frame = 1; frame <= 10; frame++) {
            long input = clock.now();
            long latency = frame <= 6 ? 100 : 20;
            recordFrame(clock, frame, input, 1, 2, 3, 4, 5, 6, 6, 6, 7, 8, 8, 9, 10, 11, latency - 1, latency);
            time.advanceMillis(200);
        }
        LatencyBreakdown breakdown = clock.breakdown(new LatencyBreakdown());
        assertEquals(4, breakdown.frames());
        assertEquals(4 * 20 * MS, breakdown.totalNanos(), "frames 7 to 10");
        assertEquals(4 * (20 - 11 - 1) * MS, breakdown.waitNanos(Stage.UPSCALE));
        assertEquals(0, new StageClock(time).breakdown(breakdown).frames(), "a reused breakdown is cleared");
    }

    /** Records one frame's input and stages at the given milliseconds after {@code input}, in pairs per stage. */
    private static void recordFrame(StageClock clock, long frame, long input, long... ms) {
        Stage[] chain = {Stage.READBACK, Stage.RESAMPLE, Stage.SOURCE, Stage.ADAPTER, Stage.DECODE, Stage.PACK,
            Stage.UPLOAD, Stage.UPSCALE};
        clock.recordInput(frame, input);
        for (int i = 0; i < chain.length; i++) {
            clock.record(frame, chain[i], input + ms[2 * i] * MS, input + ms[2 * i + 1] * MS);
        }
    }

    @Test
    void aLateRecordOfAFrameWhoseRowANewerFrameTookChangesNoRow() {
        VirtualTimeSource time = new VirtualTimeSource();
        StageClock clock = new StageClock(time, 4, 2);
        long t = clock.now();
        recordFrame(clock, 5, t, 1, 2, 3, 4, 5, 6, 6, 6, 7, 8, 8, 9, 10, 11, 12, 13);
        clock.record(1, Stage.UPLOAD, t, t + MS);
        assertEquals(13 * MS, clock.breakdown(new LatencyBreakdown()).totalNanos(), "frame 5 keeps its row");
        assertEquals(2, clock.stats(Stage.UPLOAD, new StageStats()).count(), "the stage itself is still recorded");
    }

    @Test
    void chromeTraceHasOneCompleteEventPerIntervalOnItsLaneAndEachFramesBreakdownNestedInItsSpan()
            throws IOException {
        StageClock clock = recordedClock();
        StringWriter json = new StringWriter();
        TraceExport.writeChromeTrace(clock, json);
        JsonArray events = JsonParser.parseString(json.toString()).getAsJsonObject().getAsJsonArray("traceEvents");
        int complete = 0;
        int frameSpans = 0;
        Set<String> frameOne = new HashSet<>();
        for (JsonElement element : events) {
            JsonObject event = element.getAsJsonObject();
            String phase = event.get("ph").getAsString();
            if (phase.equals("X")) {
                complete++;
                if (event.get("name").getAsString().equals("decode")) {
                    assertEquals(2, event.get("tid").getAsInt(), "decode runs on the decode worker lane");
                    assertEquals(40_000.0, event.get("dur").getAsDouble(), 1e-6, "40 ms in microseconds");
                }
            } else if (phase.equals("b")) {
                assertEquals("latency", event.get("cat").getAsString(), "one category: the parts nest in the span");
                if (event.get("name").getAsString().equals("motion-to-photon")) {
                    frameSpans++;
                }
                if (event.get("id").getAsLong() == 1) {
                    frameOne.add(event.get("name").getAsString());
                }
            }
        }
        assertEquals(2 * 4, complete, "two frames, four stages each");
        assertEquals(2, frameSpans, "one motion-to-photon span per frame");
        assertEquals(Set.of("motion-to-photon", "source", "latent queue", "decode", "upload", "upscale"), frameOne,
                "frame 1's span holds its stages and the one wait that took time");
    }

    @Test
    void csvHasAHeaderAndOneRowPerInterval() throws IOException {
        StageClock clock = recordedClock();
        StringWriter csv = new StringWriter();
        TraceExport.writeCsv(clock, csv);
        List<String> lines = csv.toString().lines().toList();
        assertEquals("frame,stage,lane,start_ms,end_ms,duration_ms", lines.get(0));
        assertEquals(1 + 2 * 4 + 2 + 2 * 4, lines.size(), "stages, latencies, and a wait before every stage");
        assertTrue(lines.contains("1,decode,decode worker,6.0000,46.0000,40.0000"), lines.toString());
        assertTrue(lines.contains("1,latent queue,hand-off,5.0000,6.0000,1.0000"), lines.toString());
    }

    private static StageClock recordedClock() {
        VirtualTimeSource time = new VirtualTimeSource();
        StageClock clock = new StageClock(time);
        for (int frame = 1; frame <= 2; frame++) {
            clock.recordInput(frame, clock.now());
            long t = clock.now();
            time.advanceMillis(5);
            clock.record(frame, Stage.SOURCE, t, clock.now());
            time.advanceMillis(1);
            t = clock.now();
            time.advanceMillis(40);
            clock.record(frame, Stage.DECODE, t, clock.now());
            t = clock.now();
            time.advanceMillis(1);
            clock.record(frame, Stage.UPLOAD, t, clock.now());
            t = clock.now();
            time.advanceMillis(2);
            clock.record(frame, Stage.UPSCALE, t, clock.now());
        }
        return clock;
    }
}
