package io.neuroframe.codec.weights;

import java.nio.file.Files;
import java.nio.file.Path;

/** The check shared by the commands and loaders that are given a weights or model file. */
public final class WeightFiles {

    private WeightFiles() {
    }

    /**
     * Why {@code file} cannot be read as {@code what} (for example {@code "--weights"} or
     * {@code "nf-small weights"}): {@code "<what>: <path> is a folder, not a file"} or
     * {@code "<what> not found: <path>"}; {@code null} when it is a regular file.
     */
    public static String fileProblem(Path file, String what) {
        if (Files.isRegularFile(file)) {
            return null;
        }
        if (Files.isDirectory(file)) {
            return what + ": " + file.toAbsolutePath() + " is a folder, not a file";
        }
        return what + " not found: " + file.toAbsolutePath();
    }
}
