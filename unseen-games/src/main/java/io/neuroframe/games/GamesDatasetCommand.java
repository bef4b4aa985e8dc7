package io.neuroframe.games;

import io.neuroframe.capture.CaptureOptions;
import io.neuroframe.capture.DatasetCapture;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuroframe games-dataset}: renders the five unseen games as a dataset (docs/unseen-games.md). */
@Command(name = "games-dataset", mixinStandardHelpOptions = true,
        description = {"Renders five games the codec never saw (terrain, Sponza atrium, vehicle yard, third-person "
                + "characters, neon night) from jMonkeyEngine's test art: 640x360 PNG frames of scripted players, "
                + "with camera poses, Oasis action vectors and a manifest in the demo dataset's format (the game "
                + "in the style field). Validation walks use other parts of each level and other seeds; the run "
                + "fails if a validation frame nearly duplicates a training frame.",
            "Deterministic for a seed; an interrupted run resumes when started again with the same options."})
public final class GamesDatasetCommand implements Callable<Integer> {
    @Mixin
    private CaptureOptions capture = new CaptureOptions(50);

    @Option(names = "--games", defaultValue = "all",
            description = "'all' or game names separated by commas: highlands, atrium, showroom, arena, night "
                    + "(default: ${DEFAULT-VALUE}).")
    private String games;

    @Option(names = "--train-frames", defaultValue = "600",
            description = "Training frames per game (default: ${DEFAULT-VALUE}).")
    private int trainFrames;

    @Option(names = "--val-frames", defaultValue = "100",
            description = "Validation frames per game (default: ${DEFAULT-VALUE}).")
    private int validationFrames;

    @Override
    public Integer call() throws Exception {
        GamesSettings settings = capture.checkedSettings(() -> new GamesSettings(UnseenGame.parseList(games),
                trainFrames, validationFrames, capture.seed(), capture.trajectoryLength()));
        GamesDatasetGenerator.Result result = GamesDatasetGenerator.generate(capture.out(), settings, System.err);
        DatasetCapture.Result run = result.capture();
        System.err.printf(Locale.ROOT, "games-dataset: wrote %d frames in %.1f s (%.2f frames/s); %d were already "
                + "there%n", run.framesWritten(), run.seconds(), run.framesPerSecond(), run.framesAlreadyPresent());
        for (NearDuplicateCheck.Closest c : result.closest().values()) {
            System.err.printf(Locale.ROOT, "games-dataset: %s: closest validation/training pair differs by %.4f "
                    + "(minimum %.4f): %s, %s%n", c.game(), c.distance(), NearDuplicateCheck.MIN_DISTANCE,
                    c.validationFile(), c.trainFile());
        }
        System.out.println("games-dataset: " + capture.out().toAbsolutePath());
        return 0;
    }
}
