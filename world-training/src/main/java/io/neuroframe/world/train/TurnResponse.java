package io.neuroframe.world.train;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.world.dream.ScriptedPlay;
import io.neuroframe.world.dream.WorldStepper;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether the model's turns move the scene as far as real turns do, measured with {@link HorizontalShift} on
 * decoded frames.
 *
 * <ul>
 *   <li><b>Real pixels per degree</b>: on the held-out trajectories' turning steps (a yaw of
 *       {@value #MIN_YAW_DEGREES} to {@value #MAX_YAW_DEGREES} degrees, no movement key, no jump, a pitch under
 *       {@value #MAX_PITCH_DEGREES}), the
 *       shift between consecutive decoded true frames against the turn, turning right counted positive.</li>
 *   <li><b>One step</b>: on the same steps, the model's prediction from the true context against the decoded true
 *       frame before it; the ratio of its summed shift to the real one (1: the model turns as far), over all of
 *       them and over the right and the left turns apart.</li>
 *   <li><b>A 90-degree turn in free run</b>, to the right and to the left: from start frames spread evenly over each
 *       held-out trajectory (the first with a full context, then on to its last frame), turns of
 *       {@link ScriptedPlay#TURN_DEGREES_PER_STEP} degrees a step summing to 90, the model on
 *       its own latents; the summed shift between consecutive decoded frames, counted in the turn's direction,
 *       against 90 times the real pixels per degree; and step by step, each step's mean shift against the real
 *       shift of its turn, which shows where in the turn the scene stops following.</li>
 *   <li><b>Standing still in free run</b>: the same number of steps without input, its summed shift counted as a
 *       right turn's, against the same expectation: how far the model turns the scene on its own. A drift adds to
 *       the turns one way and takes from them the other.</li>
 * </ul>
 * The camera's projection makes the shift of a turn grow from the image centre to its edges; calibrating on real
 * frames of the same game takes that, and the codec's blur, into the expectation.
 */
public final class TurnResponse {
    /** Smallest yaw of a real step that counts as a turn. */
    public static final float MIN_YAW_DEGREES = 1f;
    /** Largest yaw of a real step that counts as a turn (a larger one can leave {@link HorizontalShift}'s range). */
    public static final float MAX_YAW_DEGREES = 8f;
    /** Largest pitch of a real step that counts as a turn. */
    public static final float MAX_PITCH_DEGREES = 0.5f;
    /** Degrees of the free-running turn. */
    public static final float TURN_DEGREES = 90f;
    private static final int FRAME = LatentContract.LATENT_FLOATS;
    private static final int[] MOVEMENT = {OasisAction.FORWARD, OasisAction.BACK, OasisAction.LEFT, OasisAction.RIGHT,
        OasisAction.JUMP};

    /**
     * The figures.
     *
     * @param turningSteps real turning steps measured
     * @param realPixelsPerDegree the scene's shift per degree of turn on real frames, turning right positive
     * @param oneStepRatio the model's one-step shift over the real one on the same steps
     * @param oneStepRightRatio the same on the right turns among them only (NaN when there is none)
     * @param oneStepLeftRatio the same on the left turns among them only (NaN when there is none)
     * @param turns free-running 90-degree turns measured in each direction (one per start frame)
     * @param rightTurnRatio the mean free-running 90-degree right turn's shift over 90 times the real pixels per degree
     * @param leftTurnRatio the same for left turns
     * @param standStillRatio the free-running shift without input, counted as a right turn's, over the same expectation
     * @param rightTurnSteps step by step through the free-running right turn: the mean shift of that step over the
     *     real shift of its turn (1: the scene follows the step as far as real frames do)
     * @param leftTurnSteps the same through the left turn
     * @param standStillSteps the same without input, each step counted as a right turn's
     */
    public record Result(int turningSteps, double realPixelsPerDegree, double oneStepRatio, double oneStepRightRatio,
            double oneStepLeftRatio, int turns, double rightTurnRatio, double leftTurnRatio, double standStillRatio,
            double[] rightTurnSteps, double[] leftTurnSteps, double[] standStillSteps) {
    }

    private TurnResponse() {
    }

    /**
     * Measures {@code stepper} on {@code heldOut}, at most {@code maxSteps} real turning steps (spread over them) and
     * a free-running turn each way from each of {@code startsPerTrajectory} start frames of every trajectory.
     *
     * @throws IllegalArgumentException if the held-out trajectories hold no turning step, or {@code startsPerTrajectory}
     *     is below 1
     */
    public static Result measure(WorldStepper stepper, int contextFrames, List<LatentTrajectory> heldOut,
            Decoder decoder, int maxSteps, int startsPerTrajectory) {
        if (startsPerTrajectory < 1) {
            throw new IllegalArgumentException("starts per trajectory must be at least 1, got " + startsPerTrajectory);
        }
        List<int[]> steps = new ArrayList<>();
        for (int t = 0; t < heldOut.size(); t++) {
            LatentTrajectory trajectory = heldOut.get(t);
            for (int f = 1; f < trajectory.frames(); f++) {
                if (isTurn(trajectory.action(f))) {
                    steps.add(new int[] {t, f});
                }
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the held-out trajectories hold no turning step (yaw of at least "
                    + MIN_YAW_DEGREES + " degrees without movement)");
        }
        // index 0: right turns, 1: left turns
        double[] realShift = new double[2];
        double[] modelShift = new double[2];
        double degrees = 0;
        float[] predicted = new float[FRAME];
        List<int[]> measured = spread(steps, maxSteps);
        for (int[] step : measured) {
            LatentTrajectory t = heldOut.get(step[0]);
            int f = step[1];
            OasisAction action = t.action(f);
            float yaw = action.yawDegrees();
            int from = Math.max(0, f - contextFrames);
            stepper.reset(FloatBuffer.wrap(t.latents(), t.latentOffset(from), FRAME));
            for (int c = from + 1; c < f; c++) {
                stepper.push(FloatBuffer.wrap(t.latents(), t.latentOffset(c), FRAME), t.action(c));
            }
            stepper.step(action, FloatBuffer.wrap(predicted));
            float[] images = decoder.decodeBatch(WorldEvaluator.concat(latent(t, f - 1), latent(t, f), predicted), 3);
            float[] before = Arrays.copyOfRange(images, 0, LatentContract.IMAGE_FLOATS);
            // turning right moves the scene left: the shift against the turn is positive for a right turn
            int side = yaw > 0 ? 0 : 1;
            realShift[side] -= Math.signum(yaw) * HorizontalShift.estimate(before,
                    Arrays.copyOfRange(images, LatentContract.IMAGE_FLOATS, 2 * LatentContract.IMAGE_FLOATS));
            modelShift[side] -= Math.signum(yaw) * HorizontalShift.estimate(before,
                    Arrays.copyOfRange(images, 2 * LatentContract.IMAGE_FLOATS, 3 * LatentContract.IMAGE_FLOATS));
            degrees += Math.abs(yaw);
        }
        double pixelsPerDegree = (realShift[0] + realShift[1]) / degrees;
        float[] yaws = turnYaws();
        double[] right = new double[yaws.length];
        double[] left = new double[yaws.length];
        double[] still = new double[yaws.length];
        int runs = 0;
        for (LatentTrajectory t : heldOut) {
            int firstStart = Math.min(contextFrames, t.frames()) - 1;
            for (int start : WorldEvaluator.spread(firstStart, t.frames() - 1, startsPerTrajectory)) {
                addFreeRunningShifts(stepper, t, start, contextFrames, decoder, yaws, 1, right);
                addFreeRunningShifts(stepper, t, start, contextFrames, decoder, yaws, -1, left);
                addFreeRunningShifts(stepper, t, start, contextFrames, decoder, yaws, 0, still);
                runs++;
            }
        }
        double expected = runs * TURN_DEGREES * pixelsPerDegree;
        return new Result(measured.size(), pixelsPerDegree, (modelShift[0] + modelShift[1]) / (realShift[0] + realShift[1]),
                ratio(modelShift[0], realShift[0]), ratio(modelShift[1], realShift[1]), runs,
                Arrays.stream(right).sum() / expected, Arrays.stream(left).sum() / expected,
                Arrays.stream(still).sum() / expected, perStep(right, yaws, runs, pixelsPerDegree),
                perStep(left, yaws, runs, pixelsPerDegree), perStep(still, yaws, runs, pixelsPerDegree));
    }

    /** The yaw of each step of the free-running turn: {@link ScriptedPlay#TURN_DEGREES_PER_STEP} until 90 is reached. */
    private static float[] turnYaws() {
        int steps = (int) Math.ceil(TURN_DEGREES / ScriptedPlay.TURN_DEGREES_PER_STEP);
        float[] yaws = new float[steps];
        for (int k = 0; k < steps; k++) {
            yaws[k] = Math.min(ScriptedPlay.TURN_DEGREES_PER_STEP, TURN_DEGREES - k * ScriptedPlay.TURN_DEGREES_PER_STEP);
        }
        return yaws;
    }

    private static double[] perStep(double[] summedShifts, float[] yaws, int runs, double pixelsPerDegree) {
        double[] out = new double[yaws.length];
        for (int k = 0; k < yaws.length; k++) {
            out[k] = summedShifts[k] / (runs * yaws[k] * pixelsPerDegree);
        }
        return out;
    }

    private static double ratio(double model, double real) {
        return real == 0 ? Double.NaN : model / real;
    }

    /** Whether a real step turns the view sideways and does nothing else that moves the scene. */
    static boolean isTurn(OasisAction action) {
        float yaw = Math.abs(action.yawDegrees());
        if (yaw < MIN_YAW_DEGREES || yaw > MAX_YAW_DEGREES || Math.abs(action.pitchDegrees()) >= MAX_PITCH_DEGREES) {
            return false;
        }
        for (int key : MOVEMENT) {
            if (action.isPressed(key)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds to {@code shifts} each step's shift, counted in the turn's direction (as a right turn's without input), of
     * a free-running 90-degree turn of {@code yaws} from frame {@code start} of the trajectory and the context before
     * it: turning right for {@code direction} 1, left for -1, without input for 0.
     */
    private static void addFreeRunningShifts(WorldStepper stepper, LatentTrajectory t, int start, int contextFrames,
            Decoder decoder, float[] yaws, int direction, double[] shifts) {
        int from = Math.max(0, start - contextFrames + 1);
        stepper.reset(FloatBuffer.wrap(t.latents(), t.latentOffset(from), FRAME));
        for (int c = from + 1; c <= start; c++) {
            stepper.push(FloatBuffer.wrap(t.latents(), t.latentOffset(c), FRAME), t.action(c));
        }
        float[] previous = decoder.decodeBatch(latent(t, start), 1);
        float[] next = new float[FRAME];
        double sense = direction < 0 ? -1 : 1;
        for (int k = 0; k < yaws.length; k++) {
            stepper.step(OasisAction.builder().look(0f, direction * yaws[k]).build(), FloatBuffer.wrap(next));
            float[] image = decoder.decodeBatch(next, 1);
            // turning right moves the scene left
            shifts[k] -= sense * HorizontalShift.estimate(previous, image);
            previous = image;
        }
    }

    private static float[] latent(LatentTrajectory t, int f) {
        return Arrays.copyOfRange(t.latents(), t.latentOffset(f), t.latentOffset(f) + FRAME);
    }

    private static List<int[]> spread(List<int[]> all, int count) {
        if (all.size() <= count) {
            return all;
        }
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(all.get((int) ((long) i * all.size() / count)));
        }
        return out;
    }
}
