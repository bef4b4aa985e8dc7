package io.neuroframe.codec.train;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.metrics.PixelMetrics;
import io.neuroframe.codec.metrics.Ssim;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How far the decoded image moves when Gaussian noise is added to the latent: for each standard deviation, the
 * decode of the noisy latent against the decode of the clean one (PSNR from the mean MSE, mean SSIM), beside the
 * latent MSE the noise made. A world model's predicted latents carry errors of such sizes; the rows show what an
 * error with no structure costs on screen, so a model's own decoded error at the same latent MSE says how
 * structured its errors are. The noise is drawn from a fixed seed, frame after frame, so a run repeats exactly.
 */
final class LatentNoiseSensitivity {

    /** One standard deviation's figures over the frames added so far. */
    record Row(double deviation, double latentMse, double psnr, double ssim) {
    }

    private final Decoder decoder;
    private final double[] deviations;
    private final SplittableRandom random = new SplittableRandom(1);
    private final double[] latentSquaredError;
    private final double[] pixelSquaredError;
    private final double[] ssimSum;
    private final FloatBuffer noisy = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
    private final FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
    private int frames;

    /**
     * @param decoder the decoder under test
     * @param deviations standard deviations of the noise, in scaled-latent units, each positive and finite
     */
    LatentNoiseSensitivity(Decoder decoder, double[] deviations) {
        requireDeviations(deviations);
        this.decoder = decoder;
        this.deviations = deviations.clone();
        this.latentSquaredError = new double[deviations.length];
        this.pixelSquaredError = new double[deviations.length];
        this.ssimSum = new double[deviations.length];
    }

    /**
     * Checks standard deviations for {@link #LatentNoiseSensitivity}.
     *
     * @throws IllegalArgumentException when there are none, or one is not positive and finite
     */
    static void requireDeviations(double[] deviations) {
        if (deviations.length == 0) {
            throw new IllegalArgumentException("no noise deviation given");
        }
        for (double d : deviations) {
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("a latent noise deviation must be positive and finite, got " + d);
            }
        }
    }

    /**
     * Decodes {@code latent} (scaled, 9216 floats) with noise of every deviation and compares each image with
     * {@code cleanImage}, the decoder's image of the latent itself.
     */
    void add(float[] latent, float[] cleanImage) {
        float[] values = noisy.array();
        for (int d = 0; d < deviations.length; d++) {
            double squared = 0;
            for (int i = 0; i < values.length; i++) {
                float noise = (float) (deviations[d] * random.nextGaussian());
                values[i] = latent[i] + noise;
                squared += (double) noise * noise;
            }
            decoder.decode(noisy.clear(), image.clear());
            latentSquaredError[d] += squared / values.length;
            pixelSquaredError[d] += PixelMetrics.mse(cleanImage, image.array());
            ssimSum[d] += Ssim.ssim(cleanImage, image.array(), LatentContract.IMAGE_CHANNELS,
                    LatentContract.IMAGE_HEIGHT, LatentContract.IMAGE_WIDTH);
        }
        frames++;
    }

    /** The figures per deviation, in the order given; empty before any frame. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        if (frames == 0) {
            return rows;
        }
        for (int d = 0; d < deviations.length; d++) {
            rows.add(new Row(deviations[d], latentSquaredError[d] / frames,
                    PixelMetrics.psnrFromMse(pixelSquaredError[d] / frames), ssimSum[d] / frames));
        }
        return rows;
    }
}
