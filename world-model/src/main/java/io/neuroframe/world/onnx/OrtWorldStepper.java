package io.neuroframe.world.onnx;

import io.neuroframe.codec.onnx.OrtRuntime;
import io.neuroframe.world.dream.ContextRing;
import io.neuroframe.world.dream.WorldStepper;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.codec.weights.Tensor;
import io.neuroframe.world.model.WorldModelWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.onnx.OrtSessions;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

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
public final class OrtWorldStepper implements WorldStepper {
    private static final int FRAME = ContextRing.FRAME;

    private final WorldModelConfig config;
    private final OrtSessions.Opened opened;
    private final ContextRing ring;
    private final Window[] windows;
    private final FloatBuffer output;
    private final OnnxTensor outputTensor;
    private final Map<String, OnnxTensor> pinnedOutput;
    private boolean closed;

    /** The inputs for one window length: Java arrays to fill, and tensors over direct buffers. */
    private record Window(float[] latents, float[] actions, FloatBuffer latentBuffer, FloatBuffer actionBuffer,
                          Map<String, OnnxTensor> inputs) {
    }

    private OrtWorldStepper(WorldModelConfig config, OrtSessions.Opened opened) {
        this.config = config;
        this.opened = opened;
        this.ring = new ContextRing(config.contextFrames());
        this.windows = new Window[config.contextFrames() + 1];
        OrtEnvironment env = OrtRuntime.environment();
        try {
            for (int t = 1; t <= config.contextFrames(); t++) {
                FloatBuffer latents = directFloats(t * FRAME);
                FloatBuffer actions = directFloats(t * OasisAction.SIZE);
                OnnxTensor latentTensor = OnnxTensor.createTensor(env, latents, new long[] {1, t,
                        LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, LatentContract.CHANNELS});
                OnnxTensor actionTensor = OnnxTensor.createTensor(env, actions, new long[] {1, t, OasisAction.SIZE});
                windows[t] = new Window(new float[t * FRAME], new float[t * OasisAction.SIZE], latents, actions,
                        Map.of(WorldDitOnnxExporter.LATENTS, latentTensor, WorldDitOnnxExporter.ACTIONS, actionTensor));
            }
            this.output = directFloats(FRAME);
            this.outputTensor = OnnxTensor.createTensor(env, output, new long[] {1,
                    LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, LatentContract.CHANNELS});
        } catch (OrtException e) {
            closeWindows();
            opened.close();
            throw new IllegalStateException("cannot create ONNX Runtime tensors for " + config.name() + ": "
                    + e.getMessage(), e);
        }
        this.pinnedOutput = Map.of(WorldDitOnnxExporter.NEXT, outputTensor);
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
    public void reset(FloatBuffer latent) {
        ring.reset(latent);
    }

    @Override
    public void push(FloatBuffer latent, OasisAction action) {
        ring.push(latent, action);
    }

    @Override
    public void replaceNewest(FloatBuffer latent) {
        ring.replaceNewest(latent);
    }

    @Override
    public int contextSize() {
        return ring.size();
    }

    @Override
    public void predict(OasisAction action, FloatBuffer next) {
        if (closed) {
            throw new IllegalStateException("this world stepper is closed");
        }
        ring.checkStep(next);
        Window w = windows[ring.size()];
        ring.fillDirectWindow(w.latents, w.actions, action);
        w.latentBuffer.clear();
        w.latentBuffer.put(w.latents);
        w.actionBuffer.clear();
        w.actionBuffer.put(w.actions);
        try (OrtSession.Result ignored = opened.session().run(w.inputs, pinnedOutput)) {
            // the next latent was written into outputTensor, which the result does not own
        } catch (OrtException e) {
            throw new IllegalStateException(config.name() + ": ONNX Runtime world step failed: " + e.getMessage(), e);
        }
        next.put(next.position(), output, 0, FRAME);
    }

    @Override
    public WorldModelConfig config() {
        return config;
    }

    @Override
    public String describe() {
        return config.name() + " (onnxruntime, " + opened.provider().label() + ")";
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeWindows();
            if (outputTensor != null) {
                outputTensor.close();
            }
            opened.close();
        }
    }

    private void closeWindows() {
        for (Window w : windows) {
            if (w != null) {
                w.inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    /** A native-order direct buffer of {@code count} floats, for a tensor ONNX Runtime reads or writes in place. */
    static FloatBuffer directFloats(int count) {
        return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
