package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.train.LatentOracle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@value #FILE}: one row per validation frame of the latent oracle ({@link LatentOracle}). */
final class OracleTable {

    static final String FILE = "latent-oracle.csv";
    static final String HEADER = "frame,codec_mse,optimised_mse,relative_decrease";

    /**
     * The oracle over all frames: pooled MSE before and after, and its relative decrease.
     *
     * @param frames validation frames optimised
     */
    record Summary(int frames, double codecMse, double optimisedMse) {
        double relativeDecrease() {
            return (codecMse - optimisedMse) / codecMse;
        }
    }

    private OracleTable() {
    }

    static void write(Path file, List<LatentOracle.FrameResult> results) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (LatentOracle.FrameResult r : results) {
            text.append(String.format(Locale.ROOT, "%d,%.8g,%.8g,%.6f%n", r.frame(), r.codecMse(), r.optimisedMse(),
                    r.relativeDecrease()));
        }
        ExperimentFiles.writeAtomically(file, text.toString());
    }

    /** The summary of {@code file}, empty when the oracle has not run. */
    static Optional<Summary> summary(Path file) throws IOException {
        List<double[]> rows = ExperimentFiles.readCsv(file, HEADER, "a latent-oracle table",
                f -> new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        double codec = rows.stream().mapToDouble(r -> r[0]).average().orElseThrow();
        double optimised = rows.stream().mapToDouble(r -> r[1]).average().orElseThrow();
        return Optional.of(new Summary(rows.size(), codec, optimised));
    }
}
