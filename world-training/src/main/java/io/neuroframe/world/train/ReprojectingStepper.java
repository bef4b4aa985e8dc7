package io.neuroframe.world.train;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.world.dream.WorldStepper;
import io.neuroframe.world.model.WorldModelConfig;

import java.nio.FloatBuffer;

/**
 * A {@link WorldStepper} that passes each predicted latent through the codec before it becomes context: the
 * prediction is decoded, the image encoded again, and that latent is both the step's output and the newest context
 * frame. The model then only ever sees latents the encoder makes, as it did in training, instead of its own
 * predictions drifting into latents no real image has. Costs one decode and one encode a step; allocates nothing per
 * step.
 *
 * <p>Owns the wrapped stepper; the decoder and encoder stay the caller's (close them after this stepper).
 */
public final class ReprojectingStepper implements WorldStepper {
    private final WorldStepper stepper;
    private final Decoder decoder;
    private final Encoder encoder;
    private final FloatBuffer predicted = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
    private final FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
    private final FloatBuffer encoded = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);

    /**
     * @param stepper the world model; owned by this stepper from now on
     * @param decoder decodes each prediction
     * @param encoder encodes the decoded image again (the encoder of the codec the model was trained on)
     */
    public ReprojectingStepper(WorldStepper stepper, Decoder decoder, Encoder encoder) {
        if (stepper == null || decoder == null || encoder == null) {
            throw new IllegalArgumentException("stepper, decoder and encoder must not be null");
        }
        this.stepper = stepper;
        this.decoder = decoder;
        this.encoder = encoder;
    }

    @Override
    public void reset(FloatBuffer latent) {
        stepper.reset(latent);
    }

    @Override
    public void push(FloatBuffer latent, OasisAction action) {
        stepper.push(latent, action);
    }

    @Override
    public void replaceNewest(FloatBuffer latent) {
        stepper.replaceNewest(latent);
    }

    @Override
    public int contextSize() {
        return stepper.contextSize();
    }

    /** Steps the model, then decodes and encodes its prediction; the encoded latent is written and kept. */
    @Override
    public void step(OasisAction action, FloatBuffer next) {
        if (next.remaining() < LatentContract.LATENT_FLOATS) {
            throw new IllegalArgumentException("next: expected " + LatentContract.LATENT_FLOATS
                    + " floats remaining, got " + next.remaining());
        }
        stepper.step(action, predicted.clear());
        decoder.decode(predicted, image.clear());
        encoder.encode(image, encoded.clear());
        stepper.replaceNewest(encoded);
        next.put(next.position(), encoded, 0, LatentContract.LATENT_FLOATS);
    }

    @Override
    public WorldModelConfig config() {
        return stepper.config();
    }

    @Override
    public String describe() {
        return stepper.describe() + ", re-encoded each step";
    }

    @Override
    public void close() {
        stepper.close();
    }
}
