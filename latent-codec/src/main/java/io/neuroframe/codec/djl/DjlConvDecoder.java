package io.neuroframe.codec.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuroframe.codec.Decoder;
import io.neuroframe.codec.LatentContract;
import io.neuroframe.codec.model.ConvDecoderWeights;

import java.nio.FloatBuffer;

/**
 * {@link Decoder} of a convolutional decoder on DJL's PyTorch engine:
 * {@code clamp((net(z / scaling) + 1) / 2, 0, 1)}. Each call works in a manager of its own that is
 * closed before returning.
 */
public final class DjlConvDecoder implements Decoder {
    private final NDManager manager;
    private final DjlConvNet net;

    private DjlConvDecoder(ConvDecoderWeights weights, Engine engine) {
        this.manager = engine.newBaseManager();
        this.net = DjlConvNet.of(weights, manager);
    }

    /** A decoder with {@code weights} on {@code engine} (see {@link PyTorchRuntime}). */
    public static DjlConvDecoder create(ConvDecoderWeights weights, Engine engine) {
        return new DjlConvDecoder(weights, engine);
    }

    @Override
    public void decode(FloatBuffer latent, FloatBuffer image) {
        DjlDecoder.requireRemaining("latent", latent, LatentContract.LATENT_FLOATS);
        DjlDecoder.requireRemaining("image", image, LatentContract.IMAGE_FLOATS);
        image.duplicate().put(decodeBatch(DjlDecoder.read(latent, LatentContract.LATENT_FLOATS), 1));
    }

    @Override
    public float[] decodeBatch(float[] latents, int batch) {
        if (batch <= 0 || latents.length != batch * LatentContract.LATENT_FLOATS) {
            throw new IllegalArgumentException("latents: expected " + batch + " x " + LatentContract.LATENT_FLOATS
                    + " floats, got " + latents.length);
        }
        try (NDManager call = manager.newSubManager()) {
            NDArray z = call.create(latents, new Shape(batch, LatentContract.TOKENS, LatentContract.CHANNELS))
                    .div(LatentContract.SCALING_FACTOR);
            return net.decode(z).add(1f).div(2f).clip(0f, 1f).toFloatArray();
        }
    }

    @Override
    public String describe() {
        return net.config().name() + " (djl pytorch, cpu)";
    }

    @Override
    public void close() {
        net.close();
        manager.close();
    }
}
