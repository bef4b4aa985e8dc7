package io.neuroframe.world.train;

import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.model.WorldModelWeights;
import io.neuroframe.world.onnx.OrtWorldStepper;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.safetensors.SafetensorsFile;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Actions matter to the trained world model ({@code models/nf-world-small-direct.safetensors}):
 * from one real encoded frame (a held-out meadow frame with a row of trees on the horizon),
 * turning left and turning right move the content in opposite directions (at least a token column
 * apart), and walking forward gives a frame that differs from standing still by more than 5% of the
 * start frame's rms.
 *
 * <p>The shift is measured on the latent grid: the horizontal offset, in token columns (20 pixels
 * each), at which the start frame best matches the predicted frame by normalized cross-correlation
 * over the overlapping columns, refined to a fraction of a column by a parabola through the peak.
 */
class TrainedWorldModelActionTest {
    private static final Path WEIGHTS = Path.of("..", "models", "nf-world-small-direct.safetensors");
    private static final String START = "/meadow-009-frame-068.safetensors";
    /** Steps of each action: 4 degrees a step, as the headless dream script turns. */
    private static final int STEPS = 4;
    private static final float TURN_DEGREES = 4f;
    private static final int MAX_SHIFT = 8;
    /** Walking and standing still must differ by more than this share of the start frame's rms. */
    private static final double WALK_DIFFERENCE = 0.05;
    private static final int ROWS = LatentContract.TOKEN_ROWS;
    private static final int COLS = LatentContract.TOKEN_COLS;
    private static final int CH = LatentContract.CHANNELS;

    private static float[] start;
    private static WorldModelConfig config;

    @BeforeAll
    static void loadStart() throws IOException, URISyntaxException {
        config = WorldModelWeights.recordedConfig(WEIGHTS);
        try (SafetensorsFile file = SafetensorsFile.open(Path.of(TrainedWorldModelActionTest.class.getResource(START).toURI()))) {
            start = file.read("latent").data();
        }
    }

    @Test
    void turningLeftAndRightShiftContentInOppositeDirections() {
        float[] left = dream(OasisAction.builder().look(0, -TURN_DEGREES).build());
        float[] right = dream(OasisAction.builder().look(0, TURN_DEGREES).build());
        double leftShift = shift(start, left);
        double rightShift = shift(start, right);
        String figures = String.format(Locale.ROOT, "after %d steps of %.0f degrees: turning left shifts content by %+.2f "
                + "token columns, turning right by %+.2f", STEPS, TURN_DEGREES, leftShift, rightShift);
        System.out.println(figures);
        // turning right moves the view right, so the content moves left (negative), and the other way round
        assertTrue(rightShift < 0 && leftShift > 0, figures);
        assertTrue(leftShift - rightShift >= 1, "the two turns should differ by at least a token column: " + figures);
    }

    @Test
    void walkingForwardDiffersFromStandingStill() {
        float[] walk = dream(OasisAction.builder().forward().build());
        float[] still = dream(OasisAction.NONE);
        double walkVsStill = rms(walk, still);
        double startRms = rms(start, new float[start.length]);
        String figures = String.format(Locale.ROOT, "after %d steps: rms(walk - still) %.4f, rms(walk - start) %.4f, "
                + "rms(still - start) %.4f, rms(start) %.4f", STEPS, walkVsStill, rms(walk, start), rms(still, start),
                startRms);
        System.out.println(figures);
        assertTrue(walkVsStill > WALK_DIFFERENCE * startRms, "walking should give a frame that differs from standing "
                + "still by more than " + WALK_DIFFERENCE + " of the start frame's rms: " + figures);
    }

    /** The latent after {@link #STEPS} steps of {@code action} from the start frame. */
    private static float[] dream(OasisAction action) {
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.load(WEIGHTS, config, manager);
             OrtWorldStepper stepper = OrtWorldStepper.create(model.config(), model.toTensors(), OrtOptions.defaults().withIntraOpThreads(1))) {
            FloatBuffer next = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
            stepper.reset(FloatBuffer.wrap(start));
            for (int i = 0; i < STEPS; i++) {
                stepper.step(action, next);
            }
            return next.array();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + WEIGHTS.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The horizontal offset {@code s} (token columns, fractional) that best maps {@code from} onto
     * {@code to}: {@code to[c]} resembles {@code from[c - s]}.
     */
    static double shift(float[] from, float[] to) {
        double[] score = new double[2 * MAX_SHIFT + 1];
        int best = 0;
        for (int s = -MAX_SHIFT; s <= MAX_SHIFT; s++) {
            score[s + MAX_SHIFT] = correlation(from, to, s);
            if (score[s + MAX_SHIFT] > score[best]) {
                best = s + MAX_SHIFT;
            }
        }
        double offset = 0;
        if (best > 0 && best < score.length - 1) {
            double a = score[best - 1];
            double b = score[best];
            double c = score[best + 1];
            double denominator = a - 2 * b + c;
            offset = denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
        }
        return best - MAX_SHIFT + offset;
    }

    /**
     * Correlation of {@code to[r][c]} with {@code from[r][c - s]} over the overlapping columns, each
     * channel centred on its own mean there.
     */
    private static double correlation(float[] from, float[] to, int s) {
        double[] meanA = new double[CH];
        double[] meanB = new double[CH];
        int first = Math.max(0, s);
        int end = Math.min(COLS, COLS + s);
        int n = ROWS * (end - first);
        for (int r = 0; r < ROWS; r++) {
            for (int c = first; c < end; c++) {
                for (int k = 0; k < CH; k++) {
                    meanA[k] += from[(r * COLS + c - s) * CH + k] / (double) n;
                    meanB[k] += to[(r * COLS + c) * CH + k] / (double) n;
                }
            }
        }
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int r = 0; r < ROWS; r++) {
            for (int c = first; c < end; c++) {
                for (int k = 0; k < CH; k++) {
                    double a = from[(r * COLS + c - s) * CH + k] - meanA[k];
                    double b = to[(r * COLS + c) * CH + k] - meanB[k];
                    ab += a * b;
                    aa += a * a;
                    bb += b * b;
                }
            }
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static double rms(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum / a.length);
    }
}
