package io.neuroframe.codec.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a model card, the Markdown file committed next to exported weights: a title, then
 * paragraphs and key/value tables in the order they are added, one blank line between them.
 */
public final class ModelCardWriter {
    private final StringBuilder md = new StringBuilder();
    private boolean inTable;

    /** A card headed {@code # title}. */
    public ModelCardWriter(String title) {
        md.append("# ").append(title).append('\n');
    }

    /** Adds a paragraph of {@code text} (Markdown, without a final line break). */
    public ModelCardWriter paragraph(String text) {
        md.append('\n').append(text).append('\n');
        inTable = false;
        return this;
    }

    /** Adds a row to the table under the last paragraph, starting the table at its first row. */
    public ModelCardWriter row(String key, String value) {
        if (!inTable) {
            md.append("\n| | |\n|---|---|\n");
            inTable = true;
        }
        md.append("| ").append(key).append(" | ").append(value).append(" |\n");
        return this;
    }

    /** The card as Markdown. */
    public String toMarkdown() {
        return md.toString();
    }

    /** Writes the card to {@code file} (UTF-8). */
    public void write(Path file) throws IOException {
        Files.writeString(file, toMarkdown(), StandardCharsets.UTF_8);
    }

    /**
     * A card's wall-time entry: {@code trainingSeconds} of training steps on DJL PyTorch's CPU with
     * {@code threads} intra-op threads.
     */
    public static String wallTime(double trainingSeconds, int threads) {
        return String.format(Locale.ROOT, "%s of training steps (DJL PyTorch, CPU, %d intra-op thread%s)",
                TrainingLoop.duration(trainingSeconds), threads, threads == 1 ? "" : "s");
    }
}
