package io.neuroframe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class CaptureOptionsTest {

    @Command(name = "some-dataset")
    private static final class SomeDatasetCommand implements Runnable {
        @Mixin
        private CaptureOptions capture = new CaptureOptions(7);

        @Override
        public void run() {
            // only parsed
        }
    }

    @Test
    void theCommandChoosesTheDefaultTrajectoryLength() {
        SomeDatasetCommand command = new SomeDatasetCommand();
        CommandLine cli = new CommandLine(command);
        cli.parseArgs("--out", "set");
        assertEquals(Path.of("set"), command.capture.out());
        assertEquals(1, command.capture.seed());
        assertEquals(7, command.capture.trajectoryLength());
        String usage = cli.getUsageMessage().replaceAll("\\s+", " ");
        assertTrue(usage.contains("Frames per trajectory, at 20 steps per second (default: 7)."), usage);
        cli.parseArgs("--out", "set", "--seed", "3", "--trajectory-length", "12");
        assertEquals(3, command.capture.seed());
        assertEquals(12, command.capture.trajectoryLength());
    }
}
