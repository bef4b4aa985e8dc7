package io.neuroframe.world.onnx;

import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.onnx.OrtSessions;
import io.neuroframe.codec.weights.Tensor;
import io.neuroframe.world.dream.WorldStepper;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.model.WorldModelWeights;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Runs a {@code DIRECT} world model on ONNX Runtime: the graph from {@link WorldDitOnnxExporter},
 * with the same context handling as the DJL stepper of the training tools (and the same results within float
 * rounding).
 *
 * <p>For every window length from 1 to {@code maxFrames - 1} the input tensors are made once over
 * direct buffers, and the output is pinned to one tensor, so a step copies the context in, runs
 * the session and copies the next latent out without making buffers or tensors. One thread at a
 * time; close it to free the native session.
 */
public final class OrtWorldStepper extends OrtContextSession implements WorldStepper {
    private OrtWorldStepper(WorldModelConfig config, OrtSessions.Opened opened) {
        super(config, opened, "world step", config.contextFrames(), false, WorldDitOnnxExporter.NEXT);
    }

    /**
     * A stepper for preset {@code config} with {@code weights} in the checkpoint layout (copied
     * into the graph).
     *
     * @throws IllegalArgumentException if the preset is not a {@code DIRECT} one or a weight is missing
     */
    public static OrtWorldStepper create(WorldModelConfig config, Collection<Tensor> weights, OrtOptions options) {
        byte[] graph = WorldDitOnnxExporter.directStep(config, weights).toByteArray();
        return new OrtWorldStepper(config, OrtSessions.open(graph, config.name() + " world step", options));
    }

    /**
     * A stepper for the weights in {@code file}, a safetensors checkpoint of preset {@code config}.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and what is wrong with its tensors
     */
    public static OrtWorldStepper open(Path file, WorldModelConfig config, OrtOptions options) throws IOException {
        return create(config, WorldModelWeights.load(file, config).values(), options);
    }

    @Override
    public void predict(OasisAction action, FloatBuffer next) {
        checkOpen();
        ring.checkStep(next);
        Window w = window(ring.size());
        ring.fillDirectWindow(w.latents().clear(), w.actions().clear(), action);
        run(w);
        next.put(next.position(), output, 0, FRAME);
    }

    @Override
    public String describe() {
        return config.name() + " (onnxruntime, " + providerLabel() + ")";
    }
}
