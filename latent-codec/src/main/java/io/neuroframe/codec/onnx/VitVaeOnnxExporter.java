package io.neuroframe.codec.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.AxialRope;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.safetensors.HalfPrecision;
import io.neuroframe.codec.weights.Tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
 * LayerNorm eps 1e-6 (see {@link #layerNorm}) and GELU written with {@code Erf} (the pattern ONNX Runtime fuses). The
 * axial rotary embedding is applied to queries and keys as {@code x * cos + (x @ R) * sin}, where
 * {@code cos}/{@code sin} are the exact {@link AxialRope} tables widened to the head (cos 1 and
 * sin 0 on the dims that are not rotated) and {@code R} is the constant signed permutation of
 * the interleaved rotate-half ({@code (a, b) -> (-b, a)} per pair), so the rotation is exact.
 * Between the attention steps tokens are kept as rows of a {@code (batch * 576, width)} matrix,
 * so every linear layer is one {@code Gemm} with its bias and the PyTorch {@code [out, in]}
 * weight as stored ({@code transB = 1}). The batch dimension is symbolic. Opset
 * {@value OnnxGraphBuilder#OPSET}.
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
        String z = graph.op("Div", "z", latent, graph.scalar("scaling_factor", LatentContract.SCALING_FACTOR));
        String rows = graph.op("Reshape", "z_rows", z, graph.int64Initializer("z_rows_shape", -1, LatentContract.CHANNELS));
        String x = linear(rows, "post_quant_conv");
        AxialRopeConstants rope = ropeConstants("decoder", config.decHeadDim());
        for (int i = 0; i < config.decDepth(); i++) {
            x = block(x, "decoder." + i, config.decDim(), config.decHeads(), rope);
        }
        x = layerNorm(x, "dec_norm");
        String patches = linear(x, "predictor");
        int p = config.patchSize();
        String grid = graph.op("Reshape", "patch_grid", patches, graph.int64Initializer("patch_grid_shape",
                -1, LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, LatentContract.IMAGE_CHANNELS, p, p));
        String planar = graph.node("Transpose", "planar_patches", new String[] {grid}, "perm", new long[] {0, 3, 1, 4, 2, 5});
        String pixels = graph.op("Reshape", "pixels", planar, graph.int64Initializer("image_shape",
                -1, LatentContract.IMAGE_CHANNELS, LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH));
        String half = graph.scalar("half", 0.5f);
        String shifted = graph.op("Add", "pixels_plus_one", pixels, graph.scalar("one", 1f));
        String unit = graph.op("Mul", "unit_range", shifted, half);
        String image = graph.op("Clip", "clamped", unit, graph.scalar("zero", 0f), graph.scalar("clip_max", 1f));
        graph.output(image, OnnxContract.IMAGE, BATCH, LatentContract.IMAGE_CHANNELS,
                LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH);
        return graph.build(producer(), config.name() + " decoder: " + OnnxContract.DECODER_SUMMARY);
    }

    private ModelProto buildEncoder(boolean withLogvar) {
        int n = LatentContract.TOKENS;
        int d = config.encDim();
        String image = graph.input(OnnxContract.IMAGE, BATCH, LatentContract.IMAGE_CHANNELS,
                LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH);
        String doubled = graph.op("Mul", "image_times_two", image, graph.scalar("two", 2f));
        String signed = graph.op("Sub", "model_space", doubled, graph.scalar("one", 1f));
        int p = config.patchSize();
        String embedded = graph.node("Conv", "patch_embed", new String[] {signed,
                weightAsIs("patch_embed.proj.weight"), weightAsIs("patch_embed.proj.bias")},
                "kernel_shape", new long[] {p, p}, "strides", new long[] {p, p});
        String flat = graph.op("Reshape", "patch_embed_flat", embedded,
                graph.int64Initializer("patch_embed_flat_shape", 0, d, n));
        String tokens = graph.node("Transpose", "tokens", new String[] {flat}, "perm", new long[] {0, 2, 1});
        String x = graph.op("Reshape", "token_rows", tokens, graph.int64Initializer("token_rows_shape", -1, d));
        AxialRopeConstants rope = ropeConstants("encoder", config.encHeadDim());
        for (int i = 0; i < config.encDepth(); i++) {
            x = block(x, "encoder." + i, d, config.encHeads(), rope);
        }
        x = layerNorm(x, "enc_norm");
        String moments = graph.op("Reshape", "moments", linear(x, "quant_conv"),
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

    /** {@code x += proj(attention(norm1(x))); x += fc2(gelu(fc1(norm2(x))))}. */
    private String block(String x, String prefix, int dim, int heads, AxialRopeConstants rope) {
        String attended = attention(layerNorm(x, prefix + ".norm1"), prefix + ".attn", dim, heads, rope);
        String afterAttention = graph.op("Add", prefix + ".attn_residual", x, attended);
        String hidden = gelu(linear(layerNorm(afterAttention, prefix + ".norm2"), prefix + ".mlp.fc1"), prefix + ".mlp");
        String mlp = linear(hidden, prefix + ".mlp.fc2");
        return graph.op("Add", prefix + ".mlp_residual", afterAttention, mlp);
    }

    /** Multi-head self-attention over all tokens with the axial rotary embedding on queries and keys. */
    private String attention(String x, String prefix, int dim, int heads, AxialRopeConstants rope) {
        int n = LatentContract.TOKENS;
        int headDim = dim / heads;
        String qkv = linear(x, prefix + ".qkv");
        String parts = graph.op("Reshape", prefix + ".qkv_heads", qkv,
                graph.int64Initializer(prefix + ".qkv_heads_shape", -1, n, 3, heads, headDim));
        String[] qkvSplit = splitQkv(parts, prefix);
        String q = rotate(qkvSplit[0], prefix + ".q", rope);
        String k = rotate(qkvSplit[1], prefix + ".k", rope);
        String scaledQ = graph.op("Mul", prefix + ".q_scaled", q,
                graph.scalar(prefix + ".scale", (float) (1.0 / Math.sqrt(headDim))));
        String kT = graph.node("Transpose", prefix + ".k_t", new String[] {k}, "perm", new long[] {0, 1, 3, 2});
        String scores = graph.op("MatMul", prefix + ".scores", scaledQ, kT);
        String probs = graph.node("Softmax", prefix + ".probs", new String[] {scores}, "axis", -1L);
        String out = graph.op("MatMul", prefix + ".context", probs, qkvSplit[2]);
        String tokensFirst = graph.node("Transpose", prefix + ".context_tokens", new String[] {out},
                "perm", new long[] {0, 2, 1, 3});
        String merged = graph.op("Reshape", prefix + ".context_merged", tokensFirst,
                graph.int64Initializer(prefix + ".merged_shape", -1, dim));
        return linear(merged, prefix + ".proj");
    }

    /** (B, N, 3, H, hd) to q, k, v of (B, H, N, hd) each, as Oasis's {@code permute(2, 0, 3, 1, 4)}. */
    private String[] splitQkv(String parts, String prefix) {
        String perm = graph.node("Transpose", prefix + ".qkv_t", new String[] {parts}, "perm", new long[] {2, 0, 3, 1, 4});
        String[] names = {"q", "k", "v"};
        String[] out = new String[3];
        for (int i = 0; i < 3; i++) {
            String index = graph.int64Initializer(prefix + "." + names[i] + "_index", i);
            String slice = graph.node("Gather", prefix + "." + names[i] + "_gathered", new String[] {perm, index}, "axis", 0L);
            out[i] = graph.node("Squeeze", prefix + "." + names[i], new String[] {slice,
                    graph.int64Initializer(prefix + "." + names[i] + "_axis", 0)});
        }
        return out;
    }

    /** {@code x * cos + (x @ R) * sin} on (B, H, N, hd). */
    private String rotate(String x, String prefix, AxialRopeConstants rope) {
        String swapped = graph.op("MatMul", prefix + "_rotate_half", x, rope.rotateHalf());
        String cosPart = graph.op("Mul", prefix + "_cos", x, rope.cos());
        String sinPart = graph.op("Mul", prefix + "_sin", swapped, rope.sin());
        return graph.op("Add", prefix + "_rotated", cosPart, sinPart);
    }

    /** The rotary constants of one stack: tables (N, hd) and the signed pair swap (hd, hd). */
    private record AxialRopeConstants(String cos, String sin, String rotateHalf) {
    }

    private AxialRopeConstants ropeConstants(String stack, int headDim) {
        AxialRope rope = AxialRope.forHeadDim(headDim);
        int n = rope.tokens();
        int rotary = rope.rotaryDims();
        float[] cos = new float[n * headDim];
        float[] sin = new float[n * headDim];
        for (int t = 0; t < n; t++) {
            System.arraycopy(rope.cos(), t * rotary, cos, t * headDim, rotary);
            System.arraycopy(rope.sin(), t * rotary, sin, t * headDim, rotary);
            for (int j = rotary; j < headDim; j++) {
                cos[t * headDim + j] = 1f;
            }
        }
        // (x @ R)[2i] = -x[2i+1] and (x @ R)[2i+1] = x[2i] on the rotated dims; zero elsewhere.
        float[] rotateHalf = new float[headDim * headDim];
        for (int i = 0; i < rotary; i += 2) {
            rotateHalf[(i + 1) * headDim + i] = -1f;
            rotateHalf[i * headDim + i + 1] = 1f;
        }
        long[] table = {n, headDim};
        return new AxialRopeConstants(
                graph.floatInitializer(stack + ".rope_cos", table, cos),
                graph.floatInitializer(stack + ".rope_sin", table, sin),
                graph.floatInitializer(stack + ".rope_rotate_half", new long[] {headDim, headDim}, rotateHalf));
    }

    /** {@code x W^T + b} on token rows {@code (batch * tokens, in)}, with PyTorch's {@code [out, in]} weight. */
    private String linear(String x, String layer) {
        return graph.node("Gemm", layer, new String[] {x, weightAsIs(layer + ".weight"), weightAsIs(layer + ".bias")},
                "transB", 1L);
    }

    /**
     * LayerNorm over the last axis, {@code (x - mean) / sqrt(var + eps) * weight + bias}, written
     * with elementary operators: ONNX Runtime 1.29 runs this several times faster on the CPU than
     * its {@code LayerNormalization} kernel for these shapes.
     */
    private String layerNorm(String x, String layer) {
        long[] lastAxis = {-1};
        String mean = graph.node("ReduceMean", layer + ".mean", new String[] {x}, "axes", lastAxis);
        String centred = graph.op("Sub", layer + ".centred", x, mean);
        String squared = graph.op("Mul", layer + ".squared", centred, centred);
        String variance = graph.node("ReduceMean", layer + ".variance", new String[] {squared}, "axes", lastAxis);
        String std = graph.op("Sqrt", layer + ".std", graph.op("Add", layer + ".variance_eps", variance,
                graph.scalar(layer + ".eps", LAYER_NORM_EPS)));
        String normalized = graph.op("Div", layer + ".normalized", centred, std);
        String scaled = graph.op("Mul", layer + ".scaled", normalized, weightAsIs(layer + ".weight"));
        return graph.op("Add", layer, scaled, weightAsIs(layer + ".bias"));
    }

    /** {@code x * 0.5 * (1 + erf(x / sqrt(2)))}. */
    private String gelu(String x, String prefix) {
        String scaled = graph.op("Div", prefix + ".gelu_scaled", x, graph.scalar(prefix + ".sqrt2", (float) Math.sqrt(2.0)));
        String erf = graph.op("Erf", prefix + ".gelu_erf", scaled);
        String plusOne = graph.op("Add", prefix + ".gelu_plus_one", erf, graph.scalar(prefix + ".gelu_one", 1f));
        String times = graph.op("Mul", prefix + ".gelu_times_x", x, plusOne);
        return graph.op("Mul", prefix + ".gelu", times, graph.scalar(prefix + ".gelu_half", 0.5f));
    }

    /** The named tensor with its own shape (LayerNorm parameters, biases, the patch kernel). */
    private String weightAsIs(String name) {
        Tensor tensor = weights.tensor(name);
        long[] shape = new long[tensor.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = tensor.shape()[i];
        }
        return stored(name, shape, tensor.data());
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
