package io.neuroframe.world.train;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.world.dream.RewritingStepper;
import io.neuroframe.world.dream.WorldStepper;

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
public final class ReprojectingStepper extends RewritingStepper {
    private final Decoder decoder;
    private final Encoder encoder;
    private final FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);

    /**
     * @param stepper the world model; owned by this stepper from now on
     * @param decoder decodes each prediction
     * @param encoder encodes the decoded image again (the encoder of the codec the model was trained on)
     */
    public ReprojectingStepper(WorldStepper stepper, Decoder decoder, Encoder encoder) {
        super(stepper);
        if (decoder == null || encoder == null) {
            throw new IllegalArgumentException("decoder and encoder must not be null");
        }
        this.decoder = decoder;
        this.encoder = encoder;
    }

    @Override
    protected void rewrite(OasisAction action, FloatBuffer predicted, FloatBuffer out) {
        decoder.decode(predicted, image.clear());
        encoder.encode(image, out);
    }

    @Override
    public String describe() {
        return stepper.describe() + ", re-encoded each step";
    }
}
