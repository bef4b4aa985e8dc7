package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code neuroframe experiment adapters-ood}: trains every adapter condition on the training frames of several games
 * and measures it per game on their validation frames ({@link AdaptersOodExperiment}). Resumable: rerun the same
 * command after an interruption.
 */
@Command(name = "adapters-ood", mixinStandardHelpOptions = true,
        description = "Train every adapter condition (with the token-map and per-channel affine references) so that it "
                + "can learn, choose learning rates on held-out training frames, and write results.csv per game and "
                + "pooled, curves, figures and report.md with the latent oracle as the ceiling. Rerunning resumes.")
public final class AdaptersOodCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--protocol", defaultValue = "quick",
            description = "quick (minutes, checks the machinery) or full (8 seeds, 11 cultures; days, in "
                    + "resumable chunks). Default: ${DEFAULT-VALUE}.")
    private String protocol;

    @Option(names = "--data", required = true,
            description = "Dataset folder with manifest.jsonl; the per-frame style names the game.")
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

    @Option(names = "--steps", description = "Training steps per unit instead of the protocol's (the curve is "
            + "measured every tenth of them).")
    private Integer steps;

    @Option(names = "--crop", paramLabel = "ROWSxCOLS",
            description = "Token crop decoded per training item instead of the protocol's, e.g. 18x32 (whole frames).")
    private String crop;

    @Option(names = "--learning-rates", split = ",", paramLabel = "LR",
            description = "Candidate learning rates instead of the protocol's (one value: used as is).")
    private float[] learningRates;

    @Option(names = "--train-frames", description = "Training frames instead of the protocol's (evenly spread).")
    private Integer trainFrames;

    @Option(names = "--validation-frames",
            description = "Validation frames instead of the protocol's (evenly spread over the split).")
    private Integer validationFrames;

    @Option(names = "--conditions", split = ",", paramLabel = "ID",
            description = "Run only these conditions besides the frozen codec, e.g. token-map,local-kernel "
                    + "(default: all).")
    private List<String> conditions;

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
        OodProtocol chosen;
        try {
            chosen = OodProtocol.named(protocol);
            if (seeds != null) {
                chosen = chosen.withSeeds(seeds);
            }
            if (steps != null) {
                if (steps < 1) {
                    throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
                }
                chosen = chosen.withSteps(steps);
            }
            if (learningRates != null) {
                chosen = chosen.withLearningRates(learningRates);
            }
            if (crop != null) {
                String[] parts = crop.toLowerCase(java.util.Locale.ROOT).split("x");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("--crop expects ROWSxCOLS, e.g. 18x32, got " + crop);
                }
                chosen = chosen.withCrop(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
            if (trainFrames != null || validationFrames != null) {
                chosen = chosen.withFrames(trainFrames != null ? trainFrames : chosen.base().trainFrames(),
                        validationFrames != null ? validationFrames : chosen.base().validationFrames());
            }
            if (conditions != null) {
                chosen = chosen.withConditions(conditions.stream().map(AdapterCondition::fromId).toList());
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (!Files.isRegularFile(weights)) {
            throw new ParameterException(spec.commandLine(), "weights file not found: " + weights);
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
        VitVaeWeights codec = VitVaeWeights.load(weights, AdaptersExperimentCommand.config(preset, spec),
                VitVaeLayout.Part.ALL);
        DatasetManifest manifest = DatasetManifest.read(data);
        new AdaptersOodExperiment(chosen, codec, manifest, out, cultures, threads, timeLimit,
                spec.commandLine().getErr()).run();
        return 0;
    }
}
