package io.neuroframe.adapter.experiment;

import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.weights.WeightFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code neuroframe experiment adapters}: trains every adapter condition against a frozen codec and writes the
 * report that checks the reference work's claims. Resumable: rerun the same command after an interruption.
 */
@Command(name = "adapters", mixinStandardHelpOptions = true,
        description = "Train every adapter condition over several seeds against a frozen ViT-VAE and write results.csv, "
                + "figures and report.md. Rerunning the same command resumes.")
public final class AdaptersExperimentCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--protocol", defaultValue = "quick",
            description = "quick (minutes, checks the machinery) or full (8 seeds, sweep, 11 cultures; hours). "
                    + "Default: ${DEFAULT-VALUE}.")
    private String protocol;

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

    @Option(names = "--seeds", description = "Seeds per condition (default: the protocol's, 1 quick, 8 full).")
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

    @Override
    public Integer call() throws Exception {
        Protocol chosen;
        try {
            chosen = Protocol.named(protocol);
            if (seeds != null) {
                chosen = chosen.withSeeds(seeds);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
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
        Duration timeLimit = timeLimitMinutes == null ? ChronoUnit.FOREVER.getDuration()
                : Duration.ofMinutes(timeLimitMinutes);
        VitVaeWeights codec = VitVaeWeights.load(weights, config(preset, spec), VitVaeLayout.Part.ALL);
        DatasetManifest manifest = DatasetManifest.read(data);
        new AdapterExperiment(chosen, codec, manifest, out, cultures, threads, timeLimit, spec.commandLine().getErr()).run();
        return 0;
    }

    /**
     * The codec shape named by {@code value}: a preset, or
     * {@code NAME:encDim,encDepth,encHeads,decDim,decDepth,decHeads}.
     *
     * @throws ParameterException naming the option's problem
     */
    static VitVaeConfig config(String value, CommandSpec spec) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            try {
                return VitVaeConfig.preset(value);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        String[] dims = value.substring(colon + 1).split(",");
        try {
            if (dims.length != 6) {
                throw new IllegalArgumentException("expected 6 numbers after the colon");
            }
            int[] v = new int[6];
            for (int i = 0; i < 6; i++) {
                v[i] = Integer.parseInt(dims[i].trim());
            }
            return new VitVaeConfig(value.substring(0, colon), 16, 20, v[0], v[1], v[2], v[3], v[4], v[5], 4);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--preset " + value + ": " + e.getMessage()
                    + " (custom shapes are NAME:encDim,encDepth,encHeads,decDim,decDepth,decHeads)", e);
        }
    }
}
