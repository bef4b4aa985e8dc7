package io.neuroframe.world.train;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;

import java.util.Arrays;

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

    /** The action that led into frame {@code f}, as an {@link OasisAction} (a copy). */
    public OasisAction action(int f) {
        return OasisAction.of(Arrays.copyOfRange(actions, actionOffset(f), actionOffset(f) + OasisAction.SIZE));
    }

    /**
     * The world style the trajectory was recorded in, read from its name: the dataset names trajectories
     * {@code <style>-<number>} (e.g. {@code meadow-003} is style {@code meadow}); a name without a numbered
     * suffix is a style of its own.
     */
    public String style() {
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            return name;
        }
        for (int i = dash + 1; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return name;
            }
        }
        return name.substring(0, dash);
    }
}
