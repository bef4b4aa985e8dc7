package io.neuroframe.games;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.ManifestWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Renders the unseen games into a dataset folder in the demo dataset's layout ({@code docs/dataset.md}, the game
 * name in the {@code style} field): checks the folder, works out which frames earlier runs already wrote, renders
 * the rest and finally verifies that no validation frame nearly duplicates a training frame.
 */
public final class GamesDatasetGenerator {

    /** What a run did. */
    public record Result(Path folder, int framesTotal, int framesWritten, int framesAlreadyPresent, double seconds,
                         Map<String, NearDuplicateCheck.Closest> closest) {

        /** Frames written per second of wall time (0 when nothing was written). */
        public double framesPerSecond() {
            return framesWritten == 0 ? 0 : framesWritten / seconds;
        }
    }

    private GamesDatasetGenerator() {
    }

    /**
     * Checks that {@code folder} can hold the dataset: it is (or can be made) a writable directory, and any dataset
     * already there was made with the same settings.
     *
     * @throws IllegalArgumentException naming the folder and the problem
     */
    public static void checkFolder(Path folder, GamesSettings settings) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the output folder " + folder + ": " + e, e);
        }
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new IllegalArgumentException("the output folder " + folder + " is not a writable directory");
        }
        try {
            Files.delete(Files.createTempFile(folder, ".write-check", ".tmp"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write to the output folder " + folder + ": " + e, e);
        }
        Path settingsFile = folder.resolve(GamesSettings.FILE_NAME);
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
     * Generates (or resumes) the dataset of {@code settings} in {@code folder}.
     *
     * @param progressOut where progress lines go (standard error on the command line)
     * @throws IllegalArgumentException when the folder cannot hold the dataset
     * @throws IllegalStateException when rendering fails or a validation frame nearly duplicates a training frame
     * @throws IOException when writing or reading frames fails
     */
    public static Result generate(Path folder, GamesSettings settings, PrintStream progressOut)
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
        int alreadyPresent = done.size();
        Progress progress = new Progress(progressOut, settings.totalFrames(), alreadyPresent);
        if (alreadyPresent > 0 && alreadyPresent < settings.totalFrames()) {
            progressOut.printf("games-dataset: resuming, %d of %d frames already written%n", alreadyPresent,
                    settings.totalFrames());
        }
        if (alreadyPresent < settings.totalFrames()) {
            try (ManifestWriter manifest = ManifestWriter.open(folder);
                 FrameWriter writer = new FrameWriter(folder, manifest, progress)) {
                new GamesRenderer(GamesPlan.of(settings), done, settings.seed(), writer).renderAll();
            }
        }
        double seconds = progress.elapsedSeconds();
        Map<String, NearDuplicateCheck.Closest> closest = NearDuplicateCheck.verify(DatasetManifest.read(folder));
        return new Result(folder, settings.totalFrames(), progress.framesWritten(), alreadyPresent, seconds, closest);
    }

    private static void writeSettings(Path folder, GamesSettings settings) throws IOException {
        Path file = folder.resolve(GamesSettings.FILE_NAME);
        if (Files.exists(file)) {
            return;
        }
        Path temp = folder.resolve(GamesSettings.FILE_NAME + ".tmp");
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
