package io.neuroframe.world.train;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A toy world for tests: each latent frame is a smooth pattern that wraps around horizontally;
 * turning right (positive yaw) moves the content {@link #SHIFT} columns to the left, turning left
 * moves it right, and no turn keeps it still.
 */
final class ShiftingPatternWorld {
    static final int SHIFT = 2;
    static final OasisAction TURN_RIGHT = OasisAction.builder().look(0, 5).build();
    static final OasisAction TURN_LEFT = OasisAction.builder().look(0, -5).build();

    private ShiftingPatternWorld() {
    }

    /** A random smooth pattern: a few column sinusoids per channel, modulated by row. */
    static float[] pattern(Random random) {
        float[] out = new float[LatentContract.LATENT_FLOATS];
        for (int ch = 0; ch < LatentContract.CHANNELS; ch++) {
            double k1 = 1 + random.nextInt(3);
            double k2 = 1 + random.nextInt(4);
            double p1 = random.nextDouble() * 2 * Math.PI;
            double p2 = random.nextDouble() * 2 * Math.PI;
            double rowFreq = random.nextDouble() * 0.3;
            for (int r = 0; r < LatentContract.TOKEN_ROWS; r++) {
                for (int c = 0; c < LatentContract.TOKEN_COLS; c++) {
                    double u = 2 * Math.PI * c / LatentContract.TOKEN_COLS;
                    double v = Math.sin(k1 * u + p1) + 0.5 * Math.cos(k2 * u + p2 + rowFreq * r);
                    out[LatentContract.latentIndex(r, c, ch)] = (float) (0.7 * v);
                }
            }
        }
        return out;
    }

    /** {@code frame} after one step of {@code action}: content shifted by the yaw's direction. */
    static float[] step(float[] frame, OasisAction action) {
        int direction = (int) Math.signum(action.get(OasisAction.CAMERA_YAW));
        return shiftColumns(frame, -direction * SHIFT);
    }

    /** Moves content {@code by} columns to the right (wrapping). */
    static float[] shiftColumns(float[] frame, int by) {
        float[] out = new float[frame.length];
        int cols = LatentContract.TOKEN_COLS;
        for (int r = 0; r < LatentContract.TOKEN_ROWS; r++) {
            for (int c = 0; c < cols; c++) {
                int from = Math.floorMod(c - by, cols);
                System.arraycopy(frame, LatentContract.latentIndex(r, from, 0), out, LatentContract.latentIndex(r, c, 0),
                        LatentContract.CHANNELS);
            }
        }
        return out;
    }

    /** Trajectories of random turns (right, left or none) from random patterns. */
    static List<LatentTrajectory> trajectories(int count, int frames, long seed) {
        Random random = new Random(seed);
        OasisAction[] choices = {TURN_RIGHT, TURN_LEFT, OasisAction.NONE};
        List<LatentTrajectory> out = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            float[] latents = new float[frames * LatentContract.LATENT_FLOATS];
            float[] actions = new float[frames * OasisAction.SIZE];
            float[] frame = pattern(random);
            for (int f = 0; f < frames; f++) {
                if (f > 0) {
                    OasisAction a = choices[random.nextInt(choices.length)];
                    a.copyTo(actions, f * OasisAction.SIZE);
                    frame = step(frame, a);
                }
                System.arraycopy(frame, 0, latents, f * LatentContract.LATENT_FLOATS, LatentContract.LATENT_FLOATS);
            }
            out.add(new LatentTrajectory("toy-" + t, frames, latents, actions));
        }
        return out;
    }

    /**
     * The horizontal shift (in columns, positive = content moved right) that best maps
     * {@code before} onto {@code after}, by circular cross-correlation over columns.
     */
    static int measuredShift(float[] before, float[] after) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int by = -LatentContract.TOKEN_COLS / 2; by < LatentContract.TOKEN_COLS / 2; by++) {
            float[] shifted = shiftColumns(before, by);
            double score = 0;
            for (int i = 0; i < shifted.length; i++) {
                score += shifted[i] * after[i];
            }
            if (score > bestScore) {
                bestScore = score;
                best = by;
            }
        }
        return best;
    }
}
