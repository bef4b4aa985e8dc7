package io.neuroframe.world.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.world.model.WorldModelConfig;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link WorldDit#changeBase}: the frame a direct model's change is added to, moved by the camera. */
class WorldDitViewShiftTest {
    private static final int ROWS = LatentContract.TOKEN_ROWS;
    private static final int COLS = LatentContract.TOKEN_COLS;
    private static final int CHANNELS = LatentContract.CHANNELS;
    private static final WorldModelConfig TINY =
            new WorldModelConfig("tiny", 2, 32, 1, 2, 2, 3, WorldModelConfig.Objective.DIRECT, 0f);

    @Test
    void aTurnRightMovesTheSceneLeftAndRepeatsTheBorderColumn() {
        // 2 cells per camera unit: a yaw of 0.5 moves the scene one whole cell
        float[] moved = changeBase(2f, 0.5f, 0f);
        float[] frame = frame();
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                for (int ch = 0; ch < CHANNELS; ch++) {
                    int source = Math.min(c + 1, COLS - 1);
                    assertEquals(frame[index(r, source, ch)], moved[index(r, c, ch)], 1e-6f, "row " + r + ", column " + c);
                }
            }
        }
    }

    @Test
    void aLookUpByHalfACellInterpolatesBetweenRows() {
        // a look up (negative pitch) moves the scene down: row r shows halfway between rows r - 1 and r
        float[] moved = changeBase(2f, 0f, -0.25f);
        float[] frame = frame();
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                for (int ch = 0; ch < CHANNELS; ch++) {
                    float expected = r == 0 ? frame[index(0, c, ch)]
                            : 0.5f * (frame[index(r - 1, c, ch)] + frame[index(r, c, ch)]);
                    assertEquals(expected, moved[index(r, c, ch)], 1e-5f, "row " + r + ", column " + c);
                }
            }
        }
    }

    @Test
    void withoutACameraOrWithoutAViewShiftTheFrameStaysWhereItIs() {
        assertArrayEquals(frame(), changeBase(5.5f, 0f, 0f), 1e-6f);
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.create(TINY, manager, 1)) {
            NDArray latents = WorldDit.owned(manager, frame(), new Shape(1, 1, ROWS, COLS, CHANNELS));
            assertSame(latents, model.changeBase(latents, manager.ones(new Shape(1, 1, OasisAction.SIZE))));
        }
    }

    @Test
    void movingAFrameLeavesNothingInTheModelsManager() {
        float[] action = new float[OasisAction.SIZE];
        action[OasisAction.CAMERA_YAW] = 0.3f;
        action[OasisAction.CAMERA_PITCH] = -0.1f;
        try (NDManager modelManager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.create(TINY.withViewShift(5.5f), modelManager, 1)) {
            int held = modelManager.getManagedArrays().size();
            try (NDManager step = PyTorchRuntime.engine(1).newBaseManager()) {
                NDArray latents = WorldDit.owned(step, frame(), new Shape(1, 1, ROWS, COLS, CHANNELS));
                NDArray actions = WorldDit.owned(step, action, new Shape(1, 1, OasisAction.SIZE));
                model.changeBase(latents, actions);
            }
            assertEquals(held, modelManager.getManagedArrays().size(), "every array of the step is the caller's");
        }
    }

    @Test
    void aViewShiftIsOnlyForDirectModels() {
        assertThrows(IllegalArgumentException.class, () -> WorldModelConfig.NF_WORLD_SMALL.withViewShift(5.5f));
        assertThrows(IllegalArgumentException.class, () -> TINY.withViewShift(-1f));
        assertThrows(IllegalArgumentException.class, () -> TINY.withViewShift(Float.NaN));
    }

    private static float[] changeBase(float viewShift, float yaw, float pitch) {
        float[] action = new float[OasisAction.SIZE];
        action[OasisAction.CAMERA_YAW] = yaw;
        action[OasisAction.CAMERA_PITCH] = pitch;
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.create(TINY.withViewShift(viewShift), manager, 1)) {
            NDArray latents = WorldDit.owned(manager, frame(), new Shape(1, 1, ROWS, COLS, CHANNELS));
            NDArray actions = WorldDit.owned(manager, action, new Shape(1, 1, OasisAction.SIZE));
            return model.changeBase(latents, actions).toFloatArray();
        }
    }

    private static float[] frame() {
        Random random = new Random(3);
        float[] frame = new float[LatentContract.LATENT_FLOATS];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (float) random.nextGaussian();
        }
        return frame;
    }

    private static int index(int row, int column, int channel) {
        return (row * COLS + column) * CHANNELS + channel;
    }
}
