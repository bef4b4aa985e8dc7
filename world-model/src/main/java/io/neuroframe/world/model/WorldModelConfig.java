package io.neuroframe.world.model;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;

import java.util.List;
import java.util.Locale;

/**
 * Shapes of one world-model preset: a spatio-temporal diffusion transformer over latent
 * frames in the layout of Oasis's {@code DiT-S/2}. Every preset reads and writes
 * {@link LatentContract} latents (18 x 32 tokens, 16 channels, scaled) and names its tensors as
 * the open-oasis checkpoint does (see {@link DitTensorLayout}).
 *
 * @param name preset key used on the command line, e.g. {@code nf-world-small}
 * @param patchSize side of the square latent patch that becomes one transformer token (1 or 2)
 * @param hidden transformer width
 * @param depth spatio-temporal blocks (each one spatial and one temporal half)
 * @param heads attention heads; {@code hidden / heads} must be even (rotary pairs)
 * @param mlpRatio MLP hidden width as a multiple of {@code hidden}
 * @param maxFrames frames in the attention window: past context plus the frame being made
 * @param objective what the network predicts
 * @param viewShift for {@code DIRECT} models, latent cells the scene moves per unit of camera action (0: none); see
 *     {@link #viewShift()}
 */
public record WorldModelConfig(String name, int patchSize, int hidden, int depth, int heads, int mlpRatio,
                               int maxFrames, Objective objective, float viewShift) {

    /** Width of the sinusoidal timestep features fed to the timestep MLP (Oasis: 256). */
    public static final int FREQUENCY_EMBEDDING_SIZE = 256;
    /** Values per action vector (Oasis's external condition). */
    public static final int ACTION_SIZE = OasisAction.SIZE;

    /** What the network's output means. */
    public enum Objective {
        /**
         * Oasis's recipe: v-prediction under a sigmoid noise schedule with per-frame noise
         * levels, sampled with a few DDIM steps while context frames stay at a small noise level.
         */
        DIFFUSION,
        /**
         * Deterministic baseline: output {@code i} is the change from frame {@code i} to frame
         * {@code i + 1} under action {@code i + 1}, so one forward pass gives the next latent.
         */
        DIRECT
    }

    /** Oasis's {@code DiT-S/2}: width 1024, 16 blocks, 16 heads, patch 2, 32-frame window. */
    public static final WorldModelConfig OASIS_DIT_S2 =
            new WorldModelConfig("oasis-dit-s2", 2, 1024, 16, 16, 4, 32, Objective.DIFFUSION, 0f);

    /** The CPU default: the same layout at width 64, 4 blocks, 4 heads, 3 past frames. */
    public static final WorldModelConfig NF_WORLD_SMALL =
            new WorldModelConfig("nf-world-small", 2, 64, 4, 4, 4, 4, Objective.DIFFUSION, 0f);

    /** {@link #NF_WORLD_SMALL} trained as the one-step deterministic baseline. */
    public static final WorldModelConfig NF_WORLD_SMALL_DIRECT =
            NF_WORLD_SMALL.withName("nf-world-small-direct").withObjective(Objective.DIRECT);

    /** Largest {@link #viewShift()}: a full camera unit moving the scene by the frame's width. */
    public static final float MAX_VIEW_SHIFT = LatentContract.TOKEN_COLS;

    /** Every named preset. */
    public static final List<WorldModelConfig> PRESETS = List.of(NF_WORLD_SMALL, NF_WORLD_SMALL_DIRECT, OASIS_DIT_S2);

    public WorldModelConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (patchSize != 1 && patchSize != 2) {
            throw new IllegalArgumentException(name + ": patchSize must be 1 or 2 (it must divide the 18 x 32 latent), got "
                    + patchSize);
        }
        requirePositive(name, "hidden", hidden);
        requirePositive(name, "depth", depth);
        requirePositive(name, "heads", heads);
        requirePositive(name, "mlpRatio", mlpRatio);
        if (maxFrames < 2) {
            throw new IllegalArgumentException(name + ": maxFrames must be at least 2 (one context frame and the next), got "
                    + maxFrames);
        }
        if (hidden % heads != 0 || (hidden / heads) % 4 != 0) {
            throw new IllegalArgumentException(name + ": hidden / heads must be a whole multiple of 4 (rotary pairs on "
                    + "two spatial axes), got hidden=" + hidden + ", heads=" + heads);
        }
        if (objective == null) {
            throw new IllegalArgumentException(name + ": objective must not be null");
        }
        if (!(viewShift >= 0 && viewShift <= MAX_VIEW_SHIFT) || (viewShift > 0 && objective != Objective.DIRECT)) {
            throw new IllegalArgumentException(name + ": viewShift must be 0, or from 0 to " + MAX_VIEW_SHIFT
                    + " latent cells per camera unit for a DIRECT model, got " + viewShift + " (" + objective + ")");
        }
    }

    /**
     * Motion compensation of a {@code DIRECT} model: how many latent cells (20 pixels each) the scene moves per unit
     * of camera action (one unit is {@link OasisAction#CAMERA_MAX_DEGREES} degrees). When positive, the model predicts
     * the change from the newest frame moved the way the camera turns, as a video codec predicts from a
     * motion-compensated reference: a turn right of {@code u} units moves the content left by {@code u * viewShift}
     * cells, a look down moves it up, each by linear interpolation between cells with the border cell repeated into
     * the uncovered edge (the same arithmetic in the trainer and in the ONNX step graphs). The network then
     * only predicts what a plain shift gets wrong: parallax, the uncovered edge, movement. A game's value is its
     * view's pixels per degree (about 5.5 for the demo's 70-degree view, as {@code eval-world} measures it on real
     * turns), since a unit is 20 degrees and a cell 20 pixels. 0 (every preset): the change from the newest frame
     * as it is.
     */
    @Override
    public float viewShift() {
        return viewShift;
    }

    /**
     * The frequencies of the timestep embedding's sinusoidal features, {@code exp(-ln(10000) i / half)} for {@code i}
     * below half of {@link #FREQUENCY_EMBEDDING_SIZE}, as Oasis's {@code TimestepEmbedder}; a new array each call.
     */
    public static float[] timeFrequencies() {
        int half = FREQUENCY_EMBEDDING_SIZE / 2;
        float[] frequencies = new float[half];
        for (int i = 0; i < half; i++) {
            frequencies[i] = (float) Math.exp(-Math.log(10000) * i / half);
        }
        return frequencies;
    }

    /** The preset called {@code key}, e.g. {@code nf-world-small}. */
    public static WorldModelConfig preset(String key) {
        for (WorldModelConfig c : PRESETS) {
            if (c.name.equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown world-model preset '" + key + "'; known: "
                + PRESETS.stream().map(WorldModelConfig::name).toList());
    }

    public WorldModelConfig withName(String newName) {
        return new WorldModelConfig(newName, patchSize, hidden, depth, heads, mlpRatio, maxFrames, objective, viewShift);
    }

    public WorldModelConfig withObjective(Objective newObjective) {
        return new WorldModelConfig(name, patchSize, hidden, depth, heads, mlpRatio, maxFrames, newObjective, viewShift);
    }

    public WorldModelConfig withViewShift(float cellsPerCameraUnit) {
        return new WorldModelConfig(name, patchSize, hidden, depth, heads, mlpRatio, maxFrames, objective, cellsPerCameraUnit);
    }

    public WorldModelConfig withMaxFrames(int frames) {
        return new WorldModelConfig(name, patchSize, hidden, depth, heads, mlpRatio, frames, objective, viewShift);
    }

    /** Width of one attention head. */
    public int headDim() {
        return hidden / heads;
    }

    /** Token rows per frame (18 / patch). */
    public int gridRows() {
        return LatentContract.TOKEN_ROWS / patchSize;
    }

    /** Token columns per frame (32 / patch). */
    public int gridCols() {
        return LatentContract.TOKEN_COLS / patchSize;
    }

    /** Transformer tokens per frame (144 at patch 2, 576 at patch 1). */
    public int tokensPerFrame() {
        return gridRows() * gridCols();
    }

    /** Values one token carries in and out: {@code patch * patch * 16}. */
    public int patchValues() {
        return patchSize * patchSize * LatentContract.CHANNELS;
    }

    /** Past frames a step sees: {@code maxFrames - 1}. */
    public int contextFrames() {
        return maxFrames - 1;
    }

    /** One line for logs and model cards. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (%s, patch %d, width %d, depth %d, heads %d, window %d%s)",
                name, objective.name().toLowerCase(Locale.ROOT), patchSize, hidden, depth, heads, maxFrames,
                viewShift > 0 ? String.format(Locale.ROOT, ", view shift %.2f cells per camera unit", viewShift) : "");
    }

    private static void requirePositive(String name, String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + field + " must be positive, got " + value);
        }
    }
}
