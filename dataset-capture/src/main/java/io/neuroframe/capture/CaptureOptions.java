package io.neuroframe.capture;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every dataset command takes: where the dataset goes, its seed and its trajectory length. */
public final class CaptureOptions {
    @Option(names = "--out", required = true, description = "Dataset folder (created if missing).")
    private Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--trajectory-length",
            description = "Frames per trajectory, at " + CaptureSettings.FRAMES_PER_SECOND
                    + " steps per second (default: ${DEFAULT-VALUE}).")
    private int trajectoryLength;

    /** @param trajectoryLength the command's default for {@code --trajectory-length} */
    public CaptureOptions(int trajectoryLength) {
        this.trajectoryLength = trajectoryLength;
    }

    /** The dataset folder. */
    public Path out() {
        return out;
    }

    /** The dataset seed. */
    public long seed() {
        return seed;
    }

    /** Frames per trajectory. */
    public int trajectoryLength() {
        return trajectoryLength;
    }
}
