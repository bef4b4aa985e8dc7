package io.neuroframe.world.dream;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.world.model.NoiseSchedule;
import io.neuroframe.world.model.WorldModelConfig;

import java.nio.FloatBuffer;

/**
 * A direct world model whose every prediction a diffusion model refines ({@link WorldRefiner#refine}): the
 * direct model's next frame, the conditional mean of what may follow and so smoother than any real latent, is noised
 * to a low level and sampled back to clean under the same context and action. The direct model sets the layout and
 * the motion; the refiner puts back texture of the kind real latents have, so that a free-running dream does not
 * settle into the smooth latents that decode as a patch checkerboard. A refiner needs training only at the low
 * levels it starts from ({@code train-world --max-noise-level}).
 *
 * <p>Both models keep a context of the same frames. Owns both steppers; allocates nothing per step.
 */
public final class RefiningStepper extends ForwardingWorldStepper {
    private final WorldRefiner refiner;
    private final int startLevel;
    private final FloatBuffer guess = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);

    /**
     * @param direct the world model whose predictions are refined; owned by this stepper from now on
     * @param refiner a diffusion model with the same context length; owned by this stepper from now on
     * @param startLevel the noise level each prediction is refined from, in [0, 1000)
     * @throws IllegalArgumentException if the refiner is not a diffusion model, the context lengths differ or the
     *     level is out of range
     */
    public RefiningStepper(WorldStepper direct, WorldRefiner refiner, int startLevel) {
        super(direct);
        WorldModelConfig refinerConfig = refiner.config();
        if (refinerConfig.objective() != WorldModelConfig.Objective.DIFFUSION) {
            throw new IllegalArgumentException("the refiner " + refinerConfig.name() + " is " + refinerConfig.objective()
                    + ", not a diffusion model");
        }
        if (refinerConfig.contextFrames() != direct.config().contextFrames()) {
            throw new IllegalArgumentException("the refiner " + refinerConfig.name() + " keeps "
                    + refinerConfig.contextFrames() + " context frames, the world model " + direct.config().name()
                    + " " + direct.config().contextFrames());
        }
        if (startLevel < 0 || startLevel >= NoiseSchedule.LEVELS) {
            throw new IllegalArgumentException("refine level must be in [0, " + NoiseSchedule.LEVELS + "), got "
                    + startLevel);
        }
        this.refiner = refiner;
        this.startLevel = startLevel;
    }

    @Override
    public void reset(FloatBuffer latent) {
        stepper.reset(latent);
        refiner.reset(latent);
    }

    @Override
    public void push(FloatBuffer latent, OasisAction action) {
        stepper.push(latent, action);
        refiner.push(latent, action);
    }

    @Override
    public void replaceNewest(FloatBuffer latent) {
        stepper.replaceNewest(latent);
        refiner.replaceNewest(latent);
    }

    /** The direct model's prediction, refined from {@code startLevel}; neither context changes. */
    @Override
    public void predict(OasisAction action, FloatBuffer next) {
        stepper.predict(action, guess.clear());
        refiner.refine(action, guess, startLevel, next);
    }

    @Override
    public String describe() {
        return stepper.describe() + ", refined by " + refiner.describe() + " from level " + startLevel;
    }

    @Override
    public void close() {
        try {
            refiner.close();
        } finally {
            super.close();
        }
    }
}
