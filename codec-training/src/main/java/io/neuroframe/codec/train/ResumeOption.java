package io.neuroframe.codec.train;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --resume} option of a training command that continues a run only when told to, and
 * otherwise refuses to start over a run's checkpoint.
 */
public final class ResumeOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--resume",
            description = "continue from OUT/checkpoint.safetensors when it exists (its options win, except --steps)")
    boolean resume;

    /**
     * Whether the run continues from {@code checkpoint}: with {@code --resume}, when it exists.
     *
     * @throws ParameterException if it exists and {@code --resume} was not given
     */
    public boolean continuesFrom(Path checkpoint) {
        if (resume && Files.isRegularFile(checkpoint)) {
            return true;
        }
        if (!resume && Files.exists(checkpoint)) {
            throw new ParameterException(mixee.commandLine(), checkpoint + " exists: pass --resume to continue that run,"
                    + " or choose another --out");
        }
        return false;
    }
}
