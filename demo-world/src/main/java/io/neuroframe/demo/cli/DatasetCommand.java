package io.neuroframe.demo.cli;

import io.neuroframe.capture.CaptureOptions;
import io.neuroframe.capture.DatasetCapture;
import io.neuroframe.demo.dataset.DatasetGenerator;
import io.neuroframe.demo.dataset.DatasetPlan;
import io.neuroframe.demo.dataset.DatasetSettings;
import io.neuroframe.demo.style.Style;
import io.neuroframe.demo.style.Styles;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuroframe dataset}: renders the training dataset (format in docs/dataset.md). */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Renders scripted players walking, turning, looking, jumping and breaking blocks in the "
                + "demo world's styles: 640x360 PNG frames with Oasis action vectors, camera poses and a manifest "
                + "with train/validation splits by whole trajectories.",
            "Deterministic for a seed; an interrupted run resumes when started again with the same options."})
public final class DatasetCommand implements Callable<Integer> {
    @Mixin
    private CaptureOptions capture = new CaptureOptions(100);

    @Option(names = "--frames", defaultValue = "5000", description = "Total frames (default: ${DEFAULT-VALUE}).")
    private int frames;

    @Option(names = "--styles", defaultValue = "all",
            description = "'all' or style names separated by commas (default: ${DEFAULT-VALUE}).")
    private String styles;

    @Option(names = "--view-distance", defaultValue = "5",
            description = "Terrain radius in chunks (default: ${DEFAULT-VALUE}).")
    private int viewRadius;

    @Override
    public Integer call() throws Exception {
        DatasetSettings settings = capture.checkedSettings(() -> new DatasetSettings(Styles.parseList(styles), frames,
                capture.seed(), capture.trajectoryLength(), viewRadius));
        List<Style> noValidation = DatasetPlan.stylesWithoutValidation(DatasetPlan.of(settings));
        if (!noValidation.isEmpty()) {
            System.err.printf(Locale.ROOT, "dataset: too small for a validation split in %s: a style needs at least 2 "
                    + "trajectories (%d frames per style at --trajectory-length %d); eval-vae and train-vae measure "
                    + "on the validation split%n", noValidation.stream().map(Style::name).toList(),
                    2 * settings.trajectoryLength(), settings.trajectoryLength());
        }
        DatasetCapture.Result result = DatasetGenerator.generate(capture.out(), settings, System.err);
        System.err.printf(Locale.ROOT, "dataset: wrote %d frames in %.1f s (%.1f ms per frame); %d were already there%n",
                result.framesWritten(), result.seconds(), result.millisPerFrame(), result.framesAlreadyPresent());
        System.out.println("dataset: " + capture.out().toAbsolutePath());
        return 0;
    }
}
