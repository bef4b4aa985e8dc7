package io.neuroframe.capture;

import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every dataset command takes: where the dataset goes, its seed and its trajectory length. */
public final class CaptureOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

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

    /**
     * The settings {@code settings} makes of the command's options, once the dataset folder is
     * checked against them ({@link DatasetCapture#checkFolder}).
     *
     * @throws ParameterException with the message of a rejected option or folder
     */
    public <S extends CaptureSettings> S checkedSettings(Supplier<S> settings) {
        try {
            S checked = settings.get();
            DatasetCapture.checkFolder(out, checked);
            return checked;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }
}
