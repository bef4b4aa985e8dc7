package io.neuroframe.adapter.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code results.csv} of the out-of-distribution experiment: one row per unit and game, plus the unit's
 * {@value #POOLED} row over every validation frame and its {@value #ORACLE_FRAMES} row on the oracle's frames. A unit
 * with a pooled row is done; rows of one unit are appended in one atomic write.
 */
final class OodResults {

    static final String HEADER = "condition,library,seed,game,learning_rate,trainable_parameters,steps,train_seconds,"
            + "frames,val_mse,psnr_db,ssim,relative_decrease,last_tenth_slope";
    /** The game name of the row over every validation frame. */
    static final String POOLED = "pooled";
    /** The game name of the row on the latent oracle's frames. */
    static final String ORACLE_FRAMES = "oracle-frames";
    /** Beside {@code results.csv}: the rows of units trained at a learning rate that is no longer chosen. */
    static final String SUPERSEDED_FILE = "results-superseded.csv";
    /** Relative tolerance between a row's learning rate (printed with 3 digits) and a chosen rate. */
    private static final double RATE_TOLERANCE = 1e-2;

    /**
     * One unit on one game.
     *
     * @param relativeDecrease {@code (frozen codec MSE - MSE) / frozen codec MSE} on the same frames
     * @param lastTenthSlope least-squares slope of the validation curve over the last tenth of training, relative to
     *        the curve's last value, per 1000 steps (NaN without two points there)
     */
    record Row(String condition, String library, int seed, String game, double learningRate, long trainable,
            long steps, double trainSeconds, int frames, double mse, double psnr, double ssim,
            double relativeDecrease, double lastTenthSlope) {

        String key() {
            return RunUnit.key(condition, library, seed);
        }

        String toCsv() {
            return String.format(Locale.ROOT, "%s,%s,%d,%s,%.3g,%d,%d,%.1f,%d,%.8g,%.4f,%.5f,%.6f,%.5g", condition,
                    library, seed, game, learningRate, trainable, steps, trainSeconds, frames, mse, psnr, ssim,
                    relativeDecrease, lastTenthSlope);
        }

        static Row parse(String[] f) {
            return new Row(f[0], f[1], Integer.parseInt(f[2]), f[3], Double.parseDouble(f[4]), Long.parseLong(f[5]),
                    Long.parseLong(f[6]), Double.parseDouble(f[7]), Integer.parseInt(f[8]), Double.parseDouble(f[9]),
                    Double.parseDouble(f[10]), Double.parseDouble(f[11]), Double.parseDouble(f[12]),
                    Double.parseDouble(f[13]));
        }

        /** This row in the shape {@link ResultGroups} and {@link Claims} read. */
        ResultsTable.Row asResultsRow() {
            return new ResultsTable.Row(condition, library, seed, trainable, 0, trainable, 0, steps, trainSeconds,
                    mse, psnr, ssim, relativeDecrease);
        }
    }

    private OodResults() {
    }

    /**
     * The rows of {@code file}, or none when it does not exist.
     *
     * @throws IllegalArgumentException if a unit has two rows for one game (a report would count it twice)
     */
    static List<Row> read(Path file) throws IOException {
        List<Row> rows = ExperimentFiles.readCsv(file, HEADER, "an out-of-distribution results table", Row::parse);
        Set<String> seen = new HashSet<>();
        for (Row row : rows) {
            if (!seen.add(row.key() + "|" + row.game())) {
                throw new IllegalArgumentException(file + ": unit " + row.key() + " has two rows for " + row.game()
                        + "; a unit is recorded once (two processes on one folder?): keep one of them");
            }
        }
        return rows;
    }

    /** Appends {@code rows} (one unit's) to {@code file}, creating it with its header, in one atomic write. */
    static void append(Path file, List<Row> rows) throws IOException {
        ExperimentFiles.appendCsv(file, HEADER, rows.stream().map(Row::toCsv).toList());
    }

    /**
     * Moves the rows of every unit whose learning rate is not its condition's rate in {@code rates} (by condition
     * id) from {@code file} to {@value #SUPERSEDED_FILE} beside it, appended there; returns the moved rows. Rows of
     * conditions without a rate in {@code rates} (the frozen codec's among them) stay.
     */
    static List<Row> supersede(Path file, Map<String, Float> rates) throws IOException {
        List<Row> rows = read(file);
        List<Row> stale = rows.stream().filter(r -> rates.containsKey(r.condition())
                && Math.abs(r.learningRate() - rates.get(r.condition())) > RATE_TOLERANCE * rates.get(r.condition()))
                .toList();
        if (stale.isEmpty()) {
            return stale;
        }
        ExperimentFiles.appendCsv(file.resolveSibling(SUPERSEDED_FILE), HEADER, stale.stream().map(Row::toCsv)
                .toList());
        StringBuilder kept = new StringBuilder(HEADER).append('\n');
        rows.stream().filter(r -> !stale.contains(r)).forEach(r -> kept.append(r.toCsv()).append('\n'));
        ExperimentFiles.writeAtomically(file, kept.toString());
        return stale;
    }

    /** The rows of one game, in the shape {@link ResultGroups} reads. */
    static ResultGroups groups(List<Row> rows, String game) {
        return new ResultGroups(rows.stream().filter(r -> r.game().equals(game)).map(Row::asResultsRow).toList());
    }
}
