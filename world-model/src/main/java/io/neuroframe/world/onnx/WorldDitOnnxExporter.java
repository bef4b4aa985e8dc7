package io.neuroframe.world.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.onnx.OnnxGraphBuilder;
import io.neuroframe.codec.weights.Tensor;
import io.neuroframe.world.model.DitTensorLayout;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.model.WorldRotary;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The ONNX graph of one deterministic step of a {@code DIRECT} world model, generated from its
 * weights in the checkpoint layout ({@link DitTensorLayout}); the same arithmetic as the DJL
 * network's forward pass at noise level 0, without needing DJL.
 *
 * <p>Inputs: {@value #LATENTS} {@code (1, frames, 18, 32, 16)}, the scaled context latents oldest
 * first, and {@value #ACTIONS} {@code (1, frames, 25)}, for each frame the action that leads away
 * from it (the newest frame's is the player's action now); {@code frames} is symbolic, from 1 to
 * {@code maxFrames - 1}. Output: {@value #NEXT} {@code (1, 18, 32, 16)}, the newest latent plus
 * the predicted change, which is the next frame. A model with a view shift adds the change to the newest latent
 * moved by the camera of the newest action ({@link WorldModelConfig#viewShift()}): two interpolation matrices made in
 * the graph from the camera values, one {@code MatMul} along the columns and one along the rows.
 *
 * <p>Tokens are kept as {@code (frames, tokens, width)}; every linear layer is a {@code MatMul}
 * with the {@code [in, out]} weight plus its bias. Rotary embeddings are
 * {@code x * cos + swap(x) * signedSin}, with {@code swap} a constant pair-swap matrix, so they
 * match the tables of {@link WorldRotary} exactly; the temporal tables and the causal mask are sliced to
 * the window's length. The conditioning's timestep part (level 0) is a constant subgraph that
 * ONNX Runtime folds when it loads the model. Only the newest frame passes the final layer.
 *
 * <p>{@link #servedStep} is the same network in the form a model server batches: each request
 * row is a one-frame window. Inputs {@value #SERVED_LATENT} {@code (batch, 16, 18, 32)},
 * channel-first, and {@value #SERVED_ACTION} {@code (batch, 25)}; output {@value #SERVED_NEXT}
 * {@code (batch, 16, 18, 32)}. A Transpose turns the latent token-major and the rows become frames
 * of their own: spatial attention and the per-frame layers are the same, and temporal attention
 * over a one-frame window is its value projection (the softmax over one key is 1), so the rows do
 * not mix. A Transpose at the end turns the next latent channel-first again.
 */
public final class WorldDitOnnxExporter {
    /** Input: context latents {@code (1, frames, 18, 32, 16)}. */
    public static final String LATENTS = "latents";
    /** Input: actions {@code (1, frames, 25)}. */
    public static final String ACTIONS = "actions";
    /** Output: the next latent {@code (1, 18, 32, 16)}. */
    public static final String NEXT = "next_latent";
    /** Denoising step input: each frame's noise level {@code (1, frames)}, as floats. */
    public static final String LEVELS = "levels";
    /** Denoising step output: the v-prediction for the newest frame {@code (1, 18, 32, 16)}. */
    public static final String VELOCITY = "v";
    /** Name of the symbolic window dimension. */
    public static final String FRAMES_DIM = "frames";
    /** Served step input: context latents {@code (batch, 16, 18, 32)}, channel-first. */
    public static final String SERVED_LATENT = "latent";
    /** Served step input: actions {@code (batch, 25)}. */
    public static final String SERVED_ACTION = "action";
    /** Served step output: next latents {@code (batch, 16, 18, 32)}, channel-first. */
    public static final String SERVED_NEXT = "next_latent";
    /** Name of the served step's symbolic batch dimension. */
    public static final String BATCH_DIM = "batch";

    private static final float NORM_EPS = 1e-6f;
    private static final float GELU_C = (float) Math.sqrt(2 / Math.PI);

    private final WorldModelConfig config;
    private final Map<String, Tensor> tensors;
    private final OnnxGraphBuilder graph;
    /** One-frame windows, one per batch row (the served form), instead of one window of frames. */
    private final boolean served;
    private String spatialCos;
    private String spatialSin;
    private String pairSwap;
    private String temporalCos;
    private String temporalSin;
    private String causalMask;
    private String framesEnd;

    private WorldDitOnnxExporter(WorldModelConfig config, Collection<Tensor> weights, boolean served) {
        this.config = config;
        this.tensors = new HashMap<>();
        weights.forEach(t -> tensors.put(t.name(), t));
        this.served = served;
        this.graph = new OnnxGraphBuilder(config.name() + (served ? "-served-step" : "-direct-step"));
    }

    /**
     * The step graph of preset {@code config} with {@code weights} (named and shaped as
     * {@link DitTensorLayout} lists; the values are copied into the graph).
     *
     * @throws IllegalArgumentException if the preset is not a {@code DIRECT} one (a diffusion model's pass is
     *     {@link #denoiseStep})
     */
    public static ModelProto directStep(WorldModelConfig config, Collection<Tensor> weights) {
        requireDirect(config);
        return new WorldDitOnnxExporter(config, weights, false).build();
    }

    /**
     * The served step graph of preset {@code config} with {@code weights}: one-frame windows, a
     * symbolic batch, channel-first latents (see the class comment).
     *
     * @throws IllegalArgumentException if the preset is not a {@code DIRECT} one
     */
    public static ModelProto servedStep(WorldModelConfig config, Collection<Tensor> weights) {
        requireDirect(config);
        return new WorldDitOnnxExporter(config, weights, true).buildServed();
    }

    /**
     * One denoising pass of a {@code DIFFUSION} model, the network a DDIM sampler runs at every step: inputs
     * {@value #LATENTS}, {@value #LEVELS} and {@value #ACTIONS} over a window of {@code frames} frames (1 to {@code
     * maxFrames}; the newest is the noisy frame being made, each frame labelled with its noise level and paired with the
     * action that led into it), output {@value #VELOCITY}, the v-prediction for the newest frame. The timestep
     * embedding is computed in the graph from the levels (sinusoidal features, then its MLP).
     *
     * @throws IllegalArgumentException if the preset is not a {@code DIFFUSION} one
     */
    public static ModelProto denoiseStep(WorldModelConfig config, Collection<Tensor> weights) {
        if (config.objective() != WorldModelConfig.Objective.DIFFUSION) {
            throw new IllegalArgumentException(config.name() + " is a " + config.objective()
                    + " model; only DIFFUSION models have a denoising step");
        }
        return new WorldDitOnnxExporter(config, weights, false).buildDenoise();
    }

    private static void requireDirect(WorldModelConfig config) {
        if (config.objective() != WorldModelConfig.Objective.DIRECT) {
            throw new IllegalArgumentException(config.name() + " is a " + config.objective()
                    + " model; only DIRECT models have a one-pass ONNX step (a diffusion model has denoiseStep)");
        }
    }

    private ModelProto build() {
        int rows = LatentContract.TOKEN_ROWS;
        int cols = LatentContract.TOKEN_COLS;
        int channels = LatentContract.CHANNELS;
        String latents = graph.input(LATENTS, 1, FRAMES_DIM, rows, cols, channels);
        String actions = graph.input(ACTIONS, 1, FRAMES_DIM, OasisAction.SIZE);
        constants(latents);
        spatialConstants();
        String actionRows = graph.op("Reshape", "action_rows", actions, ints("action_rows_shape", -1, OasisAction.SIZE));
        String change = newestOutput(latents, conditioning(timestepAtZero(), actionRows));
        String newestLatent = graph.node("Gather", "newest_latent", new String[] {latents, scalarIndex("newest_index", -1)},
                "axis", 1L);
        String newestAction = graph.node("Gather", "newest_action", new String[] {actionRows, ints("newest_action_index", -1)},
                "axis", 0L);
        String next = graph.op("Add", "next", movedByView(newestLatent, newestAction), change);
        graph.output(next, NEXT, 1, rows, cols, channels);
        return graph.build("neuroframe", config.describe() + ": one direct world-model step (latents, actions) -> "
                + "next latent");
    }

    private ModelProto buildDenoise() {
        int rows = LatentContract.TOKEN_ROWS;
        int cols = LatentContract.TOKEN_COLS;
        int channels = LatentContract.CHANNELS;
        String latents = graph.input(LATENTS, 1, FRAMES_DIM, rows, cols, channels);
        String levels = graph.input(LEVELS, 1, FRAMES_DIM);
        String actions = graph.input(ACTIONS, 1, FRAMES_DIM, OasisAction.SIZE);
        constants(latents);
        spatialConstants();
        String actionRows = graph.op("Reshape", "action_rows", actions, ints("action_rows_shape", -1, OasisAction.SIZE));
        String v = newestOutput(latents, conditioning(timestepEmbedding(levels), actionRows));
        graph.output(v, VELOCITY, 1, rows, cols, channels);
        return graph.build("neuroframe", config.describe() + ": one denoising pass (latents, levels, actions) -> v of the "
                + "newest frame");
    }

    /** Every block over the window, then the final layer on the newest frame only: (1, 18, 32, 16). */
    private String newestOutput(String latents, String siluC) {
        String x = blocks(latents, siluC);
        String last = ints("last_index", -1);
        String newestTokens = graph.node("Gather", "newest_tokens", new String[] {x, last}, "axis", 0L);
        String newestCondition = graph.node("Gather", "newest_condition", new String[] {siluC, last}, "axis", 0L);
        String mod = linear(newestCondition, "final_layer.adaLN_modulation.1");
        int d = config.hidden();
        String shift = slice(mod, 0, d, "final.shift");
        String scale = slice(mod, d, 2 * d, "final.scale");
        String out = linear(modulate(layerNorm(newestTokens, "final.norm"), shift, scale, "final"), "final_layer.linear");
        return unpatchify(out);
    }

    private ModelProto buildServed() {
        int rows = LatentContract.TOKEN_ROWS;
        int cols = LatentContract.TOKEN_COLS;
        int channels = LatentContract.CHANNELS;
        String channelFirst = graph.input(SERVED_LATENT, BATCH_DIM, channels, rows, cols);
        String actions = graph.input(SERVED_ACTION, BATCH_DIM, OasisAction.SIZE);
        String latents = graph.node("Transpose", "token_major", new String[] {channelFirst}, "perm", new long[] {0, 2, 3, 1});
        spatialConstants();
        String siluC = conditioning(timestepAtZero(), actions);
        String x = blocks(latents, siluC);
        int d = config.hidden();
        String mod = linear(siluC, "final_layer.adaLN_modulation.1");
        String shift = perFrame(slice(mod, 0, d, "final.shift"));
        String scale = perFrame(slice(mod, d, 2 * d, "final.scale"));
        String out = linear(modulate(layerNorm(x, "final.norm"), shift, scale, "final"), "final_layer.linear");
        int p = config.patchSize();
        String grid = graph.op("Reshape", "out_grid", out, ints("out_grid_shape",
                -1, config.gridRows(), config.gridCols(), p, p, channels));
        String ordered = graph.node("Transpose", "out_rows", new String[] {grid}, "perm", new long[] {0, 1, 3, 2, 4, 5});
        String change = graph.op("Reshape", "change", ordered, ints("change_shape", -1, rows, cols, channels));
        String next = graph.op("Add", "next", movedByView(latents, actions), change);
        String nextChannelFirst = graph.node("Transpose", "next_channel_first", new String[] {next}, "perm",
                new long[] {0, 3, 1, 2});
        graph.output(nextChannelFirst, SERVED_NEXT, BATCH_DIM, channels, rows, cols);
        return graph.build("neuroframe", config.describe() + ": one direct world-model step per batch row from a "
                + "one-frame context (latent, action) -> next latent, channel-first");
    }

    /**
     * {@code latents} {@code (N, 18, 32, 16)} moved by the camera of {@code actions} {@code (N, 25)} as {@link
     * WorldModelConfig#viewShift()} says, the same arithmetic as the trainer's; {@code latents} itself without a view
     * shift.
     */
    private String movedByView(String latents, String actions) {
        if (config.viewShift() == 0) {
            return latents;
        }
        int rows = LatentContract.TOKEN_ROWS;
        int cols = LatentContract.TOKEN_COLS;
        int channels = LatentContract.CHANNELS;
        String across = interpolation(actions, OasisAction.CAMERA_YAW, cols, "view_across");
        String acrossEveryRow = graph.op("Unsqueeze", "view_across_every_row", across, ints("view_row_axis", 1));
        String movedAcross = graph.op("MatMul", "view_moved_across", acrossEveryRow, latents);
        String rowsFirst = graph.op("Reshape", "view_rows_first", movedAcross, ints("view_rows_first_shape",
                -1, rows, (long) cols * channels));
        String moved = graph.op("MatMul", "view_moved", interpolation(actions, OasisAction.CAMERA_PITCH, rows, "view_down"),
                rowsFirst);
        return graph.op("Reshape", "view_moved_latent", moved, ints("view_moved_shape", -1, rows, cols, channels));
    }

    /**
     * Per action row, the {@code (n, n)} matrix whose row {@code i} samples cell {@code clamp(i + shift, 0, n - 1)} by
     * linear interpolation, {@code max(0, 1 - |source_i - j|)}, the shift being camera value {@code camera} times the
     * view shift: {@code (N, n, n)}.
     */
    private String interpolation(String actions, int camera, int n, String prefix) {
        String value = graph.node("Gather", prefix + "_camera", new String[] {actions, ints(prefix + "_camera_index", camera)},
                "axis", 1L);
        String shift = graph.op("Mul", prefix + "_shift", value, graph.scalar(prefix + "_cells_per_unit", config.viewShift()));
        float[] cells = new float[n];
        for (int i = 0; i < n; i++) {
            cells[i] = i;
        }
        String index = graph.floatInitializer(prefix + "_index", new long[] {n}, cells);
        String source = graph.op("Clip", prefix + "_source", graph.op("Add", prefix + "_unclamped", index, shift),
                graph.scalar(prefix + "_first", 0f), graph.scalar(prefix + "_last", n - 1));
        String sourceColumn = graph.op("Unsqueeze", prefix + "_source_column", source, ints(prefix + "_column_axis", -1));
        String distance = graph.op("Abs", prefix + "_distance", graph.op("Sub", prefix + "_offset", sourceColumn, index));
        return graph.op("Relu", prefix, graph.op("Sub", prefix + "_weight", graph.scalar(prefix + "_one", 1f), distance));
    }

    /** SiLU of the conditioning (the timestep embedding plus each frame's action), shape (T, D). */
    private String conditioning(String timestep, String actionRows) {
        String c = graph.op("Add", "conditioning", timestep, linear(actionRows, "external_cond"));
        return silu(c, "conditioning");
    }

    /** Patch embedding and every block: (.., 18, 32, 16) frames -> (T, N, D) tokens. */
    private String blocks(String latents, String siluC) {
        String x = linear(patchify(latents), "x_embedder.proj");
        for (int i = 0; i < config.depth(); i++) {
            x = half(x, siluC, "blocks." + i + ".s_", false);
            x = half(x, siluC, "blocks." + i + ".t_", true);
        }
        return x;
    }

    /** The spatial rotary tables and the pair swap. */
    private void spatialConstants() {
        int hd = config.headDim();
        float[][] spatial = WorldRotary.spatial(config);
        spatialCos = graph.floatInitializer("spatial_cos", new long[] {config.tokensPerFrame(), hd}, spatial[0]);
        spatialSin = graph.floatInitializer("spatial_sin_signed", new long[] {config.tokensPerFrame(), hd}, spatial[1]);
        float[] swap = new float[hd * hd];
        for (int i = 0; i < hd; i += 2) {
            swap[(i + 1) * hd + i] = 1f;
            swap[i * hd + i + 1] = 1f;
        }
        pairSwap = graph.floatInitializer("pair_swap", new long[] {hd, hd}, swap);
    }

    /** Temporal rotary tables and the causal mask, sliced to the window length. */
    private void constants(String latents) {
        int hd = config.headDim();
        float[][] temporal = WorldRotary.temporal(config);
        int window = config.maxFrames();
        String fullCos = graph.floatInitializer("temporal_cos_full", new long[] {window, hd}, temporal[0]);
        String fullSin = graph.floatInitializer("temporal_sin_signed_full", new long[] {window, hd}, temporal[1]);
        float[] mask = new float[window * window];
        for (int q = 0; q < window; q++) {
            for (int k = q + 1; k < window; k++) {
                mask[q * window + k] = -1e9f;
            }
        }
        String fullMask = graph.floatInitializer("causal_mask_full", new long[] {window, window}, mask);
        String shape = graph.op("Shape", "latents_shape", latents);
        framesEnd = graph.node("Slice", "frames", new String[] {shape, ints("frames_start", 1), ints("frames_stop", 2)});
        String zero = ints("zero", 0);
        temporalCos = graph.node("Slice", "temporal_cos", new String[] {fullCos, zero, framesEnd, zero});
        temporalSin = graph.node("Slice", "temporal_sin_signed", new String[] {fullSin, zero, framesEnd, zero});
        String maskRows = graph.node("Slice", "causal_mask_rows", new String[] {fullMask, zero, framesEnd, zero});
        causalMask = graph.node("Slice", "causal_mask", new String[] {maskRows, zero, framesEnd, ints("one", 1)});
    }

    /** (1, T, 18, 32, 16) -> (T, N, 16 p p), each token's values ordered (channel, py, px) like the convolution. */
    private String patchify(String latents) {
        int p = config.patchSize();
        String grid = graph.op("Reshape", "patch_grid", latents, ints("patch_grid_shape",
                -1, config.gridRows(), p, config.gridCols(), p, LatentContract.CHANNELS));
        String ordered = graph.node("Transpose", "patch_values", new String[] {grid}, "perm", new long[] {0, 1, 3, 5, 2, 4});
        return graph.op("Reshape", "patches", ordered, ints("patches_shape", -1, config.tokensPerFrame(),
                config.patchValues()));
    }

    /** (N, p p 16) of the newest frame, values ordered (py, px, channel) -> (1, 18, 32, 16). */
    private String unpatchify(String tokens) {
        int p = config.patchSize();
        String grid = graph.op("Reshape", "out_grid", tokens, ints("out_grid_shape",
                config.gridRows(), config.gridCols(), p, p, LatentContract.CHANNELS));
        String ordered = graph.node("Transpose", "out_rows", new String[] {grid}, "perm", new long[] {0, 2, 1, 3, 4});
        return graph.op("Reshape", "change", ordered, ints("change_shape",
                1, LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, LatentContract.CHANNELS));
    }

    /** The timestep MLP of level 0 (features: cos 0 = 1, then sin 0 = 0), shape (1, D). */
    private String timestepAtZero() {
        int half = WorldModelConfig.FREQUENCY_EMBEDDING_SIZE / 2;
        float[] features = new float[2 * half];
        Arrays.fill(features, 0, half, 1f);
        String f = graph.floatInitializer("level_zero_features", new long[] {1, 2L * half}, features);
        return linear(silu(linear(f, "t_embedder.mlp.0"), "t_embedder"), "t_embedder.mlp.2");
    }

    /**
     * The timestep MLP of each frame's level, shape (T, D): features {@code cos(level * f)} then {@code sin(level * f)}
     * for the frequencies {@link WorldModelConfig#timeFrequencies()}.
     */
    private String timestepEmbedding(String levels) {
        float[] frequencies = WorldModelConfig.timeFrequencies();
        String f = graph.floatInitializer("time_frequencies", new long[] {1, frequencies.length}, frequencies);
        String column = graph.op("Reshape", "level_column", levels, ints("level_column_shape", -1, 1));
        String args = graph.op("Mul", "level_args", column, f);
        String features = graph.node("Concat", "level_features", new String[] {graph.op("Cos", "level_cos", args),
                graph.op("Sin", "level_sin", args)}, "axis", 1L);
        return linear(silu(linear(features, "t_embedder.mlp.0"), "t_embedder"), "t_embedder.mlp.2");
    }

    /** One pre-norm half block with adaLN-zero, spatial or temporal. */
    private String half(String x, String siluC, String prefix, boolean temporal) {
        int d = config.hidden();
        String m = linear(siluC, prefix + "adaLN_modulation.1");
        String h = modulate(layerNorm(x, prefix + "norm1"), slice(m, 0, d, prefix + "shift_msa"),
                slice(m, d, 2 * d, prefix + "scale_msa"), prefix + "msa");
        String attended = temporal ? temporalAttention(h, prefix) : spatialAttention(h, prefix);
        x = graph.op("Add", prefix + "attn_residual", x,
                graph.op("Mul", prefix + "attn_gated", attended, perFrame(slice(m, 2 * d, 3 * d, prefix + "gate_msa"))));
        h = modulate(layerNorm(x, prefix + "norm2"), slice(m, 3 * d, 4 * d, prefix + "shift_mlp"),
                slice(m, 4 * d, 5 * d, prefix + "scale_mlp"), prefix + "mlp");
        String mlp = linear(gelu(linear(h, prefix + "mlp.fc1"), prefix + "mlp"), prefix + "mlp.fc2");
        return graph.op("Add", prefix + "mlp_residual", x,
                graph.op("Mul", prefix + "mlp_gated", mlp, perFrame(slice(m, 5 * d, 6 * d, prefix + "gate_mlp"))));
    }

    /** Attention among each frame's tokens: (T, N, D) -> (T, N, D). */
    private String spatialAttention(String h, String prefix) {
        // (T, N, 3, H, hd) -> (3, T, H, N, hd)
        String[] qkv = splitQkv(h, prefix, new long[] {2, 0, 3, 1, 4});
        String q = rotate(qkv[0], spatialCos, spatialSin, prefix + "q");
        String k = rotate(qkv[1], spatialCos, spatialSin, prefix + "k");
        String scores = scaledScores(q, k, prefix);
        String out = graph.op("MatMul", prefix + "context", graph.node("Softmax", prefix + "probs",
                new String[] {scores}, "axis", -1L), qkv[2]);
        String tokens = graph.node("Transpose", prefix + "context_tokens", new String[] {out}, "perm", new long[] {0, 2, 1, 3});
        return linear(mergeHeads(tokens, prefix), prefix + "attn.to_out");
    }

    /**
     * Causal attention along time at each token position: (T, N, D) -> (T, N, D). In the served
     * form every frame is a window of its own, where attention is the value projection.
     */
    private String temporalAttention(String h, String prefix) {
        if (served) {
            String[] qkv = splitQkv(h, prefix, new long[] {2, 0, 1, 3, 4});
            return linear(mergeHeads(qkv[2], prefix), prefix + "attn.to_out");
        }
        // (T, N, 3, H, hd) -> (3, N, H, T, hd)
        String[] qkv = splitQkv(h, prefix, new long[] {2, 1, 3, 0, 4});
        String q = rotate(qkv[0], temporalCos, temporalSin, prefix + "q");
        String k = rotate(qkv[1], temporalCos, temporalSin, prefix + "k");
        String scores = graph.op("Add", prefix + "masked_scores", scaledScores(q, k, prefix), causalMask);
        String out = graph.op("MatMul", prefix + "context", graph.node("Softmax", prefix + "probs",
                new String[] {scores}, "axis", -1L), qkv[2]);
        String tokens = graph.node("Transpose", prefix + "context_frames", new String[] {out}, "perm", new long[] {2, 0, 1, 3});
        return linear(mergeHeads(tokens, prefix), prefix + "attn.to_out");
    }

    private String[] splitQkv(String h, String prefix, long[] perm) {
        String qkv = graph.op("MatMul", prefix + "qkv", h, weight(prefix + "attn.to_qkv.weight"));
        String heads = graph.op("Reshape", prefix + "qkv_heads", qkv, ints(prefix + "qkv_heads_shape",
                -1, config.tokensPerFrame(), 3, config.heads(), config.headDim()));
        String permuted = graph.node("Transpose", prefix + "qkv_t", new String[] {heads}, "perm", perm);
        String[] names = {"q", "k", "v"};
        String[] out = new String[3];
        for (int i = 0; i < 3; i++) {
            out[i] = graph.node("Gather", prefix + names[i], new String[] {permuted, scalarIndex(prefix + names[i] + "_index", i)},
                    "axis", 0L);
        }
        return out;
    }

    private String scaledScores(String q, String k, String prefix) {
        String kT = graph.node("Transpose", prefix + "k_t", new String[] {k}, "perm", new long[] {0, 1, 3, 2});
        String scores = graph.op("MatMul", prefix + "scores", q, kT);
        return graph.op("Mul", prefix + "scaled_scores", scores,
                graph.scalar(prefix + "scale", (float) (1 / Math.sqrt(config.headDim()))));
    }

    /** (T, N, H, hd) -> (T, N, D). */
    private String mergeHeads(String tokens, String prefix) {
        return graph.op("Reshape", prefix + "context_merged", tokens,
                ints(prefix + "merged_shape", -1, config.tokensPerFrame(), config.hidden()));
    }

    /** {@code x * cos + swap(x) * signedSin} on (..., hd) with tables broadcast from the right. */
    private String rotate(String x, String cos, String sinSigned, String prefix) {
        String swapped = graph.op("MatMul", prefix + "_swapped", x, pairSwap);
        return graph.op("Add", prefix + "_rotated", graph.op("Mul", prefix + "_cos", x, cos),
                graph.op("Mul", prefix + "_sin", swapped, sinSigned));
    }

    /**
     * {@code x (T, N, D) * (1 + scale) + shift}, with shift and scale (T, D), or for the final
     * layer as given: (D) for the newest frame, (T, 1, D) in the served form.
     */
    private String modulate(String x, String shift, String scale, String prefix) {
        boolean oneFrame = prefix.equals("final");
        String s = oneFrame ? scale : perFrame(scale);
        String b = oneFrame ? shift : perFrame(shift);
        String scaled = graph.op("Mul", prefix + "_scaled", x, graph.op("Add", prefix + "_one_plus_scale", s,
                graph.scalar(prefix + "_one", 1f)));
        return graph.op("Add", prefix + "_modulated", scaled, b);
    }

    /** (T, D) -> (T, 1, D), to broadcast over the frame's tokens. */
    private String perFrame(String rowsPerFrame) {
        return graph.node("Unsqueeze", rowsPerFrame + "_per_frame", new String[] {rowsPerFrame, ints(rowsPerFrame + "_axis", 1)});
    }

    /** Columns {@code from..to} of the last axis. */
    private String slice(String x, int from, int to, String name) {
        return graph.node("Slice", name, new String[] {x, ints(name + "_start", from), ints(name + "_end", to),
                ints(name + "_axis", -1)});
    }

    /** LayerNorm over the last axis without affine parameters (Oasis's norms have none). */
    private String layerNorm(String x, String prefix) {
        long[] lastAxis = {-1};
        String mean = graph.node("ReduceMean", prefix + "_mean", new String[] {x}, "axes", lastAxis);
        String centred = graph.op("Sub", prefix + "_centred", x, mean);
        String variance = graph.node("ReduceMean", prefix + "_variance",
                new String[] {graph.op("Mul", prefix + "_squared", centred, centred)}, "axes", lastAxis);
        String std = graph.op("Sqrt", prefix + "_std", graph.op("Add", prefix + "_variance_eps", variance,
                graph.scalar(prefix + "_eps", NORM_EPS)));
        return graph.op("Div", prefix, centred, std);
    }

    private String silu(String x, String prefix) {
        return graph.op("Mul", prefix + "_silu", x, graph.op("Sigmoid", prefix + "_sigmoid", x));
    }

    /** GELU, tanh approximation, as {@link WorldDit} computes it. */
    private String gelu(String x, String prefix) {
        String cube = graph.op("Mul", prefix + "_cube", graph.op("Mul", prefix + "_square", x, x), x);
        String inner = graph.op("Add", prefix + "_inner", x, graph.op("Mul", prefix + "_cube_scaled", cube,
                graph.scalar(prefix + "_gelu_k", 0.044715f)));
        String tanh = graph.op("Tanh", prefix + "_tanh", graph.op("Mul", prefix + "_inner_scaled", inner,
                graph.scalar(prefix + "_gelu_c", GELU_C)));
        String plusOne = graph.op("Add", prefix + "_tanh_plus_one", tanh, graph.scalar(prefix + "_gelu_one", 1f));
        return graph.op("Mul", prefix + "_gelu", graph.op("Mul", prefix + "_gelu_x", x, plusOne),
                graph.scalar(prefix + "_gelu_half", 0.5f));
    }

    /** {@code x @ W + b} with the weight turned {@code [in, out]}. */
    private String linear(String x, String layer) {
        return graph.op("Add", layer, graph.op("MatMul", layer + "_matmul", x, weight(layer + ".weight")),
                weight(layer + ".bias"));
    }

    private String weight(String name) {
        Tensor stored = tensors.get(name);
        if (stored == null) {
            throw new IllegalArgumentException(config.name() + ": no tensor " + name + " in the weights");
        }
        if (!DitTensorLayout.isLinearWeight(name)) {
            return graph.floatInitializer(name, toLongs(stored.shape()), stored.data());
        }
        int out = stored.shape()[0];
        int in = stored.data().length / out;
        return graph.floatInitializer(name, new long[] {in, out}, DitTensorLayout.transpose(stored.data(), out, in));
    }

    private static long[] toLongs(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }

    private String ints(String name, long... values) {
        return graph.int64Initializer(name, values);
    }

    /** A 0-d int64 index (so Gather drops the axis). */
    private String scalarIndex(String name, long value) {
        return graph.node("Squeeze", name, new String[] {ints(name + "_vector", value), ints(name + "_axis", 0)});
    }
}
