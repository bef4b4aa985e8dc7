package io.neuroframe.codec.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.neuroframe.api.Decoder;
import io.neuroframe.codec.model.VitVaeWeights;

import java.nio.FloatBuffer;
import java.util.Collections;

/**
 * {@link Decoder} on DJL's PyTorch engine: {@code clamp((decode(z / scaling) + 1) / 2, 0, 1)}.
 * Each call works in a manager of its own that is closed before returning.
 */
public final class DjlDecoder implements Decoder {
    private final NDManager manager;
    private final DjlVitVae model;

    private DjlDecoder(VitVaeWeights weights, Engine engine) {
        this.manager = engine.newBaseManager();
        this.model = DjlVitVae.of(weights.decoderOnly(), manager);
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
                z -> model.decode(z, Collections.nCopies(batch, TokenWindow.FULL)));
    }

    @Override
    public String describe() {
        return model.config().name() + " (djl pytorch, cpu)";
    }

    @Override
    public void close() {
        model.close();
        manager.close();
    }
}
