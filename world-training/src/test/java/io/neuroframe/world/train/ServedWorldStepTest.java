package io.neuroframe.world.train;

import io.neuroframe.codec.onnx.OrtRuntime;
import io.neuroframe.world.onnx.OrtWorldStepper;
import io.neuroframe.world.onnx.WorldDitOnnxExporter;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.model.WorldModelWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.onnx.OrtSessions;
import io.neuroframe.codec.safetensors.SafetensorsFile;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The served step of the trained world model ({@code models/nf-world-small-direct.safetensors})
 * gives, for every row of a batch, the next latent {@link OrtWorldStepper} gives from that row's
 * latent as its only context frame.
 */
class ServedWorldStepTest {
    private static final Path WEIGHTS = Path.of("..", "models", "nf-world-small-direct.safetensors");
    private static final String START = "/meadow-009-frame-068.safetensors";
    private static final float TOLERANCE = 1e-4f;
    private static final int N = LatentContract.LATENT_FLOATS;

    /** With a view shift too: the served graph moves each row by its own camera, as the one-frame step does. */
    @ParameterizedTest
    @ValueSource(floats = {0f, 5.5f})
    void eachBatchRowEqualsTheOneFrameStep(float viewShift) throws Exception {
        float[] start;
        try (SafetensorsFile file = SafetensorsFile.open(Path.of(getClass().getResource(START).toURI()))) {
            start = file.read("latent").data();
        }
        OasisAction[] actions = {OasisAction.builder().look(0, 6).build(), OasisAction.builder().forward().jump().build(),
            OasisAction.NONE};
        WorldModelConfig recorded = WorldModelWeights.recordedConfig(WEIGHTS);
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.fromTensors(recorded.withViewShift(viewShift), WorldModelWeights.load(WEIGHTS, recorded),
                     WEIGHTS.toString(), manager);
             OrtWorldStepper stepper = OrtWorldStepper.create(model.config(), model.toTensors(), OrtOptions.defaults().withIntraOpThreads(1));
             OrtSessions.Opened served = OrtSessions.open(WorldDitOnnxExporter.servedStep(model.config(), model.toTensors()).toByteArray(),
                     "served step", OrtOptions.defaults().withIntraOpThreads(1))) {
            long[] latentShape = ((TensorInfo) served.session().getInputInfo().get(WorldDitOnnxExporter.SERVED_LATENT)
                    .getInfo()).getShape();
            assertArrayEquals(new long[] {-1, LatentContract.CHANNELS, LatentContract.TOKEN_ROWS,
                LatentContract.TOKEN_COLS}, latentShape, "served latent shape, symbolic batch");

            // rows: the real frame, and the frame one step on, so the rows differ; each with its own action
            int batch = actions.length;
            float[][] contexts = new float[batch][];
            float[][] expected = new float[batch][N];
            contexts[0] = start;
            for (int b = 0; b < batch; b++) {
                if (b > 0) {
                    contexts[b] = expected[b - 1];
                }
                stepper.reset(FloatBuffer.wrap(contexts[b]));
                stepper.step(actions[b], FloatBuffer.wrap(expected[b]));
            }
            float[] latents = new float[batch * N];
            float[] actionRows = new float[batch * OasisAction.SIZE];
            for (int b = 0; b < batch; b++) {
                float[] channelFirst = new float[N];
                toChannelFirst(contexts[b], channelFirst);
                System.arraycopy(channelFirst, 0, latents, b * N, N);
                System.arraycopy(actions[b].toArray(), 0, actionRows, b * OasisAction.SIZE, OasisAction.SIZE);
            }
            OrtEnvironment env = OrtRuntime.environment();
            try (OnnxTensor z = OnnxTensor.createTensor(env, FloatBuffer.wrap(latents), new long[] {batch,
                     LatentContract.CHANNELS, LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS});
                 OnnxTensor a = OnnxTensor.createTensor(env, FloatBuffer.wrap(actionRows),
                         new long[] {batch, OasisAction.SIZE});
                 OrtSession.Result result = served.session().run(Map.of(WorldDitOnnxExporter.SERVED_LATENT, z,
                         WorldDitOnnxExporter.SERVED_ACTION, a))) {
                FloatBuffer next = ((OnnxTensor) result.get(WorldDitOnnxExporter.SERVED_NEXT).orElseThrow())
                        .getFloatBuffer();
                double worst = 0;
                double change = 0;
                float[] row = new float[N];
                float[] tokenMajor = new float[N];
                for (int b = 0; b < batch; b++) {
                    next.get(b * N, row);
                    toTokenMajor(row, tokenMajor);
                    for (int i = 0; i < N; i++) {
                        float diff = Math.abs(tokenMajor[i] - expected[b][i]);
                        worst = Math.max(worst, diff);
                        assertTrue(diff <= TOLERANCE, "row " + b + ", value " + i + ": served " + tokenMajor[i]
                                + ", one-frame step " + expected[b][i]);
                        change += Math.abs(expected[b][i] - contexts[b][i]);
                    }
                }
                System.out.printf("served step vs one-frame OrtWorldStepper step, batch %d: max |difference| %.2e, "
                        + "mean |change| of the step %.4f%n", batch, worst, change / (batch * N));
                assertTrue(change > batch * N * 1e-3, "the step changes the latent, so the comparison means something");
            }
        }
    }

    private static void toChannelFirst(float[] tokenMajor, float[] channelFirst) {
        int tokens = LatentContract.TOKENS;
        for (int t = 0; t < tokens; t++) {
            for (int c = 0; c < LatentContract.CHANNELS; c++) {
                channelFirst[c * tokens + t] = tokenMajor[t * LatentContract.CHANNELS + c];
            }
        }
    }

    private static void toTokenMajor(float[] channelFirst, float[] tokenMajor) {
        int tokens = LatentContract.TOKENS;
        for (int t = 0; t < tokens; t++) {
            for (int c = 0; c < LatentContract.CHANNELS; c++) {
                tokenMajor[t * LatentContract.CHANNELS + c] = channelFirst[c * tokens + t];
            }
        }
    }
}
