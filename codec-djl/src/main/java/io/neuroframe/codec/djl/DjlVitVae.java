package io.neuroframe.codec.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.AxialRope;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.weights.Tensor;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ViT-VAE written with DJL NDArray operations on PyTorch, so the same code runs inference and
 * trains with autograd.
 *
 * <p>Architecture (as Oasis's {@code vit-l-20}): patch embedding, pre-norm transformer blocks
 * ({@code x += attn(norm1(x)); x += mlp(norm2(x))}, LayerNorm eps 1e-6, qkv with bias, attention
 * over the window's tokens with the axial rotary embedding of {@link AxialRope} on queries and
 * keys, MLP fc1 -> GELU (erf) -> fc2), {@code enc_norm}, {@code quant_conv} giving mean (first
 * half) and log-variance (second half, clamped to [-30, 20]); decoder {@code post_quant_conv},
 * blocks, {@code dec_norm}, {@code predictor} and unpatchify with each token's values ordered
 * (channel, py, px).
 *
 * <p>Parameters are named and shaped as in {@link VitVaeLayout}. Images here are in model space
 * [-1, 1] and latents unscaled; {@link DjlEncoder} and {@link DjlDecoder} apply the latent
 * contract's scaling. Every operation's result belongs to the manager of its input array, so
 * callers free a pass's intermediates by closing the manager they created the input in.
 */
public final class DjlVitVae implements DjlNet<VitVaeWeights> {
    private static final float LAYER_NORM_EPS = 1e-6f;
    private static final float LOGVAR_MIN = -30f;
    private static final float LOGVAR_MAX = 20f;
    private static final String PATCH_EMBED = "patch_embed.proj.weight";

    private final VitVaeConfig config;
    private final VitVaeLayout.Part part;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private final AxialRope encoderRope;
    private final AxialRope decoderRope;
    private final Map<Integer, NDList> fullFrameRope = new LinkedHashMap<>();

    private DjlVitVae(VitVaeWeights weights, NDManager parent) {
        this.config = weights.config();
        this.part = weights.part();
        this.manager = parent.newSubManager();
        this.encoderRope = AxialRope.forHeadDim(config.encHeadDim());
        this.decoderRope = AxialRope.forHeadDim(config.decHeadDim());
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (Tensor tensor : weights.tensors().values()) {
            params.put(tensor.name(), manager.create(tensor.data(), internalShape(tensor.name(), tensor.shape())));
        }
        this.parameters = Collections.unmodifiableMap(params);
    }

    /**
     * Builds a model holding the part of the preset that {@code weights} cover (a decoder-only
     * checkpoint gives a model that can only decode).
     *
     * @param parent the manager whose sub-manager will own the parameters
     */
    public static DjlVitVae of(VitVaeWeights weights, NDManager parent) {
        return new DjlVitVae(weights, parent);
    }

    /** The patch embedding is a stride-P convolution; it is kept as the equivalent [D, 3*P*P] matrix. */
    private static Shape internalShape(String name, int[] shape) {
        if (name.equals(PATCH_EMBED)) {
            return new Shape(shape[0], (long) shape[1] * shape[2] * shape[3]);
        }
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        return new Shape(dims);
    }

    public VitVaeConfig config() {
        return config;
    }

    @Override
    public String name() {
        return config.name();
    }

    /** The part of the model this instance holds. */
    public VitVaeLayout.Part part() {
        return part;
    }

    /** The parameters in layout order, by layout name (the patch embedding flattened to [D, 3*P*P]). */
    @Override
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /** Copies the parameters out as weights named and shaped as in {@link VitVaeLayout}. */
    @Override
    public VitVaeWeights toWeights() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> entry : VitVaeLayout.of(config).tensors(part).entrySet()) {
            float[] data = DjlNet.values(parameters.get(entry.getKey()));
            out.put(entry.getKey(), new Tensor(entry.getKey(), entry.getValue().clone(), data));
        }
        return VitVaeWeights.of(config, part, out);
    }

    /**
     * Posterior moments of images.
     *
     * @param images {@code (B, 3, h, w)} in [-1, 1], each the pixels of its window
     * @param windows one window per image, all of the same size
     * @return mean and clamped log-variance, each {@code (B, tokens, latentDim)}
     */
    public NDList encodeMoments(NDArray images, List<TokenWindow> windows) {
        requirePart(VitVaeLayout.Part.ENCODER);
        TokenWindow size = checkWindows(windows, images.getShape().get(0));
        long batch = images.getShape().get(0);
        int p = config.patchSize();
        Shape expected = new Shape(batch, LatentContract.IMAGE_CHANNELS, size.pixelHeight(), size.pixelWidth());
        if (!images.getShape().equals(expected)) {
            throw new IllegalArgumentException("images: expected shape " + expected + ", got " + images.getShape());
        }
        NDArray patches = images.reshape(batch, LatentContract.IMAGE_CHANNELS, size.rows(), p, size.cols(), p)
                .transpose(0, 2, 4, 1, 3, 5)
                .reshape(batch, size.tokens(), config.patchValues());
        NDArray x = linear(patches, "patch_embed.proj");
        NDList rope = ropeTables(encoderRope, windows, images.getManager());
        for (int i = 0; i < config.encDepth(); i++) {
            x = block(x, "encoder." + i + ".", config.encHeads(), rope);
        }
        x = layerNorm(x, "enc_norm");
        NDArray moments = linear(x, "quant_conv");
        int l = config.latentDim();
        NDArray mean = moments.get(":, :, :" + l);
        NDArray logvar = moments.get(":, :, " + l + ":").clip(LOGVAR_MIN, LOGVAR_MAX);
        return new NDList(mean, logvar);
    }

    /**
     * Decodes unscaled latents.
     *
     * @param latents {@code (B, tokens, latentDim)}, tokens row-major within each window
     * @param windows one window per latent, all of the same size
     * @return images {@code (B, 3, h, w)} in model space (about [-1, 1], not clamped)
     */
    public NDArray decode(NDArray latents, List<TokenWindow> windows) {
        requirePart(VitVaeLayout.Part.DECODER);
        long batch = latents.getShape().get(0);
        TokenWindow size = checkWindows(windows, batch);
        Shape expected = new Shape(batch, size.tokens(), config.latentDim());
        if (!latents.getShape().equals(expected)) {
            throw new IllegalArgumentException("latents: expected shape " + expected + ", got " + latents.getShape());
        }
        NDArray x = linear(latents, "post_quant_conv");
        NDList rope = ropeTables(decoderRope, windows, latents.getManager());
        for (int i = 0; i < config.decDepth(); i++) {
            x = block(x, "decoder." + i + ".", config.decHeads(), rope);
        }
        x = layerNorm(x, "dec_norm");
        int p = config.patchSize();
        return linear(x, "predictor")
                .reshape(batch, size.rows(), size.cols(), LatentContract.IMAGE_CHANNELS, p, p)
                .transpose(0, 3, 1, 4, 2, 5)
                .reshape(batch, LatentContract.IMAGE_CHANNELS, size.pixelHeight(), size.pixelWidth());
    }

    private void requirePart(VitVaeLayout.Part needed) {
        if (part != needed && part != VitVaeLayout.Part.ALL) {
            throw new IllegalStateException(config.name() + ": this model holds the " + part
                    + " part only, " + needed + " was asked for");
        }
    }

    private static TokenWindow checkWindows(List<TokenWindow> windows, long batch) {
        if (windows.size() != batch) {
            throw new IllegalArgumentException("expected one token window per batch item (" + batch + "), got "
                    + windows.size());
        }
        TokenWindow first = windows.get(0);
        for (TokenWindow w : windows) {
            if (w.rows() != first.rows() || w.cols() != first.cols()) {
                throw new IllegalArgumentException("token windows of one batch must have one size, got "
                        + first.rows() + "x" + first.cols() + " and " + w.rows() + "x" + w.cols());
            }
        }
        return first;
    }

    /** One pre-norm transformer block. */
    private NDArray block(NDArray x, String prefix, int heads, NDList rope) {
        NDArray attended = attention(layerNorm(x, prefix + "norm1"), prefix + "attn.", heads, rope);
        x = x.add(attended);
        NDArray hidden = Activation.gelu(linear(layerNorm(x, prefix + "norm2"), prefix + "mlp.fc1"));
        return x.add(linear(hidden, prefix + "mlp.fc2"));
    }

    private NDArray attention(NDArray x, String prefix, int heads, NDList rope) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long tokens = shape.get(1);
        long dim = shape.get(2);
        long headDim = dim / heads;
        NDArray qkv = linear(x, prefix + "qkv")
                .reshape(batch, tokens, 3, heads, headDim)
                .transpose(2, 0, 3, 1, 4);
        NDArray q = rotate(qkv.get(0), rope);
        NDArray k = rotate(qkv.get(1), rope);
        NDArray v = qkv.get(2);
        NDArray weights = q.matMul(k.transpose(0, 1, 3, 2)).mul((float) (1.0 / Math.sqrt(headDim))).softmax(-1);
        NDArray out = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, dim);
        return linear(out, prefix + "proj");
    }

    /** {@code x * cos + rotateHalf(x) * sin} on {@code (B, heads, tokens, headDim)}. */
    private static NDArray rotate(NDArray x, NDList rope) {
        Shape shape = x.getShape();
        long headDim = shape.get(3);
        NDList pairs = x.reshape(shape.get(0), shape.get(1), shape.get(2), headDim / 2, 2).split(2, 4);
        NDArray rotated = NDArrays.concat(new NDList(pairs.get(1).neg(), pairs.get(0)), 4).reshape(shape);
        return x.mul(rope.get(0)).add(rotated.mul(rope.get(1)));
    }

    /**
     * Cos and sin tables {@code (B or 1, 1, tokens, headDim)} for the windows' tokens at their
     * full-frame positions; dims past the rotary half have cos 1 and sin 0.
     */
    private NDList ropeTables(AxialRope rope, List<TokenWindow> windows, NDManager target) {
        boolean allFull = windows.stream().allMatch(TokenWindow.FULL::equals);
        if (allFull) {
            return fullFrameRope.computeIfAbsent(rope.headDim(),
                    h -> buildRope(rope, List.of(TokenWindow.FULL), manager));
        }
        return buildRope(rope, windows, target);
    }

    /** Builds the tables of {@link #ropeTables}; package-private for tests. */
    static NDList buildRope(AxialRope rope, List<TokenWindow> windows, NDManager target) {
        int headDim = rope.headDim();
        int rotary = rope.rotaryDims();
        int tokens = windows.get(0).tokens();
        float[] cos = new float[windows.size() * tokens * headDim];
        float[] sin = new float[cos.length];
        for (int b = 0; b < windows.size(); b++) {
            TokenWindow w = windows.get(b);
            for (int i = 0; i < tokens; i++) {
                int src = w.fullGridToken(i) * rotary;
                int dst = (b * tokens + i) * headDim;
                System.arraycopy(rope.cos(), src, cos, dst, rotary);
                System.arraycopy(rope.sin(), src, sin, dst, rotary);
                Arrays.fill(cos, dst + rotary, dst + headDim, 1f);
            }
        }
        Shape shape = new Shape(windows.size(), 1, tokens, headDim);
        return new NDList(target.create(cos, shape), target.create(sin, shape));
    }

    private NDArray linear(NDArray x, String layer) {
        return Linear.linear(x, parameters.get(layer + ".weight"), parameters.get(layer + ".bias")).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, String layer) {
        return LayerNorm.layerNorm(x, new Shape(x.getShape().get(2)), parameters.get(layer + ".weight"),
                parameters.get(layer + ".bias"), LAYER_NORM_EPS).singletonOrThrow();
    }

    @Override
    public void close() {
        manager.close();
    }
}
