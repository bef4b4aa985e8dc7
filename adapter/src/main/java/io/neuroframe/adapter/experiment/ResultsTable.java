package io.neuroframe.adapter.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The experiment's {@code results.csv}: one row per condition, library and seed. Rows are appended atomically
 * ({@link ExperimentFiles}), so an interrupted run leaves a complete table and a rerun skips the units that have a
 * row.
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
            return RunUnit.key(condition, library, seed);
        }

        String toCsv() {
            return String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%d,%d,%d,%.1f,%.8g,%.4f,%.5f,%.6f", condition, library,
                    seed, trainable, codec, total, reservoirValues, steps, trainSeconds, mse, psnr, ssim,
                    relativeDecrease);
        }

        static Row parse(String[] f) {
            return new Row(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                    Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), Double.parseDouble(f[8]),
                    Double.parseDouble(f[9]), Double.parseDouble(f[10]), Double.parseDouble(f[11]),
                    Double.parseDouble(f[12]));
        }
    }

    private ResultsTable() {
    }

    /** The rows of {@code file}, or none when it does not exist. */
    static List<Row> read(Path file) throws IOException {
        return ExperimentFiles.readCsv(file, HEADER, "an adapter results table", Row::parse);
    }

    /** Appends {@code row} to {@code file} (creating it with its header), atomically. */
    static void append(Path file, Row row) throws IOException {
        ExperimentFiles.appendCsv(file, HEADER, List.of(row.toCsv()));
    }
}
