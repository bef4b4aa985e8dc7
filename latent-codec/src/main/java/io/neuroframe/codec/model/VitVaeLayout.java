package io.neuroframe.codec.model;

import io.neuroframe.api.LatentContract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every tensor of a ViT-VAE preset, by Oasis's own names, with its shape.
 *
 * <p>The names are those of Oasis's {@code vit-l-20.safetensors} for every preset, so one loader
 * reads them all. In forward order:
 * <pre>
 * encoder part                                   decoder part
 *   patch_embed.proj.weight [D, 3, P, P], .bias    post_quant_conv.weight [D, L], .bias [D]
 *   encoder.{i}.BLOCK                              decoder.{i}.BLOCK
 *   enc_norm.weight, .bias [D]                     dec_norm.weight, .bias [D]
 *   quant_conv.weight [2L, D], .bias [2L]          predictor.weight [3*P*P, D], .bias [3*P*P]
 *
 * BLOCK = norm1.weight|bias [D], attn.qkv.weight [3D, D], attn.qkv.bias [3D],
 *         attn.proj.weight [D, D], attn.proj.bias [D], norm2.weight|bias [D],
 *         mlp.fc1.weight [R*D, D], mlp.fc1.bias [R*D], mlp.fc2.weight [D, R*D], mlp.fc2.bias [D]
 * </pre>
 * Linear weights are stored {@code [out, in]} as in PyTorch. The bottleneck layers split the way
 * Oasis's published counts do: {@code quant_conv} belongs to the encoder and
 * {@code post_quant_conv} to the decoder, which gives 76,842,016 encoder and 152,404,144 decoder
 * parameters for {@code oasis-vit-l-20} (229,246,160 in all). The rotary tables are not tensors
 * of the checkpoint; see {@link AxialRope}.
 *
 * <p>FLOPs count each multiply-add as two operations over the matrix products of one image
 * (batch 1): patch embedding, q/k/v, attention scores {@code QK^T} and {@code AV}, output
 * projection, both MLP layers, the bottleneck layers and the predictor. Normalisation, softmax,
 * GELU and the rotary rotation are element-wise and left out (under 1% for every preset).
 */
public final class VitVaeLayout {

    /** Which part of the model a set of tensors covers. */
    public enum Part {
        /** Image to latent: patch embedding, encoder blocks, {@code enc_norm}, {@code quant_conv}. */
        ENCODER,
        /** Latent to image: {@code post_quant_conv}, decoder blocks, {@code dec_norm}, {@code predictor}. */
        DECODER,
        /** Both parts, encoder first. */
        ALL
    }

    /** Leaf names of one transformer block, in forward order. */
    private static final String[] BLOCK_LEAVES = {
        "norm1.weight", "norm1.bias", "attn.qkv.weight", "attn.qkv.bias", "attn.proj.weight", "attn.proj.bias",
        "norm2.weight", "norm2.bias", "mlp.fc1.weight", "mlp.fc1.bias", "mlp.fc2.weight", "mlp.fc2.bias"
    };

    private final VitVaeConfig config;
    private final Map<String, int[]> encoder;
    private final Map<String, int[]> decoder;
    private final Map<String, int[]> all;

    private VitVaeLayout(VitVaeConfig config) {
        this.config = config;
        int d = config.encDim();
        int l = config.latentDim();
        int p = config.patchSize();
        Map<String, int[]> enc = new LinkedHashMap<>();
        enc.put("patch_embed.proj.weight", new int[] {d, LatentContract.IMAGE_CHANNELS, p, p});
        enc.put("patch_embed.proj.bias", new int[] {d});
        for (int i = 0; i < config.encDepth(); i++) {
            putBlock(enc, "encoder." + i + ".", d, config.mlpRatio());
        }
        enc.put("enc_norm.weight", new int[] {d});
        enc.put("enc_norm.bias", new int[] {d});
        enc.put("quant_conv.weight", new int[] {2 * l, d});
        enc.put("quant_conv.bias", new int[] {2 * l});

        int e = config.decDim();
        Map<String, int[]> dec = new LinkedHashMap<>();
        dec.put("post_quant_conv.weight", new int[] {e, l});
        dec.put("post_quant_conv.bias", new int[] {e});
        for (int i = 0; i < config.decDepth(); i++) {
            putBlock(dec, "decoder." + i + ".", e, config.mlpRatio());
        }
        dec.put("dec_norm.weight", new int[] {e});
        dec.put("dec_norm.bias", new int[] {e});
        dec.put("predictor.weight", new int[] {config.patchValues(), e});
        dec.put("predictor.bias", new int[] {config.patchValues()});

        Map<String, int[]> both = new LinkedHashMap<>(enc);
        both.putAll(dec);
        this.encoder = Collections.unmodifiableMap(enc);
        this.decoder = Collections.unmodifiableMap(dec);
        this.all = Collections.unmodifiableMap(both);
    }

    /** The layout of {@code config}. */
    public static VitVaeLayout of(VitVaeConfig config) {
        return new VitVaeLayout(config);
    }

    /**
     * Name of a block tensor, e.g. {@code blockTensor("decoder", 3, "attn.qkv.weight")} is
     * {@code decoder.3.attn.qkv.weight}.
     */
    public static String blockTensor(String stack, int block, String leaf) {
        return stack + "." + block + "." + leaf;
    }

    private static void putBlock(Map<String, int[]> into, String prefix, int dim, int mlpRatio) {
        int hidden = dim * mlpRatio;
        int[][] shapes = {
            {dim}, {dim}, {3 * dim, dim}, {3 * dim}, {dim, dim}, {dim},
            {dim}, {dim}, {hidden, dim}, {hidden}, {dim, hidden}, {dim}
        };
        for (int k = 0; k < BLOCK_LEAVES.length; k++) {
            into.put(prefix + BLOCK_LEAVES[k], shapes[k]);
        }
    }

    /** The preset this layout describes. */
    public VitVaeConfig config() {
        return config;
    }

    /**
     * Tensor name to shape for {@code part}, in forward order; unmodifiable. Callers must not
     * change the returned shape arrays.
     */
    public Map<String, int[]> tensors(Part part) {
        return switch (part) {
            case ENCODER -> encoder;
            case DECODER -> decoder;
            case ALL -> all;
        };
    }

    /** The part a tensor name belongs to, or {@code null} if the layout has no such tensor. */
    public Part partOf(String name) {
        if (encoder.containsKey(name)) {
            return Part.ENCODER;
        }
        return decoder.containsKey(name) ? Part.DECODER : null;
    }

    /** Number of parameters in {@code part}. */
    public long parameterCount(Part part) {
        long total = 0;
        for (int[] shape : tensors(part).values()) {
            long size = 1;
            for (int dim : shape) {
                size *= dim;
            }
            total += size;
        }
        return total;
    }

    /** FLOPs of one encode of one image (see the class comment for what is counted). */
    public long encodeFlops() {
        long n = LatentContract.TOKENS;
        long d = config.encDim();
        long patchEmbed = 2 * n * config.patchValues() * d;
        long quantConv = 2 * n * d * 2L * config.latentDim();
        return patchEmbed + config.encDepth() * blockFlops(d) + quantConv;
    }

    /** FLOPs of one decode of one latent frame (see the class comment for what is counted). */
    public long decodeFlops() {
        long n = LatentContract.TOKENS;
        long d = config.decDim();
        long postQuantConv = 2 * n * config.latentDim() * d;
        long predictor = 2 * n * d * config.patchValues();
        return postQuantConv + config.decDepth() * blockFlops(d) + predictor;
    }

    private long blockFlops(long d) {
        long n = LatentContract.TOKENS;
        long hidden = d * config.mlpRatio();
        long qkv = 2 * n * d * 3 * d;
        long attention = 2 * (2 * n * n * d);
        long proj = 2 * n * d * d;
        long mlp = 2 * (2 * n * d * hidden);
        return qkv + attention + proj + mlp;
    }

    /** One line per part with parameters and FLOPs, e.g. for a command's {@code --help} or a log. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%s: %,d parameters (encoder %,d, decoder %,d); encode %.3f GFLOPs, decode %.3f GFLOPs",
                config.name(), parameterCount(Part.ALL), parameterCount(Part.ENCODER),
                parameterCount(Part.DECODER), encodeFlops() / 1e9, decodeFlops() / 1e9);
    }
}
