package io.neuroframe.adapter.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The experiment's {@code results.csv}: one row per condition, library and seed. Rows are appended atomically
 * (the whole file is rewritten beside itself and moved into place), so an interrupted run leaves a complete table
 * and a rerun skips the units that have a row.
 */
final class ResultsTable {

    static final String HEADER = "condition,library,seed,trainable_parameters,codec_parameters,total_parameters,"
            + "reservoir_values,steps,train_seconds,validation_mse,psnr_db,ssim,relative_decrease";

    /**
     * One finished unit.
     *
     * @param trainable values the optimizer trained
     * @param codec parameters of the frozen encoder and decoder
     * @param total codec plus trainable parameters (what the reference work's "about 1% more" compares)
     * @param reservoirValues stored values of a frozen reservoir (constants, not parameters)
     * @param relativeDecrease {@code (frozen codec MSE - MSE) / frozen codec MSE} on the validation frames
     */
    record Row(String condition, String library, int seed, long trainable, long codec, long total, long reservoirValues,
            long steps, double trainSeconds, double mse, double psnr, double ssim, double relativeDecrease) {

        String key() {
            return condition + "|" + library + "|" + seed;
        }

        String toCsv() {
            return String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%d,%d,%d,%.1f,%.8g,%.4f,%.5f,%.6f", condition, library,
                    seed, trainable, codec, total, reservoirValues, steps, trainSeconds, mse, psnr, ssim,
                    relativeDecrease);
        }

        static Row parse(String line, Path file, int number) {
            String[] f = line.split(",", -1);
            if (f.length != 13) {
                throw new IllegalArgumentException(file + " line " + number + ": expected 13 fields, got " + f.length);
            }
            try {
                return new Row(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                        Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), Double.parseDouble(f[8]),
                        Double.parseDouble(f[9]), Double.parseDouble(f[10]), Double.parseDouble(f[11]),
                        Double.parseDouble(f[12]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage(), e);
            }
        }
    }

    private ResultsTable() {
    }

    /** The rows of {@code file}, or none when it does not exist. */
    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(file + ": not an adapter results table (expected the header "
                    + HEADER + ")");
        }
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(Row.parse(lines.get(i), file, i + 1));
            }
        }
        return rows;
    }

    /** Appends {@code row} to {@code file} (creating it with its header), atomically. */
    static void append(Path file, Row row) throws IOException {
        StringBuilder text = new StringBuilder();
        if (Files.exists(file)) {
            text.append(Files.readString(file, StandardCharsets.UTF_8));
        } else {
            text.append(HEADER).append('\n');
        }
        text.append(row.toCsv()).append('\n');
        writeAtomically(file, text.toString());
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
}
