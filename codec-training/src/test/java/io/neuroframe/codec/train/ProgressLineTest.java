package io.neuroframe.codec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void keepsQuietBetweenLinesAndAlwaysReportsTheLastItem() {
        StringWriter log = new StringWriter();
        ProgressLine progress = new ProgressLine(new PrintWriter(log), "encoding frames", "frames");
        for (int done = 1; done < 1000; done++) {
            progress.accept(done, 1000);
        }
        assertEquals("", log.toString(), "no line within the first " + ProgressLine.INTERVAL_SECONDS + " seconds");
        progress.accept(1000, 1000);
        String line = log.toString();
        assertTrue(line.matches("encoding frames: 1000/1000 frames \\(\\d+m\\d\\ds elapsed, ETA 0m00s\\)\\R"), line);
    }
}
