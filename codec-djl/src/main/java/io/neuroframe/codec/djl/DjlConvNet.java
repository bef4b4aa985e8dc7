package io.neuroframe.codec.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.weights.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The convolutional decoder of {@link ConvDecoderConfig} written with DJL NDArray operations on
 * PyTorch, so the same code runs inference and trains with autograd. Latents here are unscaled
 * {@code (B, 576, 16)}; images come out {@code (B, 3, 360, 640)} in model space (about [-1, 1],
 * not clamped). Every operation's result belongs to the manager of its input array.
 */
public final class DjlConvNet implements DjlNet<ConvDecoderWeights> {
    private static final Shape STRIDE = new Shape(1, 1);
    private static final Shape DILATION = new Shape(1, 1);

    private final ConvDecoderConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;

    private DjlConvNet(ConvDecoderWeights weights, NDManager parent) {
        this.config = weights.config();
        this.manager = parent.newSubManager();
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (Tensor t : weights.tensors().values()) {
            long[] dims = new long[t.shape().length];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = t.shape()[i];
            }
            params.put(t.name(), manager.create(t.data(), new Shape(dims)));
        }
        this.parameters = Collections.unmodifiableMap(params);
    }

    /** A network holding {@code weights}, its parameters owned by a sub-manager of {@code parent}. */
    public static DjlConvNet of(ConvDecoderWeights weights, NDManager parent) {
        return new DjlConvNet(weights, parent);
    }

    public ConvDecoderConfig config() {
        return config;
    }

    @Override
    public String name() {
        return config.name();
    }

    /** The parameters in forward order, by tensor name. */
    @Override
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    @Override
    public ConvDecoderWeights toWeights() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> entry : config.tensors().entrySet()) {
            float[] data = DjlNet.values(parameters.get(entry.getKey()));
            out.put(entry.getKey(), new Tensor(entry.getKey(), entry.getValue().clone(), data));
        }
        return ConvDecoderWeights.of(config, out);
    }

    /**
     * Decodes unscaled latents.
     *
     * @param latents {@code (B, 576, 16)}, tokens row-major, channel fastest
     * @return images {@code (B, 3, 360, 640)} in model space
     */
    public NDArray decode(NDArray latents) {
        long batch = latents.getShape().get(0);
        Shape expected = new Shape(batch, LatentContract.TOKENS, LatentContract.CHANNELS);
        if (!latents.getShape().equals(expected)) {
            throw new IllegalArgumentException("latents: expected shape " + expected + ", got " + latents.getShape());
        }
        NDArray x = latents.reshape(batch, LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, LatentContract.CHANNELS)
                .transpose(0, 3, 1, 2);
        x = silu(conv(x, "stem", 1));
        for (int i = 0; i < config.stemBlocks(); i++) {
            x = x.add(silu(conv(x, "stem.blocks." + i, 1)));
        }
        for (int s = 0; s < config.stages().size(); s++) {
            ConvDecoderConfig.Stage stage = config.stages().get(s);
            x = pixelShuffle(conv(x, "up." + s + ".proj", 0), stage.factor());
            for (int i = 0; i < stage.blocks(); i++) {
                x = x.add(silu(conv(x, "up." + s + ".blocks." + i, 1)));
            }
        }
        return pixelShuffle(conv(x, "out", 0), config.outputFactor());
    }

    private NDArray conv(NDArray x, String layer, int padding) {
        return Conv2d.conv2d(x, parameters.get(layer + ".weight"), parameters.get(layer + ".bias"), STRIDE,
                new Shape(padding, padding), DILATION, 1).singletonOrThrow();
    }

    private static NDArray silu(NDArray x) {
        return Activation.swish(x, 1f);
    }

    /** DepthToSpace in CRD order: {@code (B, C*f*f, H, W) -> (B, C, H*f, W*f)}. */
    static NDArray pixelShuffle(NDArray x, int f) {
        if (f == 1) {
            return x;
        }
        Shape s = x.getShape();
        long c = s.get(1) / ((long) f * f);
        return x.reshape(s.get(0), c, f, f, s.get(2), s.get(3))
                .transpose(0, 1, 4, 2, 5, 3)
                .reshape(s.get(0), c, s.get(2) * f, s.get(3) * f);
    }

    @Override
    public void close() {
        manager.close();
    }
}
