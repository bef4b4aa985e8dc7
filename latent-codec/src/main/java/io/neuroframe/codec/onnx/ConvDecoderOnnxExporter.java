package io.neuroframe.codec.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;

/**
 * Generates the ONNX decoder graph of a {@link ConvDecoderConfig} from its weights, following
 * {@link OnnxContract}: {@code latent (batch, 576, 16)} scaled, divided by the scaling factor,
 * reshaped to channel-first {@code (batch, 16, 18, 32)}, then the network's {@code Conv},
 * {@code Sigmoid}/{@code Mul} (SiLU), {@code Add} and {@code DepthToSpace} (CRD) nodes, and
 * {@code clamp((x + 1) / 2, 0, 1)} as {@code image (batch, 3, 360, 640)}. The division by the
 * scaling factor and the map {@code (x + 1) / 2} are folded into the first and the last
 * convolution's constants ({@link LinearConstants}), saving two passes over the tensors. The batch dimension is
 * symbolic; opset {@value OnnxGraphBuilder#OPSET}; float32 initializers.
 */
public final class ConvDecoderOnnxExporter {
    private static final String BATCH = OnnxContract.BATCH_DIM;

    private final ConvDecoderWeights weights;
    private final ConvDecoderConfig config;
    private final OnnxGraphBuilder graph;

    private ConvDecoderOnnxExporter(ConvDecoderWeights weights) {
        this.weights = weights;
        this.config = weights.config();
        this.graph = new OnnxGraphBuilder(config.name() + "-decoder");
    }

    /** The decoder graph of {@code weights}. */
    public static ModelProto decoder(ConvDecoderWeights weights) {
        return new ConvDecoderOnnxExporter(weights).build();
    }

    private ModelProto build() {
        String latent = graph.input(OnnxContract.LATENT, BATCH, LatentContract.TOKENS, LatentContract.CHANNELS);
        String grid = graph.op("Reshape", "z_grid", latent, graph.int64Initializer("z_grid_shape",
                -1, LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, LatentContract.CHANNELS));
        String x = graph.node("Transpose", "z_planar", new String[] {grid}, "perm", new long[] {0, 3, 1, 2});
        // the stem convolution of latent / scaling factor, the division folded into its weight
        x = silu(conv(x, "stem", 3, constants("stem").afterInputScale(1f / LatentContract.SCALING_FACTOR)), "stem");
        for (int i = 0; i < config.stemBlocks(); i++) {
            x = residual(x, "stem.blocks." + i);
        }
        for (int s = 0; s < config.stages().size(); s++) {
            ConvDecoderConfig.Stage stage = config.stages().get(s);
            x = depthToSpace(conv(x, "up." + s + ".proj", 1), "up." + s + ".shuffle", stage.factor());
            for (int i = 0; i < stage.blocks(); i++) {
                x = residual(x, "up." + s + ".blocks." + i);
            }
        }
        // (out(x) + 1) / 2, folded into the output convolution's weight and bias
        String pixels = depthToSpace(conv(x, "out", 1, constants("out").thenAffine(0.5f, 0.5f)), "out.shuffle",
                config.outputFactor());
        String image = graph.op("Clip", "clamped", pixels, graph.scalar("zero", 0f), graph.scalar("clip_max", 1f));
        graph.output(image, OnnxContract.IMAGE, BATCH, LatentContract.IMAGE_CHANNELS,
                LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH);
        return graph.build("neuroframe", config.name() + " convolutional decoder: " + OnnxContract.DECODER_SUMMARY);
    }

    /** {@code x + silu(conv3x3(x))}. */
    private String residual(String x, String layer) {
        return graph.op("Add", layer + ".residual", x, silu(conv(x, layer, 3), layer));
    }

    private String conv(String x, String layer, int kernel) {
        return conv(x, layer, kernel, constants(layer));
    }

    private String conv(String x, String layer, int kernel, LinearConstants constants) {
        int pad = kernel / 2;
        int[] shape = weights.tensors().get(layer + ".weight").shape();
        long[] weightShape = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            weightShape[i] = shape[i];
        }
        return graph.node("Conv", layer, new String[] {x,
                graph.floatInitializer(layer + ".weight", weightShape, constants.weight()),
                graph.floatInitializer(layer + ".bias", new long[] {constants.outputs()}, constants.bias())},
                "kernel_shape", new long[] {kernel, kernel}, "pads", new long[] {pad, pad, pad, pad});
    }

    private LinearConstants constants(String layer) {
        return LinearConstants.of(weights.tensors().get(layer + ".weight"), weights.tensors().get(layer + ".bias"));
    }

    private String silu(String x, String prefix) {
        return graph.op("Mul", prefix + ".silu", x, graph.op("Sigmoid", prefix + ".sigmoid", x));
    }

    private String depthToSpace(String x, String name, int factor) {
        if (factor == 1) {
            return x;
        }
        return graph.node("DepthToSpace", name, new String[] {x}, "blocksize", (long) factor, "mode", "CRD");
    }
}
