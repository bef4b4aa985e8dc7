package io.neuroframe.world.train;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.metrics.PixelMetrics;
import io.neuroframe.codec.metrics.Ssim;
import io.neuroframe.world.dream.WorldStepper;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures how well a world model predicts held-out trajectories several steps ahead, against
 * the copy-last-frame baseline.
 *
 * <p>From each start frame {@code s} the stepper gets the true context (up to
 * {@code maxFrames - 1} frames ending at {@code s}) and then rolls out on its own with the
 * recorded actions; after {@code h} steps its latent is compared with the true frame
 * {@code s + h}, and so is frame {@code s} (the baseline). Latents are compared by mean squared
 * error; with a decoder both are decoded and compared to the decoded true latent by PSNR and
 * SSIM, so the codec's own error does not enter the figures.
 */
public final class WorldEvaluator {
    private static final int FRAME = LatentContract.LATENT_FLOATS;

    /** Mean figures at one horizon. */
    public record Row(int horizon, int samples, double modelLatentMse, double baselineLatentMse,
                      double modelPsnr, double baselinePsnr, double modelSsim, double baselineSsim) {
    }

    private WorldEvaluator() {
    }

    /**
     * Rows for the horizons that at least one trajectory reaches (ascending); a horizon longer than
     * every trajectory is left out rather than reported as an average of no samples.
     *
     * @param horizons steps ahead, ascending, each at least 1
     * @param startsPerTrajectory start frames per trajectory (at least 1), spread evenly over those that leave
     *     room for the longest reachable horizon
     * @param decoder decodes latents for PSNR and SSIM; null to report latent error only (NaN in the pixel columns)
     * @throws IllegalArgumentException if no trajectory reaches even the shortest horizon, an argument is out of range,
     *     or the model's latent becomes non-finite (no figure of a diverged rollout is reported)
     */
    public static List<Row> evaluate(WorldStepper stepper, int contextFrames, List<LatentTrajectory> trajectories,
                                     int[] horizons, int startsPerTrajectory, Decoder decoder) {
        if (startsPerTrajectory < 1) {
            throw new IllegalArgumentException("starts per trajectory must be at least 1, got " + startsPerTrajectory);
        }
        if (horizons.length == 0 || horizons[0] < 1 || !isStrictlyAscending(horizons)) {
            throw new IllegalArgumentException("horizons must be distinct, ascending and at least 1, got "
                    + Arrays.toString(horizons));
        }
        int reach = reach(trajectories);
        int[] reachable = Arrays.stream(horizons).filter(h -> h <= reach).toArray();
        if (reachable.length == 0) {
            throw new IllegalArgumentException("no held-out trajectory reaches any horizon of " + Arrays.toString(horizons)
                    + ": the longest has " + (reach + 1) + " frames, so it reaches " + reach + " steps ahead");
        }
        return evaluateReachable(stepper, contextFrames, trajectories, reachable, startsPerTrajectory, decoder);
    }

    /** How many steps ahead the longest trajectory reaches from its first frame (its frames minus one). */
    public static int reach(List<LatentTrajectory> trajectories) {
        return trajectories.stream().mapToInt(t -> t.frames() - 1).max().orElse(0);
    }

    private static boolean isStrictlyAscending(int[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] <= values[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static List<Row> evaluateReachable(WorldStepper stepper, int contextFrames,
                                               List<LatentTrajectory> trajectories, int[] horizons,
                                               int startsPerTrajectory, Decoder decoder) {
        int longest = horizons[horizons.length - 1];
        double[][] sums = new double[horizons.length][6];
        int[] counts = new int[horizons.length];
        float[] predicted = new float[FRAME];
        FloatBuffer predictedBuffer = FloatBuffer.wrap(predicted);
        for (LatentTrajectory t : trajectories) {
            int firstStart = 0;
            int lastStart = t.frames() - 1 - longest;
            if (lastStart < firstStart) {
                continue;
            }
            for (int start : spread(firstStart, lastStart, startsPerTrajectory)) {
                int from = Math.max(0, start - contextFrames + 1);
                stepper.reset(FloatBuffer.wrap(t.latents(), t.latentOffset(from), FRAME));
                for (int f = from + 1; f <= start; f++) {
                    stepper.push(FloatBuffer.wrap(t.latents(), t.latentOffset(f), FRAME), t.action(f));
                }
                int next = 0;
                for (int h = 1; h <= longest; h++) {
                    stepper.step(t.action(start + h), predictedBuffer);
                    if (!allFinite(predicted)) {
                        throw new IllegalArgumentException("the model's latent became non-finite " + h
                                + " steps ahead of frame " + start + " of " + t.name() + "; a diverged model has no figures");
                    }
                    if (next < horizons.length && horizons[next] == h) {
                        float[] truth = Arrays.copyOfRange(t.latents(), t.latentOffset(start + h), t.latentOffset(start + h) + FRAME);
                        float[] last = Arrays.copyOfRange(t.latents(), t.latentOffset(start), t.latentOffset(start) + FRAME);
                        accumulate(sums[next], predicted, last, truth, decoder);
                        counts[next]++;
                        next++;
                    }
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < horizons.length; i++) {
            double n = counts[i];
            double[] s = sums[i];
            rows.add(new Row(horizons[i], counts[i], s[0] / n, s[1] / n, s[2] / n, s[3] / n, s[4] / n, s[5] / n));
        }
        return rows;
    }

    /** A fixed-width text table of {@code rows}; a figure that was not measured (no decoder) shows as {@code -}. */
    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-8s %-8s %-22s %-22s %-20s%n", "horizon", "samples",
                "latent MSE model/copy", "PSNR dB model/copy", "SSIM model/copy"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-8d %-8d %-22s %-22s %-20s%n", r.horizon(), r.samples(),
                    pair("%.5f", r.modelLatentMse(), r.baselineLatentMse()),
                    pair("%.2f", r.modelPsnr(), r.baselinePsnr()),
                    pair("%.4f", r.modelSsim(), r.baselineSsim())));
        }
        return sb.toString();
    }

    private static String pair(String format, double model, double baseline) {
        return figure(format, model) + " / " + figure(format, baseline);
    }

    private static String figure(String format, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
    }

    private static void accumulate(double[] sums, float[] predicted, float[] last, float[] truth, Decoder decoder) {
        sums[0] += PixelMetrics.mse(truth, predicted);
        sums[1] += PixelMetrics.mse(truth, last);
        if (decoder == null) {
            for (int i = 2; i < 6; i++) {
                sums[i] = Double.NaN;
            }
            return;
        }
        float[] images = decoder.decodeBatch(concat(truth, predicted, last), 3);
        int n = LatentContract.IMAGE_FLOATS;
        float[] truthImage = Arrays.copyOfRange(images, 0, n);
        float[] modelImage = Arrays.copyOfRange(images, n, 2 * n);
        float[] lastImage = Arrays.copyOfRange(images, 2 * n, 3 * n);
        sums[2] += cappedPsnr(truthImage, modelImage);
        sums[3] += cappedPsnr(truthImage, lastImage);
        sums[4] += Ssim.ssim(truthImage, modelImage, 3, LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH);
        sums[5] += Ssim.ssim(truthImage, lastImage, 3, LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH);
    }

    /** PSNR capped at 100 dB so that an exact copy (a still scene) does not make the mean infinite. */
    private static double cappedPsnr(float[] a, float[] b) {
        return Math.min(100, PixelMetrics.psnr(a, b));
    }

    /** The latents {@code parts} one after the other, a batch to decode. */
    static float[] concat(float[]... parts) {
        float[] out = new float[parts.length * FRAME];
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, out, i * FRAME, FRAME);
        }
        return out;
    }

    /** Whether every value of {@code values} is finite. */
    static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** {@code count} frames spread evenly from {@code first} to {@code last}, both included (fewer if there are fewer). */
    static int[] spread(int first, int last, int count) {
        int n = Math.min(count, last - first + 1);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = n == 1 ? first : first + (int) ((long) i * (last - first) / (n - 1));
        }
        return out;
    }
}
