package io.neuroframe.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The check every command that writes files makes before its work starts: the output folder can be written. */
public final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * Creates {@code folder} if missing and writes and deletes a probe file in it.
     *
     * @throws IllegalArgumentException naming the folder and the reason when it cannot be created or written
     */
    public static void prepare(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the output folder " + folder + ": " + e, e);
        }
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new IllegalArgumentException("the output folder " + folder + " is not a writable directory");
        }
        try {
            Path probe = Files.createTempFile(folder, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write to the output folder " + folder + ": " + e, e);
        }
    }
}
