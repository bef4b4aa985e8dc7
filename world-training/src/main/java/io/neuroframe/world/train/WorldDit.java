package io.neuroframe.world.train;

import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.world.model.WorldModelWeights;
import java.io.IOException;
import java.nio.file.Path;
import io.neuroframe.world.model.DitTensorLayout;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.model.WorldRotary;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.weights.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The world model's network in DJL: a spatio-temporal diffusion transformer with the layout of
 * Oasis's {@code DiT} ({@code dit.py}, {@code attention.py} of open-oasis).
 *
 * <p>A forward pass takes a window of latent frames {@code (B, T, 18, 32, 16)}, one noise level
 * per frame {@code (B, T)} and one action per frame {@code (B, T, 25)}, and returns one output
 * per frame with the input's shape. Per frame, a stride-p patch embedding makes
 * {@code (18/p) x (32/p)} tokens; the conditioning vector is the timestep MLP of the noise level
 * plus {@code Linear(25 -> D)} of the action. Each block is a spatial half (full attention over
 * the frame's tokens with axial rotary embedding) followed by a temporal half (causal attention
 * over the window at each token position with 1-D rotary embedding); every half is pre-norm with
 * adaLN-zero modulation (shift, scale, gate for attention and MLP) from the conditioning vector.
 * A final adaLN layer maps tokens back to patches.
 *
 * <p>Parameters live in this object's own {@link NDManager}; linear weights are held transposed
 * ({@code [in, out]}) so every operation starts from the activation and its result belongs to the
 * caller's manager. {@link #toTensors()} and {@link #fromTensors} speak the Oasis layout.
 * Not thread-safe.
 */
public final class WorldDit implements AutoCloseable {
    private static final float NORM_EPS = 1e-6f;
    private static final float GELU_C = (float) Math.sqrt(2 / Math.PI);

    private final WorldModelConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private final NDArray timeFrequencies;
    private final NDArray spatialCos;
    private final NDArray spatialSinSigned;
    private final NDArray temporalCos;
    private final NDArray temporalSinSigned;
    private final NDArray causalMask;
    /** Temporal rotary tables and causal masks by (first position, frames), made once in {@link #manager}. */
    private final Map<Integer, NDArray[]> temporalTables = new HashMap<>();
    private final NDArray normOnes;
    private final NDArray normZeros;
    private final NDArray columnIndex;
    private final NDArray rowIndex;

    private WorldDit(WorldModelConfig config, NDManager parent, Map<String, float[]> oasisLayout) {
        this.config = config;
        this.manager = parent.newSubManager();
        this.parameters = new LinkedHashMap<>();
        for (DitTensorLayout.Spec spec : DitTensorLayout.specs(config)) {
            float[] values = oasisLayout.get(spec.name());
            NDArray array = DitTensorLayout.isLinearWeight(spec.name())
                    ? owned(manager, DitTensorLayout.transpose(values, spec.shape()[0], (int) (spec.size() / spec.shape()[0])),
                            new Shape(spec.size() / spec.shape()[0], spec.shape()[0]))
                    : owned(manager, values, new Shape(toLong(spec.shape())));
            array.setName(spec.name());
            parameters.put(spec.name(), array);
        }
        float[] frequencies = WorldModelConfig.timeFrequencies();
        timeFrequencies = owned(manager, frequencies, new Shape(frequencies.length));
        float[][] spatial = WorldRotary.spatial(config);
        spatialCos = owned(manager, spatial[0], new Shape(config.tokensPerFrame(), config.headDim()));
        spatialSinSigned = owned(manager, spatial[1], new Shape(config.tokensPerFrame(), config.headDim()));
        float[][] temporal = WorldRotary.temporal(config);
        temporalCos = owned(manager, temporal[0], new Shape(config.maxFrames(), config.headDim()));
        temporalSinSigned = owned(manager, temporal[1], new Shape(config.maxFrames(), config.headDim()));
        float[] mask = new float[config.maxFrames() * config.maxFrames()];
        for (int q = 0; q < config.maxFrames(); q++) {
            for (int k = q + 1; k < config.maxFrames(); k++) {
                mask[q * config.maxFrames() + k] = -1e9f;
            }
        }
        causalMask = owned(manager, mask, new Shape(config.maxFrames(), config.maxFrames()));
        normOnes = manager.ones(new Shape(config.hidden()));
        normZeros = manager.zeros(new Shape(config.hidden()));
        columnIndex = manager.arange(0f, LatentContract.TOKEN_COLS);
        rowIndex = manager.arange(0f, LatentContract.TOKEN_ROWS);
    }

    /**
     * A freshly initialized network, as open-oasis initializes it: Xavier-uniform linear and
     * patch weights with zero biases, N(0, 0.02) timestep MLP, and zero adaLN and output layers,
     * so every block starts as the identity and the output starts at zero.
     */
    public static WorldDit create(WorldModelConfig config, NDManager parent, long seed) {
        Random random = new Random(seed);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (DitTensorLayout.Spec spec : DitTensorLayout.specs(config)) {
            float[] v = new float[(int) spec.size()];
            String n = spec.name();
            if (n.endsWith(".weight") && !n.contains("adaLN_modulation") && !n.startsWith("final_layer.linear")) {
                if (n.startsWith("t_embedder")) {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (random.nextGaussian() * 0.02);
                    }
                } else {
                    int out = spec.shape()[0];
                    int in = v.length / out;
                    double bound = Math.sqrt(6.0 / (in + out));
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
                    }
                }
            }
            values.put(n, v);
        }
        return new WorldDit(config, parent, values);
    }

    /**
     * A network holding the given tensors, named and shaped as {@link DitTensorLayout} lists.
     * Rotary-frequency constants in the map are ignored (they are recomputed).
     *
     * @param source where the tensors came from, for error messages
     * @throws IllegalArgumentException naming the first missing, misshaped, non-finite or unknown tensor
     */
    public static WorldDit fromTensors(WorldModelConfig config, Map<String, Tensor> tensors, String source,
                                       NDManager parent) {
        Map<String, float[]> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (DitTensorLayout.Spec spec : DitTensorLayout.specs(config)) {
            Tensor t = tensors.get(spec.name());
            if (t == null) {
                missing.add(spec.name());
                continue;
            }
            if (!Arrays.equals(t.shape(), spec.shape())) {
                throw new IllegalArgumentException(source + ": tensor " + spec.name() + " has shape "
                        + Arrays.toString(t.shape()) + " but " + config.name() + " expects " + Arrays.toString(spec.shape()));
            }
            for (float x : t.data()) {
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException(source + ": tensor " + spec.name() + " holds a non-finite value (" + x + ")");
                }
            }
            values.put(spec.name(), t.data());
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + missing.size() + " tensor(s) that " + config.name()
                    + " needs are missing, first " + missing.subList(0, Math.min(3, missing.size())));
        }
        for (String name : tensors.keySet()) {
            if (!values.containsKey(name) && !DitTensorLayout.isRecomputedConstant(name)) {
                throw new IllegalArgumentException(source + ": unexpected tensor " + name + " (not part of " + config.name()
                        + "; wrong preset?)");
            }
        }
        return new WorldDit(config, parent, values);
    }

    /**
     * Loads the network saved in {@code file} as preset {@code config}; see
     * {@link WorldModelWeights#load} for the checks made.
     */
    public static WorldDit load(Path file, WorldModelConfig config, NDManager parent) throws IOException {
        return fromTensors(config, WorldModelWeights.load(file, config), file.toString(), parent);
    }

    /** Writes the weights to {@code file} (atomically) with the preset and {@code metadata}. */
    public void save(Path file, Map<String, String> metadata, SafetensorsDtype dtype) throws IOException {
        WorldModelWeights.save(file, config, toTensors(), metadata, dtype);
    }

    public WorldModelConfig config() {
        return config;
    }

    /** The learned parameters by Oasis name (linear weights held transposed); for optimizers. */
    Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** A new manager under this model's own, on the same engine; closed with the model at the latest. */
    NDManager newManager() {
        return manager.newSubManager();
    }

    /** Marks every parameter as needing a gradient (training). */
    public void attachGradients() {
        parameters.values().forEach(p -> p.setRequiresGradient(true));
    }

    /** Copies the parameters out in the Oasis layout, in {@link DitTensorLayout} order. */
    public List<Tensor> toTensors() {
        List<Tensor> out = new ArrayList<>();
        for (DitTensorLayout.Spec spec : DitTensorLayout.specs(config)) {
            float[] held = parameters.get(spec.name()).toFloatArray();
            float[] data = DitTensorLayout.isLinearWeight(spec.name())
                    ? DitTensorLayout.transpose(held, (int) (spec.size() / spec.shape()[0]), spec.shape()[0])
                    : held;
            out.add(new Tensor(spec.name(), spec.shape().clone(), data));
        }
        return out;
    }

    /**
     * Temporal keys and values of context frames at every block, recorded by
     * {@link #forwardContext} and used by {@link #forwardNext}. The arrays belong to the manager of
     * the context pass's inputs; keep that manager open while the keys are used.
     */
    public static final class ContextKeys {
        private final List<NDArray[]> keysAndValues = new ArrayList<>();
        private final int frames;

        private ContextKeys(int frames) {
            this.frames = frames;
        }

        /** Context frames the keys cover. */
        public int frames() {
            return frames;
        }
    }

    /**
     * Runs the network on a window of frames.
     *
     * @param latents {@code (B, T, 18, 32, 16)} scaled latents, T at most {@code maxFrames}
     * @param levels {@code (B, T)} noise levels as floats (0 for clean frames)
     * @param actions {@code (B, T, 25)} Oasis action vectors
     * @return {@code (B, T, 18, 32, 16)}: v-predictions, or next-frame changes for {@code DIRECT}
     */
    public NDArray forward(NDArray latents, NDArray levels, NDArray actions) {
        return run(latents, levels, actions, null, null);
    }

    /**
     * What a {@code DIRECT} model's outputs are changes from: each frame moved by the camera of the action paired with
     * it (the one that leads away from it), as {@link WorldModelConfig#viewShift()} describes; the frames themselves
     * when the model has no view shift. The next frame after window position {@code i} is {@code changeBase(..)[i] +
     * forward(..)[i]}.
     *
     * @param latents {@code (B, T, 18, 32, 16)}
     * @param actions {@code (B, T, 25)}
     * @return {@code (B, T, 18, 32, 16)} in the manager of {@code actions}; without a view shift {@code latents} itself
     */
    public NDArray changeBase(NDArray latents, NDArray actions) {
        if (config.viewShift() == 0) {
            return latents;
        }
        Shape s = latents.getShape();
        NDArray yaw = actions.get(new NDIndex(":, :, {}", OasisAction.CAMERA_YAW)).mul(config.viewShift());
        NDArray pitch = actions.get(new NDIndex(":, :, {}", OasisAction.CAMERA_PITCH)).mul(config.viewShift());
        NDArray across = interpolation(yaw, columnIndex).expandDims(2).matMul(latents);
        Shape rowsFirst = new Shape(s.get(0), s.get(1), LatentContract.TOKEN_ROWS,
                (long) LatentContract.TOKEN_COLS * LatentContract.CHANNELS);
        return interpolation(pitch, rowIndex).matMul(across.reshape(rowsFirst)).reshape(s);
    }

    /**
     * Per frame, the {@code (n, n)} matrix whose row {@code i} samples cell {@code clamp(i + shift, 0, n - 1)} of
     * an axis of {@code n} cells by linear interpolation: entry {@code (i, j)} is {@code max(0, 1 - |source_i - j|)}.
     *
     * @param shift {@code (B, T)} cells
     * @param index {@code 0 .. n-1}
     * @return {@code (B, T, n, n)}, in the manager of {@code shift} (every operation starts from it, so nothing
     *     lands in the model's own manager)
     */
    private static NDArray interpolation(NDArray shift, NDArray index) {
        long n = index.size();
        NDArray source = shift.expandDims(-1).add(index).clip(0, n - 1);
        return source.expandDims(-1).sub(index).abs().neg().add(1).maximum(0);
    }

    /**
     * Runs the context frames once and records their temporal keys and values at every block.
     * Because temporal attention is causal and spatial attention stays within a frame, the
     * context's activations do not depend on any later frame, so {@link #forwardNext} can then
     * produce the next frame's output alone, exactly as {@link #forward} over the whole window
     * would, at the cost of one frame per call.
     *
     * @param latents {@code (B, T, 18, 32, 16)} with T at most {@code maxFrames - 1}
     */
    public ContextKeys forwardContext(NDArray latents, NDArray levels, NDArray actions) {
        if (latents.getShape().get(1) >= config.maxFrames()) {
            throw new IllegalArgumentException("context: at most " + config.contextFrames() + " frames, got "
                    + latents.getShape().get(1));
        }
        ContextKeys keys = new ContextKeys((int) latents.getShape().get(1));
        run(latents, levels, actions, keys, null);
        return keys;
    }

    /**
     * The output for one new frame after the context recorded in {@code context}.
     *
     * @param latent {@code (B, 1, 18, 32, 16)}
     * @param level {@code (B, 1)}
     * @param action {@code (B, 1, 25)}
     * @return {@code (B, 1, 18, 32, 16)}
     */
    public NDArray forwardNext(NDArray latent, NDArray level, NDArray action, ContextKeys context) {
        if (latent.getShape().get(1) != 1) {
            throw new IllegalArgumentException("forwardNext takes one frame, got " + latent.getShape().get(1));
        }
        return run(latent, level, action, null, context);
    }

    private NDArray run(NDArray latents, NDArray levels, NDArray actions, ContextKeys record, ContextKeys use) {
        Shape s = latents.getShape();
        if (s.dimension() != 5 || s.get(2) != LatentContract.TOKEN_ROWS || s.get(3) != LatentContract.TOKEN_COLS
                || s.get(4) != LatentContract.CHANNELS || s.get(1) > config.maxFrames()) {
            throw new IllegalArgumentException("latents: expected (B, T<=" + config.maxFrames() + ", 18, 32, 16), got " + s);
        }
        long b = s.get(0);
        int t = (int) s.get(1);
        NDArray x = linear(patchify(latents, b, t), "x_embedder.proj");
        NDArray c = timestepEmbedding(levels).add(linear(actions, "external_cond"));
        NDArray siluC = silu(c);
        for (int i = 0; i < config.depth(); i++) {
            x = spatioTemporalHalf(x, siluC, "blocks." + i + ".s_", t, null, null);
            x = spatioTemporalHalf(x, siluC, "blocks." + i + ".t_", t, record,
                    use == null ? null : use.keysAndValues.get(i));
        }
        NDList mod = linear(siluC, "final_layer.adaLN_modulation.1").split(2, 2);
        x = modulate(layerNorm(x), mod.get(0), mod.get(1));
        return unpatchify(linear(x, "final_layer.linear"), b, t);
    }

    /**
     * One pre-norm half block with adaLN-zero. A temporal half ({@code prefix} ends in {@code t_})
     * records its keys and values into {@code record}, or attends over {@code cached} ones.
     */
    private NDArray spatioTemporalHalf(NDArray x, NDArray siluC, String prefix, int frames, ContextKeys record,
                                       NDArray[] cached) {
        boolean temporal = prefix.endsWith("t_");
        NDList m = linear(siluC, prefix + "adaLN_modulation.1").split(6, 2);
        NDArray h = modulate(layerNorm(x), m.get(0), m.get(1));
        NDArray attended = temporal ? temporalAttention(h, prefix, frames, record, cached) : spatialAttention(h, prefix);
        x = x.add(attended.mul(m.get(2).expandDims(2)));
        h = modulate(layerNorm(x), m.get(3), m.get(4));
        NDArray mlp = linear(gelu(linear(h, prefix + "mlp.fc1")), prefix + "mlp.fc2");
        return x.add(mlp.mul(m.get(5).expandDims(2)));
    }

    /** Attention among the tokens of each frame: (B, T, N, D) -> (B, T, N, D). */
    private NDArray spatialAttention(NDArray h, String prefix) {
        Shape s = h.getShape();
        long b = s.get(0);
        long t = s.get(1);
        long n = s.get(2);
        NDList qkv = h.matMul(parameters.get(prefix + "attn.to_qkv.weight")).split(3, 3);
        Shape heads = new Shape(b, t, n, config.heads(), config.headDim());
        NDArray q = rotate(qkv.get(0).reshape(heads).transpose(0, 1, 3, 2, 4), spatialCos, spatialSinSigned);
        NDArray k = rotate(qkv.get(1).reshape(heads).transpose(0, 1, 3, 2, 4), spatialCos, spatialSinSigned);
        NDArray v = qkv.get(2).reshape(heads).transpose(0, 1, 3, 2, 4);
        NDArray weights = q.matMul(k.transpose(0, 1, 2, 4, 3)).mul(1 / Math.sqrt(config.headDim())).softmax(-1);
        NDArray out = weights.matMul(v).transpose(0, 1, 3, 2, 4).reshape(b, t, n, config.hidden());
        return linear(out, prefix + "attn.to_out");
    }

    /**
     * Causal attention along time at each token position: (B, T, N, D) -> (B, T, N, D). With
     * {@code cached} keys and values of the frames before, {@code h} is the one frame after them.
     */
    private NDArray temporalAttention(NDArray h, String prefix, int frames, ContextKeys record, NDArray[] cached) {
        Shape s = h.getShape();
        long b = s.get(0);
        long n = s.get(2);
        NDList qkv = h.matMul(parameters.get(prefix + "attn.to_qkv.weight")).split(3, 3);
        Shape heads = new Shape(b, frames, n, config.heads(), config.headDim());
        int first = cached == null ? 0 : (int) cached[0].getShape().get(3);
        NDArray[] tables = temporalTables(first, frames);
        NDArray q = rotate(qkv.get(0).reshape(heads).transpose(0, 2, 3, 1, 4), tables[0], tables[1]);
        NDArray k = rotate(qkv.get(1).reshape(heads).transpose(0, 2, 3, 1, 4), tables[0], tables[1]);
        NDArray v = qkv.get(2).reshape(heads).transpose(0, 2, 3, 1, 4);
        if (record != null) {
            record.keysAndValues.add(new NDArray[] {k, v});
        }
        NDArray scores;
        if (cached == null) {
            scores = q.matMul(k.transpose(0, 1, 2, 4, 3)).mul(1 / Math.sqrt(config.headDim())).add(tables[2]);
        } else {
            k = cached[0].concat(k, 3);
            v = cached[1].concat(v, 3);
            scores = q.matMul(k.transpose(0, 1, 2, 4, 3)).mul(1 / Math.sqrt(config.headDim()));
        }
        NDArray out = scores.softmax(-1).matMul(v).transpose(0, 3, 1, 2, 4).reshape(b, frames, n, config.hidden());
        return linear(out, prefix + "attn.to_out");
    }

    /** Rotary cos and signed sin for positions {@code first..first+frames-1} and the causal mask, made once. */
    private NDArray[] temporalTables(int first, int frames) {
        return temporalTables.computeIfAbsent(first * 1000 + frames, key -> new NDArray[] {
            temporalCos.get(new NDIndex("{}:{}", first, first + frames)),
            temporalSinSigned.get(new NDIndex("{}:{}", first, first + frames)),
            causalMask.get(new NDIndex("0:{}, 0:{}", frames, frames))});
    }

    /** Rotary embedding on interleaved pairs: x cos + rotate_half(x) sin, rotate_half(a, b) = (-b, a). */
    private static NDArray rotate(NDArray x, NDArray cos, NDArray sinSigned) {
        Shape s = x.getShape();
        long last = s.get(s.dimension() - 1);
        NDArray swapped = x.reshape(s.slice(0, s.dimension() - 1).addAll(new Shape(last / 2, 2))).flip(s.dimension()).reshape(s);
        return x.mul(cos).add(swapped.mul(sinSigned));
    }

    /** (B, T, 18, 32, 16) -> (B, T, N, 16 p p), each token's values ordered (channel, py, px) like a convolution. */
    private NDArray patchify(NDArray latents, long b, int t) {
        int p = config.patchSize();
        return latents.reshape(b, t, config.gridRows(), p, config.gridCols(), p, LatentContract.CHANNELS)
                .transpose(0, 1, 2, 4, 6, 3, 5)
                .reshape(b, t, config.tokensPerFrame(), config.patchValues());
    }

    /** (B, T, N, p p 16) with values ordered (py, px, channel), as Oasis's unpatchify reads them -> (B, T, 18, 32, 16). */
    private NDArray unpatchify(NDArray tokens, long b, int t) {
        int p = config.patchSize();
        return tokens.reshape(b, t, config.gridRows(), config.gridCols(), p, p, LatentContract.CHANNELS)
                .transpose(0, 1, 2, 4, 3, 5, 6)
                .reshape(b, t, LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, LatentContract.CHANNELS);
    }

    /** Sinusoidal features of the noise level (cos then sin, 256 wide) through the timestep MLP. */
    private NDArray timestepEmbedding(NDArray levels) {
        NDArray args = levels.expandDims(-1).mul(timeFrequencies);
        NDArray features = args.cos().concat(args.sin(), 2);
        return linear(silu(linear(features, "t_embedder.mlp.0")), "t_embedder.mlp.2");
    }

    private NDArray linear(NDArray x, String prefix) {
        return x.matMul(parameters.get(prefix + ".weight")).add(parameters.get(prefix + ".bias"));
    }

    private NDArray layerNorm(NDArray x) {
        return LayerNorm.layerNorm(x, new Shape(config.hidden()), normOnes, normZeros, NORM_EPS).singletonOrThrow();
    }

    /** x (B, T, N, D) * (1 + scale) + shift with shift, scale (B, T, D). */
    private static NDArray modulate(NDArray x, NDArray shift, NDArray scale) {
        return x.mul(scale.add(1).expandDims(2)).add(shift.expandDims(2));
    }

    private static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** GELU, tanh approximation (as timm's Mlp in Oasis uses it). */
    private static NDArray gelu(NDArray x) {
        NDArray inner = x.add(x.pow(3).mul(0.044715f)).mul(GELU_C);
        return x.mul(inner.tanh().add(1)).mul(0.5f);
    }

    /**
     * A tensor holding a copy of {@code data} in memory PyTorch owns. DJL's {@code create} wraps
     * a Java direct buffer without copying; tensors that live long, take gradients or are
     * updated in place must not depend on that buffer's lifetime.
     */
    static NDArray owned(NDManager manager, float[] data, Shape shape) {
        try (NDArray wrapped = manager.create(data, shape)) {
            return wrapped.duplicate();
        }
    }

    private static long[] toLong(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
