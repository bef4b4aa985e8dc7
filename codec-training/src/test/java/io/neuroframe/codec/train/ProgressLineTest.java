package io.neuroframe.codec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@link ProgressLine} on a clock the test moves, so the cadence is checked without waiting. */
class ProgressLineTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void printsAtMostOneLinePerIntervalAndAlwaysTheLastItem() {
        long[] now = {0};
        StringWriter log = new StringWriter();
        ProgressLine progress = new ProgressLine(new PrintWriter(log), "encoding frames", "frames", () -> now[0]);
        for (int done = 1; done < 100; done++) {
            now[0] += SECOND / 100;
            progress.accept(done, 1000);
        }
        assertEquals("", log.toString(), "no line within the first " + ProgressLine.INTERVAL_SECONDS + " seconds");

        now[0] = ProgressLine.INTERVAL_SECONDS * SECOND;
        progress.accept(250, 1000);
        progress.accept(251, 1000);
        assertEquals(String.format("encoding frames: 250/1000 frames (0m05s elapsed, ETA 0m15s)%n"), log.toString(),
                "one line when the interval has passed, none for the next item");

        now[0] += SECOND;
        progress.accept(1000, 1000);
        assertEquals(String.format("encoding frames: 250/1000 frames (0m05s elapsed, ETA 0m15s)%n"
                + "encoding frames: 1000/1000 frames (0m06s elapsed, ETA 0m00s)%n"), log.toString(),
                "the last item always gets its line");
    }
}
