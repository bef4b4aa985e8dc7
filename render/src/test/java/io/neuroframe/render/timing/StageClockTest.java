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
import java.util.List;
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
    void chromeTraceHasOneCompleteEventPerIntervalOnItsLane() throws IOException {
        StageClock clock = recordedClock();
        StringWriter json = new StringWriter();
        TraceExport.writeChromeTrace(clock, json);
        JsonArray events = JsonParser.parseString(json.toString()).getAsJsonObject().getAsJsonArray("traceEvents");
        int complete = 0;
        int asyncBegin = 0;
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
                asyncBegin++;
            }
        }
        assertEquals(2 * 4, complete, "two frames, four stages each");
        assertEquals(2, asyncBegin, "one motion-to-photon span per frame");
    }

    @Test
    void csvHasAHeaderAndOneRowPerInterval() throws IOException {
        StageClock clock = recordedClock();
        StringWriter csv = new StringWriter();
        TraceExport.writeCsv(clock, csv);
        List<String> lines = csv.toString().lines().toList();
        assertEquals("frame,stage,lane,start_ms,end_ms,duration_ms", lines.get(0));
        assertEquals(1 + 2 * 4 + 2, lines.size());
        assertTrue(lines.contains("1,decode,decode worker,5.0000,45.0000,40.0000"), lines.toString());
    }

    private static StageClock recordedClock() {
        VirtualTimeSource time = new VirtualTimeSource();
        StageClock clock = new StageClock(time);
        for (int frame = 1; frame <= 2; frame++) {
            clock.recordInput(frame, clock.now());
            long t = clock.now();
            time.advanceMillis(5);
            clock.record(frame, Stage.SOURCE, t, clock.now());
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
