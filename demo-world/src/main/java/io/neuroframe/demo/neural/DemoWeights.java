package io.neuroframe.demo.neural;

import io.neuroframe.api.Decoder;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.weights.WeightFiles;
import io.neuroframe.render.budget.FallbackDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The {@code nf-small} codec weights the neural view runs: a file given by the user, else
 * {@code models/nf-small.safetensors} under the project home, else random weights (the neural view
 * then shows noise, which still shows every stage's cost).
 *
 * @param weights the loaded weights
 * @param description where they came from, for the on-screen help and logs
 * @param trained whether they came from a file (random weights are not trained)
 */
public record DemoWeights(VitVaeWeights weights, String description, boolean trained) {
    /** System property the launcher sets to the project folder. */
    public static final String HOME_PROPERTY = "neuroframe.home";
    /** The default weights file, relative to the project home. */
    public static final Path DEFAULT_FILE = Path.of("models", "nf-small.safetensors");
    private static final Logger LOG = Logger.getLogger(DemoWeights.class.getName());
    private static final long RANDOM_SEED = 1;

    /**
     * Loads {@code file}, or the default file when {@code file} is null, or random weights when
     * there is no default file either (with a warning).
     *
     * @throws UncheckedIOException if a given file is missing or is not {@code nf-small} weights
     */
    public static DemoWeights resolve(Path file) {
        if (file != null) {
            return load(file);
        }
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && Files.isRegularFile(Path.of(home).resolve(DEFAULT_FILE))) {
            return load(Path.of(home).resolve(DEFAULT_FILE));
        }
        LOG.warning("no nf-small weights found (" + DEFAULT_FILE + " under the project home, or --weights FILE): "
                + "using random weights, so the neural view will show noise");
        return new DemoWeights(VitVaeWeights.random(VitVaeConfig.NF_SMALL, RANDOM_SEED),
                "random weights: the neural view is noise", false);
    }

    /**
     * The factory of the budget ladder's fallback decoder, the fastest form of {@code nf-tiny} under
     * the project home: its int8 model {@code models/nf-tiny-int8.onnx} (same quality, about a third
     * of the decode time), else its float32 weights {@code models/nf-tiny.safetensors}, else
     * {@code null} (the ladder then leaves the fallback-decoder rung out).
     *
     * @throws IllegalArgumentException naming the file if the int8 model is not a decoder ONNX Runtime can run
     * @throws UncheckedIOException if the weights exist but cannot be read as nf-tiny weights
     */
    public static Supplier<Decoder> fallbackDecoder() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && Files.isRegularFile(Path.of(home).resolve(FallbackDecoder.DEFAULT_INT8_MODEL))) {
            return FallbackDecoder.nfTinyInt8(Path.of(home).resolve(FallbackDecoder.DEFAULT_INT8_MODEL),
                    OrtOptions.defaults());
        }
        if (home == null || !Files.isRegularFile(Path.of(home).resolve(FallbackDecoder.DEFAULT_WEIGHTS))) {
            LOG.info("no " + FallbackDecoder.DEFAULT_WEIGHTS + " under the project home: the budget ladder runs"
                    + " without its fallback-decoder rung");
            return null;
        }
        Path file = Path.of(home).resolve(FallbackDecoder.DEFAULT_WEIGHTS);
        try {
            return FallbackDecoder.nfTiny(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read nf-tiny weights from " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    private static DemoWeights load(Path file) {
        String problem = WeightFiles.fileProblem(file, "nf-small weights");
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        try {
            VitVaeWeights weights = VitVaeWeights.load(file, VitVaeConfig.NF_SMALL);
            return new DemoWeights(weights, "weights " + file.getFileName(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read nf-small weights from " + file.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }
}
