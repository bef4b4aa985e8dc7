package io.neuroframe.codec.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.AxialRope;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.safetensors.HalfPrecision;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Generates the ONNX graphs of a ViT-VAE from its Java definition and weights, following the
 * contract of {@code docs/onnx-contract.md} (see {@link OnnxContract}).
 *
 * <p>Decoder: {@code latent (batch, 576, 16)} scaled, divided by the scaling factor,
 * {@code post_quant_conv}, pre-norm transformer blocks, {@code dec_norm}, {@code predictor},
 * unpatchify, then {@code clamp((x + 1) / 2, 0, 1)} as {@code image (batch, 3, 360, 640)}.
 * Encoder: {@code image} in [0, 1], {@code x * 2 - 1}, patch embedding (a stride-20 convolution),
 * blocks, {@code enc_norm}, {@code quant_conv}, and {@code latent = mean * scaling factor};
 * optionally {@code logvar} clamped to [-30, 20].
 *
 * <p>Each block is {@code x += proj(attention(norm1(x))); x += fc2(gelu(fc1(norm2(x))))} with
 * LayerNorm eps 1e-6 and GELU written with {@code Erf} (the pattern ONNX Runtime fuses into one
 * {@code Gelu}). The graph computes the same function in fewer, cheaper operators, every rewrite
 * exact up to float rounding and folded into the constants at export:
 * <ul>
 *   <li>the residual stream is kept centred: every layer that adds into it (the patch embedding
 *       or {@code post_quant_conv}, {@code proj}, {@code fc2}) has its outputs' mean over the
 *       width taken out of its weight and bias ({@link LinearConstants#thenCentred}). LayerNorm
 *       ignores a token's mean and nothing else reads the stream, so the function is unchanged,
 *       and each LayerNorm is then {@code x / sqrt(mean(x^2) + eps)} ({@link #norm});</li>
 *   <li>each LayerNorm's weight and bias are folded into the linear layer that reads it
 *       ({@link #normedLinear}), as are the latent's division by the scaling factor, the
 *       encoder's {@code x * 2 - 1} and the decoder's {@code (x + 1) / 2};</li>
 *   <li>attention: the axial rotary embedding turns queries and keys together as
 *       {@code qk * cos + (qk @ R) * sin}, {@code R} the rotate-half permutation
 *       ({@code (a, b) -> (-b, a)} per rotated pair) and the exact {@link AxialRope} tables widened
 *       to the heads (cos 1 and sin 0 on the dims that are not rotated), and ONNX Runtime's
 *       {@code MultiHeadAttention} ({@code com.microsoft} domain) attends over token-major
 *       queries, keys and values, so no transpose is needed.</li>
 * </ul>
 * Tokens are rows of a {@code (batch * 576, width)} matrix, so every linear layer is one
 * {@code Gemm} with its bias and the PyTorch {@code [out, in]} weight ({@code transB = 1}). The
 * batch dimension is symbolic. Opset {@value OnnxGraphBuilder#OPSET}.
 */
public final class VitVaeOnnxExporter {

    /** How initializers are stored in the file. */
    public enum WeightStorage {
        /** 32-bit floats, as the weights are. */
        FLOAT32,
        /** 16-bit floats cast to 32-bit inside the graph: half the file, the same arithmetic on rounded weights. */
        FLOAT16
    }

    private static final float LAYER_NORM_EPS = 1e-6f;
    private static final float LOGVAR_MIN = -30f;
    private static final float LOGVAR_MAX = 20f;
    private static final String BATCH = OnnxContract.BATCH_DIM;

    private final VitVaeWeights weights;
    private final VitVaeConfig config;
    private final WeightStorage storage;
    private final OnnxGraphBuilder graph;

    private VitVaeOnnxExporter(VitVaeWeights weights, WeightStorage storage, String graphName) {
        this.weights = weights;
        this.config = weights.config();
        this.storage = storage;
        this.graph = new OnnxGraphBuilder(graphName);
    }

    /** The decoder graph of {@code weights} with float32 initializers. */
    public static ModelProto decoder(VitVaeWeights weights) {
        return decoder(weights, WeightStorage.FLOAT32);
    }

    /**
     * The decoder graph of {@code weights}.
     *
     * @throws IllegalStateException if the weights hold only the encoder
     */
    public static ModelProto decoder(VitVaeWeights weights, WeightStorage storage) {
        VitVaeWeights part = weights.decoderOnly();
        VitVaeOnnxExporter exporter = new VitVaeOnnxExporter(part, storage, part.config().name() + "-decoder");
        return exporter.buildDecoder();
    }

    /** The encoder graph of {@code weights} with float32 initializers and no {@code logvar} output. */
    public static ModelProto encoder(VitVaeWeights weights) {
        return encoder(weights, WeightStorage.FLOAT32, false);
    }

    /**
     * The encoder graph of {@code weights}.
     *
     * @param withLogvar also output the clamped log-variance as {@code logvar (batch, 576, 16)}
     * @throws IllegalStateException if the weights hold only the decoder
     */
    public static ModelProto encoder(VitVaeWeights weights, WeightStorage storage, boolean withLogvar) {
        VitVaeWeights part = weights.encoderOnly();
        VitVaeOnnxExporter exporter = new VitVaeOnnxExporter(part, storage, part.config().name() + "-encoder");
        return exporter.buildEncoder(withLogvar);
    }

    /** Writes {@code model} to {@code file} through a temporary file, so a reader never sees half a model. */
    public static void write(ModelProto model, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                model.writeTo(out);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private ModelProto buildDecoder() {
        int n = LatentContract.TOKENS;
        String latent = graph.input(OnnxContract.LATENT, BATCH, n, LatentContract.CHANNELS);
        String rows = graph.op("Reshape", "z_rows", latent,
                graph.int64Initializer("z_rows_shape", -1, LatentContract.CHANNELS));
        // post_quant_conv(latent / scaling factor), the division folded into the weight, outputs centred
        String x = gemm(rows, "post_quant_conv",
                linear("post_quant_conv").afterInputScale(1f / LatentContract.SCALING_FACTOR).thenCentred());
        AxialRopeConstants rope = ropeConstants("decoder", config.decDim(), config.decHeadDim());
        for (int i = 0; i < config.decDepth(); i++) {
            x = block(x, "decoder." + i, config.decDim(), config.decHeads(), rope);
        }
        // (predictor(dec_norm(x)) + 1) / 2, the norm's affine part and the map to [0, 1] folded into the predictor
        String patches = gemm(norm(x, "dec_norm"), "predictor",
                normedLinear("predictor", "dec_norm").thenAffine(0.5f, 0.5f));
        int p = config.patchSize();
        String grid = graph.op("Reshape", "patch_grid", patches, graph.int64Initializer("patch_grid_shape",
                -1, LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, LatentContract.IMAGE_CHANNELS, p, p));
        String planar = graph.node("Transpose", "planar_patches", new String[] {grid}, "perm", new long[] {0, 3, 1, 4, 2, 5});
        String pixels = graph.op("Reshape", "pixels", planar, graph.int64Initializer("image_shape",
                -1, LatentContract.IMAGE_CHANNELS, LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH));
        String image = graph.op("Clip", "clamped", pixels, graph.scalar("zero", 0f), graph.scalar("clip_max", 1f));
        graph.output(image, OnnxContract.IMAGE, BATCH, LatentContract.IMAGE_CHANNELS,
                LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH);
        return graph.build(producer(), config.name() + " decoder: " + OnnxContract.DECODER_SUMMARY);
    }

    private ModelProto buildEncoder(boolean withLogvar) {
        int n = LatentContract.TOKENS;
        int d = config.encDim();
        String image = graph.input(OnnxContract.IMAGE, BATCH, LatentContract.IMAGE_CHANNELS,
                LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH);
        int p = config.patchSize();
        // the patch embedding of image * 2 - 1 with centred outputs, both folded into its constants
        LinearConstants embed = linear("patch_embed.proj");
        float[] ones = new float[embed.inputs()];
        Arrays.fill(ones, 1f);
        float[] minusOnes = new float[embed.inputs()];
        Arrays.fill(minusOnes, -1f);
        embed = embed.afterAffineInput(2f, ones, minusOnes).thenCentred();
        String embedded = graph.node("Conv", "patch_embed", new String[] {image,
                stored("patch_embed.proj.weight", new long[] {d, LatentContract.IMAGE_CHANNELS, p, p}, embed.weight()),
                stored("patch_embed.proj.bias", new long[] {d}, embed.bias())},
                "kernel_shape", new long[] {p, p}, "strides", new long[] {p, p});
        String flat = graph.op("Reshape", "patch_embed_flat", embedded,
                graph.int64Initializer("patch_embed_flat_shape", 0, d, n));
        String tokens = graph.node("Transpose", "tokens", new String[] {flat}, "perm", new long[] {0, 2, 1});
        String x = graph.op("Reshape", "token_rows", tokens, graph.int64Initializer("token_rows_shape", -1, d));
        AxialRopeConstants rope = ropeConstants("encoder", d, config.encHeadDim());
        for (int i = 0; i < config.encDepth(); i++) {
            x = block(x, "encoder." + i, d, config.encHeads(), rope);
        }
        String moments = graph.op("Reshape", "moments", gemm(norm(x, "enc_norm"), "quant_conv",
                        normedLinear("quant_conv", "enc_norm")),
                graph.int64Initializer("moments_shape", -1, n, 2L * config.latentDim()));
        int l = config.latentDim();
        String mean = graph.node("Slice", "mean", new String[] {moments, graph.int64Initializer("mean_start", 0),
                graph.int64Initializer("mean_end", l), graph.int64Initializer("last_axis", 2)});
        String scaled = graph.op("Mul", "scaled_mean", mean, graph.scalar("scaling_factor", LatentContract.SCALING_FACTOR));
        graph.output(scaled, OnnxContract.LATENT, BATCH, n, l);
        if (withLogvar) {
            String raw = graph.node("Slice", "logvar_raw", new String[] {moments, graph.int64Initializer("logvar_start", l),
                    graph.int64Initializer("logvar_end", 2L * l), graph.int64Initializer("logvar_axis", 2)});
            String clamped = graph.op("Clip", "logvar_clamped", raw,
                    graph.scalar("logvar_min", LOGVAR_MIN), graph.scalar("logvar_max", LOGVAR_MAX));
            graph.output(clamped, OnnxContract.LOGVAR, BATCH, n, l);
        }
        return graph.build(producer(), config.name() + " encoder: " + OnnxContract.ENCODER_SUMMARY);
    }

    /**
     * {@code x += proj(attention(norm1(x))); x += fc2(gelu(fc1(norm2(x))))}, on the centred residual
     * stream: {@code proj} and {@code fc2} have centred outputs, so every sum stays centred.
     */
    private String block(String x, String prefix, int dim, int heads, AxialRopeConstants rope) {
        String attended = attention(norm(x, prefix + ".norm1"), prefix + ".attn", prefix + ".norm1", dim, heads, rope);
        String afterAttention = graph.op("Add", prefix + ".attn_residual", x, attended);
        String hidden = gelu(gemm(norm(afterAttention, prefix + ".norm2"), prefix + ".mlp.fc1",
                normedLinear(prefix + ".mlp.fc1", prefix + ".norm2")), prefix + ".mlp");
        String mlp = gemm(hidden, prefix + ".mlp.fc2", linear(prefix + ".mlp.fc2").thenCentred());
        return graph.op("Add", prefix + ".mlp_residual", afterAttention, mlp);
    }

    /**
     * Multi-head self-attention over all tokens with the axial rotary embedding on queries and keys.
     * One {@code Gemm} gives queries, keys and values per token; queries and keys, side by side and
     * viewed as {@code (batch, tokens, 2 * heads, headDim)}, are turned by the rotary embedding
     * {@code qk * cos + (qk @ R) * sin}, and ONNX Runtime's {@code MultiHeadAttention} takes
     * queries, keys and values token-major, {@code (batch, tokens, dim)}, so no transpose is
     * needed on either side of it.
     */
    private String attention(String x, String prefix, String normName, int dim, int heads, AxialRopeConstants rope) {
        int n = LatentContract.TOKENS;
        int headDim = dim / heads;
        String qkv = gemm(x, prefix + ".qkv", normedLinear(prefix + ".qkv", normName));
        String tokens = graph.op("Reshape", prefix + ".qkv_tokens", qkv,
                graph.int64Initializer(prefix + ".qkv_tokens_shape", -1, n, 3L * dim));
        String[] parts = split(tokens, prefix, new String[] {"qk", "v"}, 2L * dim, dim);
        String qkHeads = graph.op("Reshape", prefix + ".qk_heads", parts[0],
                graph.int64Initializer(prefix + ".qk_heads_shape", -1, n, 2L * heads, headDim));
        String turned = graph.op("MatMul", prefix + ".qk_rotate_half", qkHeads, rope.rotateHalf());
        String rotated = graph.op("Add", prefix + ".qk_rope", graph.op("Mul", prefix + ".qk_cos", qkHeads, rope.cos()),
                graph.op("Mul", prefix + ".qk_sin", turned, rope.sin()));
        String qkTokens = graph.op("Reshape", prefix + ".qk_tokens", rotated,
                graph.int64Initializer(prefix + ".qk_tokens_shape", -1, n, 2L * dim));
        String[] qk = split(qkTokens, prefix, new String[] {"q", "k"}, dim, dim);
        String context = graph.microsoftNode("MultiHeadAttention", prefix + ".context",
                new String[] {qk[0], qk[1], parts[1]}, "num_heads", (long) heads);
        String merged = graph.op("Reshape", prefix + ".context_merged", context,
                graph.int64Initializer(prefix + ".merged_shape", -1, dim));
        return gemm(merged, prefix + ".proj", linear(prefix + ".proj").thenCentred());
    }

    /** {@code Split} of {@code x} along its last axis into parts of {@code sizes}, named {@code prefix.name}. */
    private String[] split(String x, String prefix, String[] names, long... sizes) {
        String[] outputs = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            outputs[i] = prefix + "." + names[i];
        }
        String sizesName = graph.int64Initializer(prefix + "." + String.join("_", names) + "_sizes", sizes);
        return graph.multiOutputNode("Split", prefix + ".split", new String[] {x, sizesName}, outputs, "axis", -1L);
    }

    /**
     * The rotary constants of one stack: {@code cos} and {@code sin}, {@code (tokens, 2 * heads,
     * headDim)}, the {@link AxialRope} tables widened to the head (cos 1 and sin 0 on the dims that
     * are not rotated) and repeated for every head of the queries and of the keys, and
     * {@code rotateHalf}, {@code (headDim, headDim)}, the constant signed permutation
     * {@code (a, b) -> (-b, a)} of each rotated pair, so the rotation is exact.
     */
    private record AxialRopeConstants(String cos, String sin, String rotateHalf) {
    }

    private AxialRopeConstants ropeConstants(String stack, int dim, int headDim) {
        AxialRope rope = AxialRope.forHeadDim(headDim);
        int n = rope.tokens();
        int rotary = rope.rotaryDims();
        int width = 2 * dim;
        float[] cos = new float[n * width];
        float[] sin = new float[n * width];
        for (int t = 0; t < n; t++) {
            for (int head = 0; head < width / headDim; head++) {
                int at = t * width + head * headDim;
                System.arraycopy(rope.cos(), t * rotary, cos, at, rotary);
                System.arraycopy(rope.sin(), t * rotary, sin, at, rotary);
                for (int j = rotary; j < headDim; j++) {
                    cos[at + j] = 1f;
                }
            }
        }
        // (x @ R)[2i] = -x[2i+1] and (x @ R)[2i+1] = x[2i] on the rotated dims; zero elsewhere.
        float[] rotateHalf = new float[headDim * headDim];
        for (int i = 0; i < rotary; i += 2) {
            rotateHalf[(i + 1) * headDim + i] = -1f;
            rotateHalf[i * headDim + i + 1] = 1f;
        }
        long[] table = {n, width / headDim, headDim};
        return new AxialRopeConstants(graph.floatInitializer(stack + ".rope_cos", table, cos),
                graph.floatInitializer(stack + ".rope_sin", table, sin),
                graph.floatInitializer(stack + ".rope_rotate_half", new long[] {headDim, headDim}, rotateHalf));
    }

    /** The constants of linear layer {@code layer} ({@code layer.weight}, {@code layer.bias}). */
    private LinearConstants linear(String layer) {
        return LinearConstants.of(weights.tensor(layer + ".weight"), weights.tensor(layer + ".bias"));
    }

    /**
     * The constants of linear layer {@code layer} applied to LayerNorm {@code normName}'s output,
     * given {@link #norm}'s output: the norm's weight and bias and the factor {@code sqrt(width)}
     * folded in.
     */
    private LinearConstants normedLinear(String layer, String normName) {
        LinearConstants constants = linear(layer);
        return constants.afterAffineInput((float) Math.sqrt(constants.inputs()),
                weights.tensor(normName + ".weight").data(), weights.tensor(normName + ".bias").data());
    }

    /** {@code x W^T + b} on token rows {@code (batch * tokens, in)}, with PyTorch's {@code [out, in]} weight. */
    private String gemm(String x, String layer, LinearConstants constants) {
        return graph.node("Gemm", layer, new String[] {x,
                stored(layer + ".weight", new long[] {constants.outputs(), constants.inputs()}, constants.weight()),
                stored(layer + ".bias", new long[] {constants.outputs()}, constants.bias())}, "transB", 1L);
    }

    /**
     * LayerNorm {@code layer} of the centred residual stream without its affine part, which the
     * next linear layer takes ({@link #normedLinear}): on rows of mean zero, LayerNorm with eps is
     * {@code x / sqrt(mean(x^2) + eps)}; computed as {@code x / sqrt(sum(x^2) + width * eps)}, i.e.
     * {@code 1 / sqrt(width)} of it, in three operators ONNX Runtime runs fast (its
     * {@code LayerNormalization} kernel is several times slower on these shapes).
     */
    private String norm(String x, String layer) {
        int width = weights.tensor(layer + ".weight").data().length;
        String sumOfSquares = graph.node("ReduceSumSquare", layer + ".sum_of_squares", new String[] {x},
                "axes", new long[] {-1}, "keepdims", 1L);
        String root = graph.op("Sqrt", layer + ".root", graph.op("Add", layer + ".plus_eps", sumOfSquares,
                graph.scalar(layer + ".width_eps", width * LAYER_NORM_EPS)));
        return graph.op("Div", layer, x, root);
    }

    /** {@code x * 0.5 * (1 + erf(x / sqrt(2)))}. */
    private String gelu(String x, String prefix) {
        String scaled = graph.op("Div", prefix + ".gelu_scaled", x, graph.scalar(prefix + ".sqrt2", (float) Math.sqrt(2.0)));
        String erf = graph.op("Erf", prefix + ".gelu_erf", scaled);
        String plusOne = graph.op("Add", prefix + ".gelu_plus_one", erf, graph.scalar(prefix + ".gelu_one", 1f));
        String times = graph.op("Mul", prefix + ".gelu_times_x", x, plusOne);
        return graph.op("Mul", prefix + ".gelu", times, graph.scalar(prefix + ".gelu_half", 0.5f));
    }

    private String stored(String name, long[] shape, float[] data) {
        if (storage == WeightStorage.FLOAT32) {
            return graph.floatInitializer(name, shape, data);
        }
        short[] half = new short[data.length];
        for (int i = 0; i < data.length; i++) {
            half[i] = HalfPrecision.floatToHalf(data[i]);
        }
        String stored = graph.halfInitializer(name + "_f16", shape, half);
        return graph.node("Cast", name, new String[] {stored}, "to", (long) TensorProto.DataType.FLOAT.getNumber());
    }

    private static String producer() {
        return "neuroframe";
    }
}
