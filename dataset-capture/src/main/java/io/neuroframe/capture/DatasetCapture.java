package io.neuroframe.capture;

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
import java.util.Set;
import java.util.stream.Stream;

/**
 * Generates or resumes a dataset in a folder (layout in {@code docs/dataset.md}) around a generator's renderer:
 * checks the folder and its {@value CaptureSettings#FILE_NAME}, removes what an interrupted run left half-written,
 * works out which frames earlier runs already wrote, lets the renderer render the rest through a
 * {@link FrameWriter} and reports progress.
 */
public final class DatasetCapture {

    /** Renders the frames of a dataset that are still missing. */
    @FunctionalInterface
    public interface Renderer {
        /**
         * Renders every planned frame, handing those whose file is not in {@code done} to {@code writer}; returns
         * once rendering has stopped.
         *
         * @throws IllegalStateException when rendering fails
         */
        void render(Set<String> done, FrameWriter writer) throws InterruptedException;
    }

    /** What a run did. */
    public record Result(Path folder, int framesTotal, int framesWritten, int framesAlreadyPresent, double seconds) {

        /** Frames written per second of wall time (0 when nothing was written). */
        public double framesPerSecond() {
            return framesWritten == 0 ? 0 : framesWritten / seconds;
        }

        /** Wall time per written frame in milliseconds (0 when nothing was written). */
        public double millisPerFrame() {
            return framesWritten == 0 ? 0 : seconds * 1000 / framesWritten;
        }
    }

    private DatasetCapture() {
    }

    /**
     * Checks that {@code folder} can hold the dataset: it is (or can be made) a writable directory, and any dataset
     * already there was made with the same settings.
     *
     * @throws IllegalArgumentException naming the folder and the problem
     */
    public static void checkFolder(Path folder, CaptureSettings settings) {
        OutputFolder.prepare(folder);
        Path settingsFile = folder.resolve(CaptureSettings.FILE_NAME);
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
     * Generates (or resumes) the dataset of {@code settings} in {@code folder}: renders only when frames are missing.
     *
     * @param command the command name that starts each progress line, e.g. {@code dataset}
     * @param progressOut where progress lines go (standard error on the command line)
     * @throws IllegalArgumentException when the folder cannot hold the dataset
     * @throws IllegalStateException when rendering or writing fails
     * @throws IOException when writing or reading the folder fails
     */
    public static Result run(Path folder, CaptureSettings settings, String command, PrintStream progressOut,
                             Renderer renderer) throws IOException, InterruptedException {
        checkFolder(folder, settings);
        writeSettings(folder, settings);
        deleteTemporaryFiles(folder);
        Set<String> done = new HashSet<>();
        if (Files.exists(folder.resolve(DatasetManifest.FILE_NAME))) {
            for (DatasetFrame f : DatasetManifest.read(folder).frames()) {
                done.add(f.file());
            }
        }
        int total = settings.totalFrames();
        int alreadyPresent = done.size();
        Progress progress = new Progress(progressOut, command, total, alreadyPresent);
        if (alreadyPresent < total) {
            if (alreadyPresent > 0) {
                progressOut.printf("%s: resuming, %d of %d frames already written%n", command, alreadyPresent, total);
            }
            try (ManifestWriter manifest = ManifestWriter.open(folder);
                 FrameWriter writer = new FrameWriter(folder, manifest, progress)) {
                renderer.render(done, writer);
            }
        }
        return new Result(folder, total, progress.framesWritten(), alreadyPresent, progress.elapsedSeconds());
    }

    private static void writeSettings(Path folder, CaptureSettings settings) throws IOException {
        Path file = folder.resolve(CaptureSettings.FILE_NAME);
        if (Files.exists(file)) {
            return;
        }
        Path temp = folder.resolve(CaptureSettings.FILE_NAME + ".tmp");
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
