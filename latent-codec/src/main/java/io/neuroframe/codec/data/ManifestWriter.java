package io.neuroframe.codec.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends rows to a dataset's {@value DatasetManifest#FILE_NAME}, one flushed line per row. Opening cuts off an
 * unterminated last line left by an interruption, so a resumed run continues on a clean line.
 */
public final class ManifestWriter implements AutoCloseable {
    private final Writer out;

    private ManifestWriter(Writer out) {
        this.out = out;
    }

    /** Opens (creating if needed) the manifest of {@code folder} for appending. */
    public static ManifestWriter open(Path folder) throws IOException {
        Path file = folder.resolve(DatasetManifest.FILE_NAME);
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            long complete = DatasetManifest.completeLines(text).getBytes(StandardCharsets.UTF_8).length;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(complete);
            }
        }
        return new ManifestWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    /** Appends one row and flushes it to the file. Call only after the row's PNG is complete. */
    public void append(DatasetFrame frame) throws IOException {
        out.write(DatasetManifest.toJsonLine(frame) + "\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
