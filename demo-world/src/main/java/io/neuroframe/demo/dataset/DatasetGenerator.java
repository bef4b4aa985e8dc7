package io.neuroframe.demo.dataset;

import io.neuroframe.capture.CaptureSettings;
import io.neuroframe.capture.DatasetCapture;
import io.neuroframe.demo.app.GameConfig;
import io.neuroframe.demo.app.VoxelGame;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders a dataset of the demo world into a folder (layout in {@code docs/dataset.md}) offscreen at 640x360,
 * resuming what earlier runs wrote ({@link DatasetCapture}).
 */
public final class DatasetGenerator {

    private DatasetGenerator() {
    }

    /**
     * Generates (or resumes) the dataset described by {@code settings} in {@code folder}.
     *
     * @param progressOut where progress lines go (standard error on the command line)
     * @throws IllegalArgumentException when the folder cannot hold the dataset
     * @throws IOException when writing fails
     * @throws IllegalStateException when rendering fails
     */
    public static DatasetCapture.Result generate(Path folder, DatasetSettings settings, PrintStream progressOut)
            throws IOException, InterruptedException {
        List<TrajectoryPlan> plan = DatasetPlan.of(settings);
        return DatasetCapture.run(folder, settings, "dataset", progressOut, (done, writer) -> {
            GameConfig config = new GameConfig(plan.get(0).style(), plan.get(0).worldSeed(), settings.viewRadius(),
                    CaptureSettings.WIDTH, CaptureSettings.HEIGHT, false);
            VoxelGame.startOffscreen(config, new DatasetRecorderState(plan, done, settings.seed(), writer))
                    .awaitTermination();
        });
    }
}
