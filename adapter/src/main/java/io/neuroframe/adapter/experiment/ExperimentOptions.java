package io.neuroframe.adapter.experiment;

import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.weights.WeightFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every adapter experiment command takes (a picocli mixin): the dataset, the frozen codec, the report
 * folder, seeds, culture libraries, threads, and the time limit or a report of what is finished.
 */
final class ExperimentOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--data", required = true, description = "Dataset folder with manifest.jsonl.")
    private Path data;

    @Option(names = "--weights", required = true, description = "ViT-VAE weights (safetensors, encoder and decoder).")
    private Path weights;

    @Option(names = "--preset", defaultValue = "nf-small",
            description = "Preset of the weights (nf-small, oasis-vit-l-20), or a custom shape "
                    + "NAME:encDim,encDepth,encHeads,decDim,decDepth,decHeads. Default: ${DEFAULT-VALUE}.")
    private String preset;

    @Option(names = "--out", required = true, description = "Report folder (created; reused to resume).")
    private Path out;

    @Option(names = "--seeds", description = "Seeds per condition (default: the protocol's, 1 quick, 8 full). Units "
            + "run seed by seed: a run with fewer seeds, then one with more in the same folder, continues.")
    private Integer seeds;

    @Option(names = "--cultures",
            description = "Folder of culture library files (*.h5) to use instead of growing the protocol's cultures.")
    private Path cultures;

    @Option(names = "--threads", defaultValue = "1",
            description = "PyTorch threads for training (the machine's cores; default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--time-limit", paramLabel = "MINUTES",
            description = "Start no unit after this many minutes, then write the report of the finished units "
                    + "(rerun to resume; default: no limit).")
    private Long timeLimitMinutes;

    @Option(names = "--report-only",
            description = "Start nothing (no oracle frame, learning-rate probe or unit): write the report of the "
                    + "finished units in --out, e.g. after copying another machine's result files there.")
    private boolean reportOnly;

    /** {@code --seeds}, or null for the protocol's. */
    Integer seeds() {
        return seeds;
    }

    /**
     * Checks the options, then loads the codec and reads the dataset.
     *
     * @param log where the experiment's progress goes
     * @throws ParameterException naming an option's problem
     */
    ExperimentSetup setup(PrintWriter log) throws IOException {
        String weightsProblem = WeightFiles.fileProblem(weights, "weights file");
        if (weightsProblem != null) {
            throw new ParameterException(spec.commandLine(), weightsProblem);
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        if (timeLimitMinutes != null && timeLimitMinutes < 1) {
            throw new ParameterException(spec.commandLine(), "--time-limit must be at least 1 minute, got "
                    + timeLimitMinutes);
        }
        if (reportOnly && timeLimitMinutes != null) {
            throw new ParameterException(spec.commandLine(), "--report-only starts nothing: it takes no --time-limit");
        }
        // A zero time limit lets no oracle frame, probe or unit start: what is finished is reported.
        Duration timeLimit = reportOnly ? Duration.ZERO : timeLimitMinutes == null
                ? ChronoUnit.FOREVER.getDuration() : Duration.ofMinutes(timeLimitMinutes);
        VitVaeWeights codec = VitVaeWeights.load(weights, config(), VitVaeLayout.Part.ALL);
        return new ExperimentSetup(codec, DatasetManifest.read(data), out, cultures, threads, timeLimit, log);
    }

    /**
     * Takes the setup's output folder for this process ({@link OutputFolderLock}).
     *
     * @throws ParameterException if another process writes to it
     */
    OutputFolderLock lockOutput(ExperimentSetup setup) throws IOException {
        try {
            return OutputFolderLock.acquire(setup.out());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--out " + e.getMessage(), e);
        }
    }

    /**
     * The codec shape {@code --preset} names: a preset, or
     * {@code NAME:encDim,encDepth,encHeads,decDim,decDepth,decHeads}.
     *
     * @throws ParameterException naming the option's problem
     */
    private VitVaeConfig config() {
        int colon = preset.indexOf(':');
        if (colon < 0) {
            try {
                return VitVaeConfig.preset(preset);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        String[] dims = preset.substring(colon + 1).split(",");
        try {
            if (dims.length != 6) {
                throw new IllegalArgumentException("expected 6 numbers after the colon");
            }
            int[] v = new int[6];
            for (int i = 0; i < 6; i++) {
                v[i] = Integer.parseInt(dims[i].trim());
            }
            return new VitVaeConfig(preset.substring(0, colon), 16, 20, v[0], v[1], v[2], v[3], v[4], v[5], 4);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--preset " + preset + ": " + e.getMessage()
                    + " (custom shapes are NAME:encDim,encDepth,encHeads,decDim,decDepth,decHeads)", e);
        }
    }
}
