package io.neuroframe.adapter.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The text files of an experiment folder. Every write replaces the whole file atomically (written beside itself, then
 * moved into place), so an interrupted run leaves each file complete; CSV tables are read with their header checked
 * and grow by appended rows.
 */
final class ExperimentFiles {

    private ExperimentFiles() {
    }

    /** Writes {@code text} to {@code file} through a temporary file beside it. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".part");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The rows of the CSV table {@code file} (none when it does not exist), each parsed from its fields; blank lines
     * are skipped.
     *
     * @param what the table's kind for error messages, e.g. {@code "an adapter results table"}
     * @throws IllegalArgumentException when the header is not {@code header}, a row has another number of fields, or
     *         a number does not parse (naming the line)
     */
    static <T> List<T> readCsv(Path file, String header, String what, Function<String[], T> parse)
            throws IOException {
        List<T> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new IllegalArgumentException(file + ": not " + what + " (expected the header " + header + ")");
        }
        int columns = header.split(",", -1).length;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] fields = lines.get(i).split(",", -1);
            if (fields.length != columns) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected " + columns + " fields, got "
                        + fields.length);
            }
            try {
                rows.add(parse.apply(fields));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    /** Appends {@code lines} to the CSV table {@code file} (creating it with {@code header}) in one atomic write. */
    static void appendCsv(Path file, String header, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        if (Files.exists(file)) {
            text.append(Files.readString(file, StandardCharsets.UTF_8));
        } else {
            text.append(header).append('\n');
        }
        for (String line : lines) {
            text.append(line).append('\n');
        }
        writeAtomically(file, text.toString());
    }
}
