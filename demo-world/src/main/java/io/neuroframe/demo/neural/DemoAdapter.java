package io.neuroframe.demo.neural;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.adapter.train.AdapterOnnx;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.weights.WeightFiles;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * A trained adapter exported to ONNX ({@link AdapterOnnx#write}) for the neural view: checked once when the
 * command line is read, then loaded again for the pipeline on its start-up thread. It runs on the pipeline's
 * latent thread with one ONNX Runtime thread (a small graph next to the codec's sessions).
 *
 * @param file the exported graph (absolute)
 */
public record DemoAdapter(Path file) {
    private static final OrtOptions OPTIONS = OrtOptions.defaults().withIntraOpThreads(1);

    /**
     * Checks that {@code file} is an exported adapter that runs: loads it, applies it once to a zero latent and
     * closes it.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it (missing, a folder, not an ONNX
     *     model, not an adapter graph, or one that fails or writes a non-finite value when run)
     */
    public static DemoAdapter check(Path file) {
        String problem = WeightFiles.fileProblem(file, "adapter");
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Path absolute = file.toAbsolutePath();
        FloatBuffer zero = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
        FloatBuffer out = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
        try (LatentAdapter adapter = AdapterOnnx.load(absolute, OPTIONS)) {
            adapter.apply(zero, out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("adapter: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("adapter " + absolute + " does not run: " + e.getMessage(), e);
        }
        for (int i = 0; i < LatentContract.LATENT_FLOATS; i++) {
            if (!Float.isFinite(out.get(i))) {
                throw new IllegalArgumentException("adapter " + absolute + " writes " + out.get(i) + " at index " + i
                        + " for a zero latent");
            }
        }
        return new DemoAdapter(absolute);
    }

    /** The file's name, for the on-screen label and the headless summary. */
    public String name() {
        return file.getFileName().toString();
    }

    /** A new ONNX Runtime session over the file; the pipeline owns and closes it. */
    public LatentAdapter open() {
        return AdapterOnnx.load(file, OPTIONS);
    }

}
