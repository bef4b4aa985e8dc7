package io.neuroframe.world.onnx;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.onnx.OrtRuntime;
import io.neuroframe.codec.onnx.OrtSessions;
import io.neuroframe.world.dream.ContextRing;
import io.neuroframe.world.model.WorldModelConfig;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * An ONNX Runtime session over a world model's context window, the part {@link OrtWorldStepper} and {@link
 * OrtWorldRefiner} share: the context they keep, input tensors made once per window length over direct buffers, and
 * one output frame pinned to a tensor, so a pass copies its inputs in, runs and reads the frame from {@link #output}
 * without making buffers or tensors. One thread at a time; close it to free the native session.
 */
abstract class OrtContextSession implements AutoCloseable {
    static final int FRAME = ContextRing.FRAME;

    final WorldModelConfig config;
    final ContextRing ring;
    /** The frame each pass writes, from index 0. */
    final FloatBuffer output;
    private final OrtSessions.Opened opened;
    private final String pass;
    private final Window[] windows;
    private final OnnxTensor outputTensor;
    private final Map<String, OnnxTensor> pinnedOutput;
    private boolean closed;

    /**
     * The inputs of one window length over direct buffers: latents, per-frame noise levels (null where the graph
     * takes none) and actions.
     */
    record Window(FloatBuffer latents, FloatBuffer levels, FloatBuffer actions, Map<String, OnnxTensor> inputs) {
    }

    /**
     * @param pass what one run of the graph is, for messages (e.g. "world step")
     * @param longestWindow the most frames a pass takes
     * @param withLevels whether the graph takes {@link WorldDitOnnxExporter#LEVELS}
     * @param outputName the graph's output frame
     */
    OrtContextSession(WorldModelConfig config, OrtSessions.Opened opened, String pass, int longestWindow,
                      boolean withLevels, String outputName) {
        this.config = config;
        this.opened = opened;
        this.pass = pass;
        this.ring = new ContextRing(config.contextFrames());
        this.windows = new Window[longestWindow + 1];
        OrtEnvironment env = OrtRuntime.environment();
        try {
            for (int t = 1; t <= longestWindow; t++) {
                makeWindow(env, t, withLevels);
            }
            this.output = NativeBuffers.floats(FRAME);
            this.outputTensor = OnnxTensor.createTensor(env, output, new long[] {1,
                    LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, LatentContract.CHANNELS});
        } catch (OrtException e) {
            closeWindows();
            opened.close();
            throw new IllegalStateException("cannot create ONNX Runtime tensors for " + config.name() + ": "
                    + e.getMessage(), e);
        }
        this.pinnedOutput = Map.of(outputName, outputTensor);
    }

    /** Makes the inputs of {@code frames} frames; each tensor is in {@link #windows} as soon as it exists. */
    private void makeWindow(OrtEnvironment env, int frames, boolean withLevels) throws OrtException {
        FloatBuffer latents = NativeBuffers.floats(frames * FRAME);
        FloatBuffer levels = withLevels ? NativeBuffers.floats(frames) : null;
        FloatBuffer actions = NativeBuffers.floats(frames * OasisAction.SIZE);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        windows[frames] = new Window(latents, levels, actions, inputs);
        inputs.put(WorldDitOnnxExporter.LATENTS, OnnxTensor.createTensor(env, latents, new long[] {1, frames,
                LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, LatentContract.CHANNELS}));
        inputs.put(WorldDitOnnxExporter.ACTIONS, OnnxTensor.createTensor(env, actions,
                new long[] {1, frames, OasisAction.SIZE}));
        if (withLevels) {
            inputs.put(WorldDitOnnxExporter.LEVELS, OnnxTensor.createTensor(env, levels, new long[] {1, frames}));
        }
    }

    /** The inputs of a pass over {@code frames} frames. */
    final Window window(int frames) {
        return windows[frames];
    }

    /** Runs the graph on {@code window}'s inputs; the frame is in {@link #output} afterwards. */
    final void run(Window window) {
        try (OrtSession.Result ignored = opened.session().run(window.inputs(), pinnedOutput)) {
            // the frame was written into outputTensor, which the result does not own
        } catch (OrtException e) {
            throw new IllegalStateException(config.name() + ": ONNX Runtime " + pass + " failed: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalStateException once closed */
    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this " + config.name() + " " + pass + " session is closed");
        }
    }

    /** Forgets the context and starts again from {@code latent} (9216 floats from its position; not moved). */
    public final void reset(FloatBuffer latent) {
        ring.reset(latent);
    }

    /** Appends a frame to the context, reached by {@code action}; the oldest drops out when the context is full. */
    public final void push(FloatBuffer latent, OasisAction action) {
        ring.push(latent, action);
    }

    /** Replaces the newest frame of the context, keeping the action that led to it. */
    public final void replaceNewest(FloatBuffer latent) {
        ring.replaceNewest(latent);
    }

    /** Frames of context held now. */
    public final int contextSize() {
        return ring.size();
    }

    /** The preset this session runs. */
    public final WorldModelConfig config() {
        return config;
    }

    /** The execution provider's label, for {@code describe()}. */
    final String providerLabel() {
        return opened.provider().label();
    }

    @Override
    public final void close() {
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
                w.inputs().values().forEach(OnnxTensor::close);
            }
        }
    }
}
