package io.neuroframe.demo.dream;

import ai.djl.ndarray.NDManager;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.world.onnx.OrtWorldStepper;
import io.neuroframe.world.train.WorldDit;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.model.WorldModelWeights;
import io.neuroframe.world.dream.ActionGuidedStepper;
import io.neuroframe.world.dream.RememberingStepper;
import io.neuroframe.world.dream.WorldStepper;
import io.neuroframe.codec.weights.WeightFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The world model dream mode runs: trained {@code DIRECT} weights (a file given by the user, else
 * {@code models/nf-world-small-direct.safetensors} under the project home) on ONNX Runtime, alone or with each
 * action's change carried further by an {@link ActionGuidedStepper}. A model with a view shift is turned by a
 * {@link RememberingStepper}: the view memory moves the frame as the camera turns and remembers what the dream saw,
 * and since the demo's world changes only when the player moves, a step with no input but the camera keeps the
 * frame instead of stepping the model.
 */
public final class DreamWorldModel {
    /** The default weights file, relative to the project home. */
    public static final Path DEFAULT_FILE = Path.of("models", "nf-world-small-direct.safetensors");
    /**
     * The action guidance dream mode uses unless told otherwise: none, the model alone. The committed model has a
     * view shift ({@link WorldModelConfig#viewShift()}), so the view memory does its turns as far as real ones go and
     * the model never sees the camera; guidance would carry only walking and the other inputs further
     * ({@code docs/world-model.md}).
     */
    public static final float DEFAULT_ACTION_GUIDANCE = 1f;
    /** Intra-op threads of the world step (the decoder and the game need the other cores). */
    private static final int THREADS = 1;

    private DreamWorldModel() {
    }

    /** The weights file to use: {@code file} when given, else the default under the project home. */
    public static Path resolve(Path file, String home) {
        if (file != null) {
            return file;
        }
        Path fallback = home == null ? DEFAULT_FILE : Path.of(home).resolve(DEFAULT_FILE);
        if (!Files.isRegularFile(fallback)) {
            throw new IllegalArgumentException("no world-model weights: " + fallback.toAbsolutePath() + " is missing; "
                    + "train them with `neuroframe train-world --preset nf-world-small-direct` or pass --world-weights FILE");
        }
        return fallback;
    }

    /**
     * Loads {@code file} (its recorded preset) and opens an ONNX Runtime stepper for it, guided by
     * {@code actionGuidance} ({@link ActionGuidedStepper}; 1 runs the model alone) and, when the model has a view
     * shift, turned by a view memory in a still world ({@link RememberingStepper}).
     *
     * @throws IllegalArgumentException if the file is missing, is not world-model weights, or holds a
     *     diffusion model (dream mode runs the one-pass direct step), or the guidance is below 1
     */
    public static WorldStepper open(Path file, float actionGuidance) {
        ActionGuidedStepper.checkScale(actionGuidance);
        String problem = WeightFiles.fileProblem(file, "world-model weights");
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        try {
            WorldModelConfig config = WorldModelWeights.recordedConfig(file);
            if (config == null) {
                throw new IllegalArgumentException(file + " records no world-model preset (an Oasis checkpoint?); dream "
                        + "mode runs weights written by train-world");
            }
            if (config.objective() != WorldModelConfig.Objective.DIRECT) {
                throw new IllegalArgumentException(file + " holds " + config.describe() + "; dream mode runs a direct "
                        + "model (train one with --preset nf-world-small-direct)");
            }
            try (NDManager manager = PyTorchRuntime.engine(THREADS).newBaseManager();
                 WorldDit model = WorldDit.load(file, config, manager)) {
                OrtWorldStepper stepper = OrtWorldStepper.create(model.config(), model.toTensors(),
                        OrtOptions.defaults().withIntraOpThreads(THREADS));
                return RememberingStepper.turn(ActionGuidedStepper.guide(stepper, actionGuidance), true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read world-model weights from " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }
}
