package io.neuroframe.codec.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A run's validation curve: a CSV file with a header and one row per checkpoint, appended across
 * the chunks of a resumed run.
 */
public final class ValidationCurve {
    private final Path file;
    private final String header;

    /** The curve in {@code file}, whose first line is {@code header} (comma-separated column names). */
    public ValidationCurve(Path file, String header) {
        this.file = file;
        this.header = header;
    }

    /** Appends {@code row} (comma-separated values), writing the header first when the file is new. */
    public void append(String row) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, header + "\n", StandardCharsets.UTF_8);
        }
        Files.writeString(file, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
