package io.neuroframe.codec.djl;

import ai.djl.engine.Engine;
import io.neuroframe.api.Decoder;
import io.neuroframe.codec.model.VitVaeWeights;

import java.nio.FloatBuffer;
import java.util.Collections;

/**
 * {@link Decoder} on DJL's PyTorch engine: {@code clamp((decode(z / scaling) + 1) / 2, 0, 1)}.
 * Each call works in a manager of its own that is closed before returning.
 */
public final class DjlDecoder extends DjlCodecPart<DjlVitVae> implements Decoder {

    private DjlDecoder(VitVaeWeights weights, Engine engine) {
        super(engine, manager -> DjlVitVae.of(weights.decoderOnly(), manager));
    }

    /**
     * A decoder with the decoder part of {@code weights} on {@code engine} (see {@link PyTorchRuntime}).
     *
     * @throws IllegalStateException if the weights hold only the encoder
     */
    public static DjlDecoder create(VitVaeWeights weights, Engine engine) {
        return new DjlDecoder(weights, engine);
    }

    @Override
    public void decode(FloatBuffer latent, FloatBuffer image) {
        DjlDecoding.decodeOne(this, latent, image);
    }

    @Override
    public float[] decodeBatch(float[] latents, int batch) {
        return DjlDecoding.decodeBatch(manager, latents, batch,
                z -> net.decode(z, Collections.nCopies(batch, TokenWindow.FULL)));
    }
}
