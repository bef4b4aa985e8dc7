package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.AdapterCondition;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                + "can learn, choose learning rates on whole held-out training trajectories, and write results.csv per "
                + "game (the dataset's per-frame style names the game) and pooled, curves, figures and report.md with "
                + "the latent oracle as the ceiling. Rerunning resumes.")
public final class AdaptersOodCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--protocol", defaultValue = "quick",
            description = "quick (minutes, checks the machinery) or full (8 seeds, 11 cultures; days, in "
                    + "resumable chunks). Default: ${DEFAULT-VALUE}.")
    private String protocol;

    @Mixin
    private ExperimentOptions options;

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
                    + "(default: all). On a culture, recorded-library runs its matched frozen reservoir too.")
    private List<String> conditions;

    @Option(names = "--culture-range", paramLabel = "FIRST-LAST",
            description = "Run units on these cultures only (counted from 1, e.g. 6-11), so that two processes share "
                    + "the cultures; units off cultures are not affected.")
    private String cultureRange;

    @Option(names = "--merge-from", paramLabel = "FOLDER",
            description = "First add to --out the finished units, learning-rate probes and oracle frames of this "
                    + "output folder of the same protocol that --out lacks (repeatable), e.g. to report what two "
                    + "processes ran side by side. Never merge into a folder a running process writes to.")
    private List<Path> mergeFrom;

    @Override
    public Integer call() throws Exception {
        OodProtocol chosen;
        try {
            chosen = OodProtocol.named(protocol);
            if (options.seeds() != null) {
                chosen = chosen.withSeeds(options.seeds());
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
                String[] parts = crop.toLowerCase(Locale.ROOT).split("x");
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
            if (cultureRange != null) {
                chosen = chosen.withCultures(OodProtocol.CultureRange.parse(cultureRange));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        ExperimentSetup setup = options.setup(spec.commandLine().getErr());
        OutputFolderLock lock = options.lockOutput(setup);
        try {
            for (Path from : mergeFrom == null ? List.<Path>of() : mergeFrom) {
                merge(from, setup);
            }
            new AdaptersOodExperiment(chosen, setup).run();
        } finally {
            lock.close();
        }
        return 0;
    }

    private void merge(Path from, ExperimentSetup setup) throws IOException {
        FolderMerge.Added added;
        try {
            added = FolderMerge.merge(from, setup.out());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--merge-from " + e.getMessage(), e);
        }
        PrintWriter log = setup.log();
        log.printf(Locale.ROOT, "merged from %s: %d units, %d learning-rate probes, %d confirmations, %d oracle "
                + "frames%n", from, added.units(), added.probes(), added.confirmations(), added.oracleFrames());
        if (added.keptDifferentUnits() > 0) {
            log.printf(Locale.ROOT, "  %d units of %s have other figures than the same units in %s; those stay as "
                    + "they were%n",
                    added.keptDifferentUnits(), from, setup.out());
        }
        log.flush();
    }
}
