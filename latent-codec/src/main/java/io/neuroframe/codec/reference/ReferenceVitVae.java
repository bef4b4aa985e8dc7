package io.neuroframe.codec.reference;

import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.AxialRope;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeLayout.Part;
import io.neuroframe.codec.model.VitVaeWeights;

import java.util.ArrayList;
import java.util.List;

/**
 * The ViT-VAE forward pass in plain Java, written to be read: the definition the other backends
 * are checked against. It follows Oasis's {@code AutoencoderKL} step by step (see
 * {@code docs/codec.md}) and works in model space: images in [-1, 1], latents unscaled.
 * {@link ReferenceEncoder} and {@link ReferenceDecoder} add the contract's mapping to [0, 1] and
 * the latent scaling.
 *
 * <p>Weights are copied once at construction into the transposed layout the kernels read, so an
 * instance holds about as many floats as the weights it was given. Scratch buffers are allocated
 * once; an instance belongs to one thread at a time, and spreads each product over the common
 * fork-join pool.
 */
public final class ReferenceVitVae {

    private static final int TOKENS = LatentContract.TOKENS;

    private final VitVaeConfig config;
    private final Part part;
    private final Stack encoder;
    private final Stack decoder;
    private final float[] patchEmbedWT;
    private final float[] patchEmbedB;
    private final float[] quantConvWT;
    private final float[] quantConvB;
    private final float[] postQuantConvWT;
    private final float[] postQuantConvB;
    private final float[] predictorWT;
    private final float[] predictorB;
    private final float[] patches;
    private final float[] moments;
    private final float[] pixels;

    /** A model over the part(s) that {@code weights} cover. */
    public ReferenceVitVae(VitVaeWeights weights) {
        this.config = weights.config();
        this.part = weights.part();
        int patchValues = config.patchValues();
        int latentDim = config.latentDim();
        if (weights.covers(Part.ENCODER)) {
            int d = config.encDim();
            encoder = new Stack(weights, "encoder", config.encDepth(), d, config.encHeads(), config.mlpRatio(), "enc_norm");
            patchEmbedWT = Kernels.transpose(weights.data("patch_embed.proj.weight"), d, patchValues);
            patchEmbedB = weights.data("patch_embed.proj.bias").clone();
            quantConvWT = Kernels.transpose(weights.data("quant_conv.weight"), 2 * latentDim, d);
            quantConvB = weights.data("quant_conv.bias").clone();
            patches = new float[TOKENS * patchValues];
            moments = new float[TOKENS * 2 * latentDim];
        } else {
            encoder = null;
            patchEmbedWT = patchEmbedB = quantConvWT = quantConvB = patches = moments = null;
        }
        if (weights.covers(Part.DECODER)) {
            int d = config.decDim();
            decoder = new Stack(weights, "decoder", config.decDepth(), d, config.decHeads(), config.mlpRatio(), "dec_norm");
            postQuantConvWT = Kernels.transpose(weights.data("post_quant_conv.weight"), d, latentDim);
            postQuantConvB = weights.data("post_quant_conv.bias").clone();
            predictorWT = Kernels.transpose(weights.data("predictor.weight"), patchValues, d);
            predictorB = weights.data("predictor.bias").clone();
            pixels = new float[TOKENS * patchValues];
        } else {
            decoder = null;
            postQuantConvWT = postQuantConvB = predictorWT = predictorB = pixels = null;
        }
    }

    /** The preset of the weights. */
    public VitVaeConfig config() {
        return config;
    }

    /** The part(s) this model can run. */
    public Part part() {
        return part;
    }

    /**
     * Encodes one image into the posterior's moments.
     *
     * @param image planar {@code (3, 360, 640)} in [-1, 1]
     * @param mean receives {@code (576, 16)} means
     * @param logVar receives {@code (576, 16)} log-variances, clamped to [-30, 20]; may be null
     */
    public void encode(float[] image, float[] mean, float[] logVar) {
        requirePart(encoder, "encoder");
        requireLength("image", image, LatentContract.IMAGE_FLOATS);
        requireLength("mean", mean, LatentContract.LATENT_FLOATS);
        int latentDim = config.latentDim();
        patchify(image, patches);
        Kernels.linear(patches, TOKENS, config.patchValues(), patchEmbedWT, patchEmbedB, config.encDim(), encoder.x);
        float[] normed = encoder.run();
        Kernels.linear(normed, TOKENS, config.encDim(), quantConvWT, quantConvB, 2 * latentDim, moments);
        for (int t = 0; t < TOKENS; t++) {
            System.arraycopy(moments, t * 2 * latentDim, mean, t * latentDim, latentDim);
            if (logVar != null) {
                for (int c = 0; c < latentDim; c++) {
                    float v = moments[t * 2 * latentDim + latentDim + c];
                    logVar[t * latentDim + c] = Math.max(-30f, Math.min(20f, v));
                }
            }
        }
    }

    /**
     * Decodes one unscaled latent frame into an image, not clamped.
     *
     * @param latent {@code (576, 16)} unscaled latent
     * @param image receives planar {@code (3, 360, 640)}, nominally in [-1, 1]
     */
    public void decode(float[] latent, float[] image) {
        requirePart(decoder, "decoder");
        requireLength("latent", latent, LatentContract.LATENT_FLOATS);
        requireLength("image", image, LatentContract.IMAGE_FLOATS);
        Kernels.linear(latent, TOKENS, config.latentDim(), postQuantConvWT, postQuantConvB, config.decDim(), decoder.x);
        float[] normed = decoder.run();
        Kernels.linear(normed, TOKENS, config.decDim(), predictorWT, predictorB, config.patchValues(), pixels);
        unpatchify(pixels, image);
    }

    /**
     * Gathers each 20 x 20 patch into one row of {@code (576, 1200)}, ordered (colour, pixel
     * row, pixel column), the order of the flattened patch-embedding kernel; tokens row-major.
     */
    static void patchify(float[] image, float[] patches) {
        int p = LatentContract.PATCH_SIZE;
        int values = LatentContract.IMAGE_CHANNELS * p * p;
        for (int r = 0; r < LatentContract.TOKEN_ROWS; r++) {
            for (int c = 0; c < LatentContract.TOKEN_COLS; c++) {
                int token = (r * LatentContract.TOKEN_COLS + c) * values;
                for (int ch = 0; ch < LatentContract.IMAGE_CHANNELS; ch++) {
                    for (int py = 0; py < p; py++) {
                        System.arraycopy(image, LatentContract.imageIndex(ch, r * p + py, c * p),
                                patches, token + (ch * p + py) * p, p);
                    }
                }
            }
        }
    }

    /** The inverse of {@link #patchify}: token rows of (colour, pixel row, pixel column) back to a planar image. */
    static void unpatchify(float[] patches, float[] image) {
        int p = LatentContract.PATCH_SIZE;
        int values = LatentContract.IMAGE_CHANNELS * p * p;
        for (int r = 0; r < LatentContract.TOKEN_ROWS; r++) {
            for (int c = 0; c < LatentContract.TOKEN_COLS; c++) {
                int token = (r * LatentContract.TOKEN_COLS + c) * values;
                for (int ch = 0; ch < LatentContract.IMAGE_CHANNELS; ch++) {
                    for (int py = 0; py < p; py++) {
                        System.arraycopy(patches, token + (ch * p + py) * p,
                                image, LatentContract.imageIndex(ch, r * p + py, c * p), p);
                    }
                }
            }
        }
    }

    private void requirePart(Stack stack, String name) {
        if (stack == null) {
            throw new IllegalStateException(config.name() + " reference model was built from "
                    + part.name().toLowerCase() + " weights only and has no " + name);
        }
    }

    private static void requireLength(String what, float[] array, int length) {
        if (array.length != length) {
            throw new IllegalArgumentException(what + ": expected " + length + " floats, got " + array.length);
        }
    }

    /** One transformer stack (encoder or decoder) with its final norm and scratch buffers. */
    private static final class Stack {
        final int dim;
        final int heads;
        final int hidden;
        final AxialRope rope;
        final List<Block> blocks = new ArrayList<>();
        final float[] normW;
        final float[] normB;
        final float[] x;
        final float[] normed;
        final float[] qkv;
        final float[] keysT;
        final float[] attended;
        final float[] delta;
        final float[] mlp;

        Stack(VitVaeWeights weights, String name, int depth, int dim, int heads, int mlpRatio, String norm) {
            this.dim = dim;
            this.heads = heads;
            this.hidden = dim * mlpRatio;
            this.rope = AxialRope.forHeadDim(dim / heads);
            for (int i = 0; i < depth; i++) {
                blocks.add(new Block(weights, name, i, dim, hidden));
            }
            normW = weights.data(norm + ".weight").clone();
            normB = weights.data(norm + ".bias").clone();
            x = new float[TOKENS * dim];
            normed = new float[TOKENS * dim];
            qkv = new float[TOKENS * 3 * dim];
            keysT = new float[TOKENS * dim];
            attended = new float[TOKENS * dim];
            delta = new float[TOKENS * dim];
            mlp = new float[TOKENS * hidden];
        }

        /** Runs every block over {@link #x} and returns the final norm of the result. */
        float[] run() {
            for (Block block : blocks) {
                Kernels.layerNorm(x, TOKENS, dim, block.norm1W, block.norm1B, normed);
                Kernels.linear(normed, TOKENS, dim, block.qkvWT, block.qkvB, 3 * dim, qkv);
                Kernels.attention(qkv, TOKENS, dim, heads, rope, keysT, attended);
                Kernels.linear(attended, TOKENS, dim, block.projWT, block.projB, dim, delta);
                Kernels.addInPlace(x, delta, x.length);
                Kernels.layerNorm(x, TOKENS, dim, block.norm2W, block.norm2B, normed);
                Kernels.linear(normed, TOKENS, dim, block.fc1WT, block.fc1B, hidden, mlp);
                Kernels.gelu(mlp, TOKENS, hidden);
                Kernels.linear(mlp, TOKENS, hidden, block.fc2WT, block.fc2B, dim, delta);
                Kernels.addInPlace(x, delta, x.length);
            }
            Kernels.layerNorm(x, TOKENS, dim, normW, normB, normed);
            return normed;
        }
    }

    /** The weights of one pre-norm transformer block, linear weights transposed. */
    private static final class Block {
        final float[] norm1W;
        final float[] norm1B;
        final float[] qkvWT;
        final float[] qkvB;
        final float[] projWT;
        final float[] projB;
        final float[] norm2W;
        final float[] norm2B;
        final float[] fc1WT;
        final float[] fc1B;
        final float[] fc2WT;
        final float[] fc2B;

        Block(VitVaeWeights weights, String stack, int index, int dim, int hidden) {
            norm1W = weights.data(name(stack, index, "norm1.weight")).clone();
            norm1B = weights.data(name(stack, index, "norm1.bias")).clone();
            qkvWT = Kernels.transpose(weights.data(name(stack, index, "attn.qkv.weight")), 3 * dim, dim);
            qkvB = weights.data(name(stack, index, "attn.qkv.bias")).clone();
            projWT = Kernels.transpose(weights.data(name(stack, index, "attn.proj.weight")), dim, dim);
            projB = weights.data(name(stack, index, "attn.proj.bias")).clone();
            norm2W = weights.data(name(stack, index, "norm2.weight")).clone();
            norm2B = weights.data(name(stack, index, "norm2.bias")).clone();
            fc1WT = Kernels.transpose(weights.data(name(stack, index, "mlp.fc1.weight")), hidden, dim);
            fc1B = weights.data(name(stack, index, "mlp.fc1.bias")).clone();
            fc2WT = Kernels.transpose(weights.data(name(stack, index, "mlp.fc2.weight")), dim, hidden);
            fc2B = weights.data(name(stack, index, "mlp.fc2.bias")).clone();
        }

        private static String name(String stack, int index, String leaf) {
            return VitVaeLayout.blockTensor(stack, index, leaf);
        }
    }
}
