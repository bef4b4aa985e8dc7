package io.neuroframe.codec.djl;

import ai.djl.engine.Engine;
import io.neuroframe.api.Decoder;
import io.neuroframe.codec.model.ConvDecoderWeights;

import java.nio.FloatBuffer;

/**
 * {@link Decoder} of a convolutional decoder on DJL's PyTorch engine:
 * {@code clamp((net(z / scaling) + 1) / 2, 0, 1)}. Each call works in a manager of its own that is
 * closed before returning.
 */
public final class DjlConvDecoder extends DjlCodecPart<DjlConvNet> implements Decoder {

    private DjlConvDecoder(ConvDecoderWeights weights, Engine engine) {
        super(engine, manager -> DjlConvNet.of(weights, manager));
    }

    /** A decoder with {@code weights} on {@code engine} (see {@link PyTorchRuntime}). */
    public static DjlConvDecoder create(ConvDecoderWeights weights, Engine engine) {
        return new DjlConvDecoder(weights, engine);
    }

    @Override
    public void decode(FloatBuffer latent, FloatBuffer image) {
        DjlDecoding.decodeOne(this, latent, image);
    }

    @Override
    public float[] decodeBatch(float[] latents, int batch) {
        return DjlDecoding.decodeBatch(manager, latents, batch, net::decode);
    }
}
