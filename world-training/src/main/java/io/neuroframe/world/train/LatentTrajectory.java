package io.neuroframe.world.train;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;

/**
 * One recorded run of the game as scaled latents and the player's actions.
 *
 * <p>Convention (Oasis's): {@code actions[f]} is the input applied while the game went from
 * frame {@code f - 1} to frame {@code f}; the action of frame 0 is ignored.
 *
 * @param name trajectory id, for messages and evaluation reports
 * @param frames number of frames
 * @param latents {@code frames * 9216} scaled latents, frame after frame, each in the (576, 16) layout
 * @param actions {@code frames * 25} Oasis action vectors
 */
public record LatentTrajectory(String name, int frames, float[] latents, float[] actions) {

    public LatentTrajectory {
        if (frames < 1) {
            throw new IllegalArgumentException(name + ": a trajectory needs at least one frame, got " + frames);
        }
        if (latents.length != (long) frames * LatentContract.LATENT_FLOATS) {
            throw new IllegalArgumentException(name + ": expected " + frames + " x " + LatentContract.LATENT_FLOATS
                    + " latent floats, got " + latents.length);
        }
        if (actions.length != (long) frames * OasisAction.SIZE) {
            throw new IllegalArgumentException(name + ": expected " + frames + " x " + OasisAction.SIZE
                    + " action floats, got " + actions.length);
        }
    }

    /** Offset of frame {@code f}'s latent in {@link #latents}. */
    public int latentOffset(int f) {
        return f * LatentContract.LATENT_FLOATS;
    }

    /** Offset of frame {@code f}'s action in {@link #actions}. */
    public int actionOffset(int f) {
        return f * OasisAction.SIZE;
    }
}
