package io.neuroframe.games;

import io.neuroframe.capture.DatasetCapture;
import io.neuroframe.capture.OffscreenApplication;
import io.neuroframe.codec.data.DatasetManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders the unseen games into a dataset folder in the demo dataset's layout ({@code docs/dataset.md}, the game
 * name in the {@code style} field), resuming what earlier runs wrote ({@link DatasetCapture}), and finally verifies
 * that no validation frame nearly duplicates a training frame.
 */
public final class GamesDatasetGenerator {

    /**
     * What a run did.
     *
     * @param capture the frames written and how long it took
     * @param closest per game, its closest validation/training pair
     */
    public record Result(DatasetCapture.Result capture, Map<String, NearDuplicateCheck.Closest> closest) {
    }

    private GamesDatasetGenerator() {
    }

    /**
     * Generates (or resumes) the dataset of {@code settings} in {@code folder}.
     *
     * @param progressOut where progress lines go (standard error on the command line)
     * @throws IllegalArgumentException when the folder cannot hold the dataset
     * @throws IllegalStateException when rendering fails or a validation frame nearly duplicates a training frame
     * @throws IOException when writing or reading frames fails
     */
    public static Result generate(Path folder, GamesSettings settings, PrintStream progressOut)
            throws IOException, InterruptedException {
        DatasetCapture.Result capture = DatasetCapture.run(folder, settings, "games-dataset", progressOut,
                (done, writer) -> OffscreenApplication.startOffscreen(
                        () -> new GamesRenderer(GamesPlan.of(settings), done, settings.seed(), writer)).awaitTermination());
        return new Result(capture, NearDuplicateCheck.verify(DatasetManifest.read(folder)));
    }
}
