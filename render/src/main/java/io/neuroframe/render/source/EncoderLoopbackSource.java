package io.neuroframe.render.source;

import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource;
import io.neuroframe.api.source.RenderHandoff;
import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;
import java.nio.FloatBuffer;

/**
 * Latents from the engine's own render: each image the engine publishes to a
 * {@link RenderHandoff} is encoded once; between images the source reports
 * {@link Pull#NONE_READY}. The input sampling time and the engine's read-back times travel from the
 * handoff to the latent.
 * The source owns its encoder and closes it.
 */
public final class EncoderLoopbackSource implements LatentSource {
    private final Encoder encoder;
    private final RenderHandoff handoff;

    /**
     * @param encoder encodes 360x640 planar RGB to scaled latents; closed with this source
     * @param handoff where the engine publishes its rendered frames
     */
    public EncoderLoopbackSource(Encoder encoder, RenderHandoff handoff) {
        if (encoder == null || handoff == null) {
            throw new IllegalArgumentException("encoder and handoff must not be null");
        }
        this.encoder = encoder;
        this.handoff = handoff;
    }

    @Override
    public Pull pull(LatentFrame frame) {
        RenderHandoff.RenderedImage rendered = handoff.takeNew();
        if (rendered == null) {
            return Pull.NONE_READY;
        }
        FloatBuffer latent = frame.latent();
        int start = latent.position();
        encoder.encode(rendered.image(), latent);
        latent.position(start + LatentContract.LATENT_FLOATS);
        frame.setInputSampleNanos(rendered.inputSampleNanos());
        frame.setReadback(rendered);
        return Pull.FRAME;
    }

    /** Forgets the image the engine published since the last pull, unencoded. */
    @Override
    public void dropPending() {
        handoff.dropPending();
    }

    @Override
    public String describe() {
        return "encoder loopback (" + encoder.describe() + ")";
    }

    @Override
    public void close() {
        encoder.close();
    }
}
