package io.neuroframe.world.model;

import io.neuroframe.api.LatentContract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tensors of a world-model preset, named and shaped exactly as in the open-oasis
 * {@code DiT} state dict ({@code dit.py}), so an Oasis checkpoint loads by name:
 *
 * <pre>
 * x_embedder.proj.weight              [D, 16, p, p]   patch embedding (a stride-p convolution)
 * x_embedder.proj.bias                [D]
 * t_embedder.mlp.0.weight|bias        [D, 256] | [D]  timestep MLP, SiLU between
 * t_embedder.mlp.2.weight|bias        [D, D] | [D]
 * external_cond.weight|bias           [D, 25] | [D]   action embedding, added to the timestep embedding
 * blocks.{i}.s_attn.to_qkv.weight     [3D, D]         spatial attention (no qkv bias)
 * blocks.{i}.s_attn.to_out.weight|bias [D, D] | [D]
 * blocks.{i}.s_mlp.fc1.weight|bias    [rD, D] | [rD]
 * blocks.{i}.s_mlp.fc2.weight|bias    [D, rD] | [D]
 * blocks.{i}.s_adaLN_modulation.1.weight|bias [6D, D] | [6D]
 * blocks.{i}.t_...                    the same names with t_ for the causal temporal half
 * final_layer.linear.weight|bias      [p*p*16, D] | [p*p*16]
 * final_layer.adaLN_modulation.1.weight|bias [2D, D] | [2D]
 * </pre>
 * LayerNorms carry no weights (elementwise_affine=False). The rotary frequency vectors
 * ({@code *rotary_emb.freqs}) are constants recomputed at load time and not listed here.
 */
public final class DitTensorLayout {

    /** One expected tensor. */
    public record Spec(String name, int[] shape) {
        /** Number of values in the tensor. */
        public long size() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        @Override
        public String toString() {
            return name + Arrays.toString(shape);
        }
    }

    private DitTensorLayout() {
    }

    /** Every learned tensor of {@code config}, in a fixed order. */
    public static List<Spec> specs(WorldModelConfig config) {
        int d = config.hidden();
        int mlp = d * config.mlpRatio();
        int p = config.patchSize();
        List<Spec> out = new ArrayList<>();
        out.add(new Spec("x_embedder.proj.weight", new int[] {d, LatentContract.CHANNELS, p, p}));
        out.add(new Spec("x_embedder.proj.bias", new int[] {d}));
        out.add(new Spec("t_embedder.mlp.0.weight", new int[] {d, WorldModelConfig.FREQUENCY_EMBEDDING_SIZE}));
        out.add(new Spec("t_embedder.mlp.0.bias", new int[] {d}));
        out.add(new Spec("t_embedder.mlp.2.weight", new int[] {d, d}));
        out.add(new Spec("t_embedder.mlp.2.bias", new int[] {d}));
        out.add(new Spec("external_cond.weight", new int[] {d, WorldModelConfig.ACTION_SIZE}));
        out.add(new Spec("external_cond.bias", new int[] {d}));
        for (int i = 0; i < config.depth(); i++) {
            for (String half : new String[] {"s", "t"}) {
                String b = "blocks." + i + "." + half + "_";
                out.add(new Spec(b + "attn.to_qkv.weight", new int[] {3 * d, d}));
                out.add(new Spec(b + "attn.to_out.weight", new int[] {d, d}));
                out.add(new Spec(b + "attn.to_out.bias", new int[] {d}));
                out.add(new Spec(b + "mlp.fc1.weight", new int[] {mlp, d}));
                out.add(new Spec(b + "mlp.fc1.bias", new int[] {mlp}));
                out.add(new Spec(b + "mlp.fc2.weight", new int[] {d, mlp}));
                out.add(new Spec(b + "mlp.fc2.bias", new int[] {d}));
                out.add(new Spec(b + "adaLN_modulation.1.weight", new int[] {6 * d, d}));
                out.add(new Spec(b + "adaLN_modulation.1.bias", new int[] {6 * d}));
            }
        }
        out.add(new Spec("final_layer.linear.weight", new int[] {config.patchValues(), d}));
        out.add(new Spec("final_layer.linear.bias", new int[] {config.patchValues()}));
        out.add(new Spec("final_layer.adaLN_modulation.1.weight", new int[] {2 * d, d}));
        out.add(new Spec("final_layer.adaLN_modulation.1.bias", new int[] {2 * d}));
        return out;
    }

    /** Whether {@code name} is a rotary-frequency constant that checkpoints may carry and loaders ignore. */
    public static boolean isRecomputedConstant(String name) {
        return name.endsWith("rotary_emb.freqs");
    }

    /** Learned parameters of {@code config}, summed over {@link #specs}. */
    public static long parameterCount(WorldModelConfig config) {
        return specs(config).stream().mapToLong(Spec::size).sum();
    }

    /**
     * Floating-point operations (2 per multiply-add) of one forward pass over {@code frames}
     * frames: patch embedding, conditioning, the linear layers of every block, both attentions
     * (full spatial attention within a frame, temporal attention counted as full T x T) and the
     * final layer. Norms, activations and softmax are left out (they are a few percent).
     */
    public static long flopsPerForward(WorldModelConfig config, int frames) {
        long d = config.hidden();
        long n = config.tokensPerFrame();
        long t = frames;
        long tokens = n * t;
        long macs = tokens * config.patchValues() * d;                                  // patch embedding
        macs += t * ((long) WorldModelConfig.FREQUENCY_EMBEDDING_SIZE * d + d * d       // timestep MLP
                + (long) WorldModelConfig.ACTION_SIZE * d);                             // action embedding
        long perHalfPerToken = 4 * d * d + 2L * config.mlpRatio() * d * d;              // qkv, out, fc1, fc2
        long adaLnPerHalfPerFrame = 6 * d * d;
        long spatialAttention = t * 2 * n * n * d;                                      // QK^T and AV per frame
        long temporalAttention = n * 2 * t * t * d;                                     // per token position
        macs += config.depth() * (2 * (tokens * perHalfPerToken + t * adaLnPerHalfPerFrame)
                + spatialAttention + temporalAttention);
        macs += t * 2 * d * d + tokens * d * config.patchValues();                      // final layer
        return 2 * macs;
    }

    /**
     * Whether {@code name} is a linear or patch weight: checkpoints store those {@code [out, in...]}
     * as PyTorch does, while our networks compute with {@code [in, out]}.
     */
    public static boolean isLinearWeight(String name) {
        return name.endsWith(".weight");
    }

    /** The {@code cols x rows} transpose of the row-major {@code rows x cols} matrix {@code values}. */
    public static float[] transpose(float[] values, int rows, int cols) {
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = values[r * cols + c];
            }
        }
        return out;
    }
}
