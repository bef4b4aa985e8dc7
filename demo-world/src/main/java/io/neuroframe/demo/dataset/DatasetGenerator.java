package io.neuroframe.demo.dataset;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.jme3.system.JmeContext;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.ManifestWriter;
import io.neuroframe.demo.app.GameConfig;
import io.neuroframe.demo.app.OutputFolder;
import io.neuroframe.demo.app.VoxelGame;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Renders a dataset into a folder (layout in {@code docs/dataset.md}): prepares and checks the folder, works out
 * which frames earlier runs already wrote, renders the rest offscreen at 640x360 and reports progress.
 */
public final class DatasetGenerator {

    /** What a run did. */
    public record Result(Path folder, int framesTotal, int framesWritten, int framesAlreadyPresent, double seconds) {

        /** Wall time per written frame in milliseconds (0 when nothing was written). */
        public double millisPerFrame() {
            return framesWritten == 0 ? 0 : seconds * 1000 / framesWritten;
        }
    }

    private DatasetGenerator() {
    }

    /**
     * Checks that {@code folder} can hold the dataset: it is (or can be made) a writable directory, and any dataset
     * already there was made with the same settings.
     *
     * @throws IllegalArgumentException with a message naming the folder and the problem
     */
    public static void checkFolder(Path folder, DatasetSettings settings) {
        OutputFolder.prepare(folder);
        Path settingsFile = folder.resolve(DatasetSettings.FILE_NAME);
        if (Files.exists(settingsFile)) {
            JsonElement existing;
            try {
                existing = JsonParser.parseString(Files.readString(settingsFile, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read " + settingsFile + ": " + e.getMessage(), e);
            }
            if (!existing.equals(settings.toJson())) {
                throw new IllegalArgumentException(folder + " holds a dataset made with other settings ("
                        + existing + "); resume it with the same options or choose another folder");
            }
        }
    }

    /**
     * Generates (or resumes) the dataset described by {@code settings} in {@code folder}.
     *
     * @param progressOut where progress lines go (standard error on the command line)
     * @throws IllegalArgumentException when the folder cannot hold the dataset
     * @throws IOException when writing fails
     * @throws IllegalStateException when rendering fails
     */
    public static Result generate(Path folder, DatasetSettings settings, PrintStream progressOut)
            throws IOException, InterruptedException {
        checkFolder(folder, settings);
        writeSettings(folder, settings);
        deleteTemporaryFiles(folder);
        Set<String> done = new HashSet<>();
        if (Files.exists(folder.resolve(DatasetManifest.FILE_NAME))) {
            for (DatasetFrame f : DatasetManifest.read(folder).frames()) {
                done.add(f.file());
            }
        }
        List<TrajectoryPlan> plan = DatasetPlan.of(settings);
        int alreadyPresent = done.size();
        Progress progress = new Progress(progressOut, settings.frames(), alreadyPresent);
        if (alreadyPresent >= settings.frames()) {
            return new Result(folder, settings.frames(), 0, alreadyPresent, 0);
        }
        if (alreadyPresent > 0) {
            progressOut.printf("dataset: resuming, %d of %d frames already written%n", alreadyPresent,
                    settings.frames());
        }
        try (ManifestWriter manifest = ManifestWriter.open(folder);
             FrameWriter writer = new FrameWriter(folder, manifest, progress)) {
            GameConfig config = new GameConfig(plan.get(0).style(), plan.get(0).worldSeed(), settings.viewRadius(),
                    DatasetSettings.WIDTH, DatasetSettings.HEIGHT, false);
            VoxelGame game = new VoxelGame(config, new DatasetRecorderState(plan, done, settings.seed(), writer));
            game.launch(JmeContext.Type.OffscreenSurface);
            game.awaitTermination();
        }
        return new Result(folder, settings.frames(), progress.framesWritten(), alreadyPresent,
                progress.elapsedSeconds());
    }

    private static void writeSettings(Path folder, DatasetSettings settings) throws IOException {
        Path file = folder.resolve(DatasetSettings.FILE_NAME);
        if (Files.exists(file)) {
            return;
        }
        Path temp = folder.resolve(DatasetSettings.FILE_NAME + ".tmp");
        Files.writeString(temp, new GsonBuilder().setPrettyPrinting().create().toJson(settings.toJson()) + "\n",
                StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes files an interrupted run left half-written ({@code *.tmp}). */
    private static void deleteTemporaryFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".tmp"))::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
