package io.neuroframe.adapter.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.djl.DjlVitVae;
import io.neuroframe.codec.djl.TokenWindow;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.weights.Tensor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The ViT-VAE an adapter is trained against, held frozen: its parameters never track gradients, so a
 * loss backpropagates through the decoder's operations to the adapter without touching the decoder.
 * Speaks the latent contract's scaled latents ({@link LatentContract#SCALING_FACTOR}).
 */
public final class FrozenCodec implements AutoCloseable {

    private final VitVaeWeights weights;
    private final NDManager manager;
    private final DjlVitVae model;
    private final String fingerprint;
    /** The frame path's decoder: whole frames are measured as the game shows them, without gradients. */
    private final OrtDecoder frameDecoder;

    /**
     * @param weights encoder and decoder weights ({@link VitVaeLayout.Part#ALL})
     * @param engine the DJL PyTorch engine
     * @param decodeThreads ONNX Runtime intra-op threads of the decoder that measures whole frames
     *        ({@link #decodeImages})
     */
    public FrozenCodec(VitVaeWeights weights, Engine engine, int decodeThreads) {
        if (!weights.covers(VitVaeLayout.Part.ENCODER) || !weights.covers(VitVaeLayout.Part.DECODER)) {
            throw new IllegalArgumentException(weights.config().name() + ": adapter training needs encoder and decoder "
                    + "weights, got the " + weights.part() + " part only");
        }
        this.weights = weights;
        this.manager = engine.newBaseManager();
        this.model = DjlVitVae.of(weights, manager);
        model.setTrainable(false);
        this.fingerprint = fingerprint(weights);
        this.frameDecoder = OrtDecoder.create(weights, OrtOptions.defaults().withIntraOpThreads(decodeThreads));
    }

    /** SHA-256 over the preset name and every tensor's name, shape and values. */
    private static String fingerprint(VitVaeWeights weights) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(weights.config().toString().getBytes(StandardCharsets.UTF_8));
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
            for (Tensor tensor : weights.tensors().values()) {
                digest.update(tensor.name().getBytes(StandardCharsets.UTF_8));
                for (int d : tensor.shape()) {
                    digest.update((byte) d);
                    digest.update((byte) (d >>> 8));
                    digest.update((byte) (d >>> 16));
                }
                for (float v : tensor.data()) {
                    if (chunk.remaining() < Float.BYTES) {
                        digest.update(chunk.array(), 0, chunk.position());
                        chunk.clear();
                    }
                    chunk.putFloat(v);
                }
                digest.update(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The weights the codec was built from (not modified by training). */
    public VitVaeWeights weights() {
        return weights;
    }

    /** The DJL model; its parameters do not track gradients. */
    public DjlVitVae model() {
        return model;
    }

    /** SHA-256 of the weights (hex), the key of latent caches. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Parameters of encoder and decoder together. */
    public long parameterCount() {
        long total = 0;
        for (Tensor tensor : weights.tensors().values()) {
            total += tensor.data().length;
        }
        return total;
    }

    /**
     * Encodes {@code count} whole frames (planar, model space [-1, 1], one after another) to scaled
     * latents (posterior mean times the scaling factor), {@code count x 9216} floats.
     */
    public float[] encodeScaled(float[] pixels, int count) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray images = scope.create(pixels, new Shape(count, LatentContract.IMAGE_CHANNELS,
                    LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH));
            NDArray mean = model.encodeMoments(images, Collections.nCopies(count, TokenWindow.FULL)).get(0);
            return mean.mul(LatentContract.SCALING_FACTOR).toFloatArray();
        }
    }

    /**
     * Decodes scaled latents {@code (B, window tokens, 16)} to images {@code (B, 3, h, w)} in model space
     * (not clamped). Gradients flow to the latents when they track them.
     */
    public NDArray decodeScaled(NDArray scaledLatents, List<TokenWindow> windows) {
        return model.decode(scaledLatents.div(LatentContract.SCALING_FACTOR), windows);
    }

    /**
     * Decodes {@code count} scaled latents (9216 floats each, one after another) to whole frames as the frame path
     * shows them: planar RGB in [0, 1], {@code count x 691200} floats, on ONNX Runtime (the same decoder as
     * {@link #decodeScaled} up to float rounding, several times faster; no gradients).
     */
    public float[] decodeImages(float[] scaledLatents, int count) {
        return frameDecoder.decodeBatch(scaledLatents, count);
    }

    @Override
    public void close() {
        frameDecoder.close();
        model.close();
        manager.close();
    }
}
