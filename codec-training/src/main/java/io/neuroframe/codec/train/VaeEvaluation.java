package io.neuroframe.codec.train;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.metrics.PixelMetrics;
import io.neuroframe.codec.metrics.Ssim;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reconstruction quality of an encoder/decoder pair, accumulated frame by frame per style and
 * overall. MSE, SSIM and MS-SSIM are means over frames; PSNR is computed from the group's mean
 * MSE (so it agrees with the MSE column).
 */
final class VaeEvaluation {
    private final Encoder encoder;
    private final Decoder decoder;
    private final FloatBuffer latent = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
    private final FloatBuffer reconstruction = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
    private final Map<String, Totals> styles = new LinkedHashMap<>();
    private final Totals overall = new Totals();

    VaeEvaluation(Encoder encoder, Decoder decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** A frame's latent (scaled) and its decoded image, fresh arrays. */
    record Reconstruction(float[] latent, float[] image) {
    }

    /** Metrics of one group of frames. */
    record Metrics(int frames, double mse, double psnr, double ssim, double msSsim) {
    }

    private static final class Totals {
        int frames;
        double mse;
        double ssim;
        double msSsim;

        void add(double frameMse, double frameSsim, double frameMsSsim) {
            frames++;
            mse += frameMse;
            ssim += frameSsim;
            msSsim += frameMsSsim;
        }

        Metrics metrics() {
            double meanMse = mse / frames;
            return new Metrics(frames, meanMse, PixelMetrics.psnrFromMse(meanMse), ssim / frames, msSsim / frames);
        }
    }

    /** Encodes and decodes {@code image} (planar, [0, 1]), adds its metrics under {@code style}. */
    Reconstruction add(String style, float[] image) {
        encoder.encode(FloatBuffer.wrap(image), latent.clear());
        decoder.decode(latent.clear(), reconstruction.clear());
        float[] decoded = reconstruction.array().clone();
        int c = LatentContract.IMAGE_CHANNELS;
        int h = LatentContract.IMAGE_HEIGHT;
        int w = LatentContract.IMAGE_WIDTH;
        double mse = PixelMetrics.mse(image, decoded);
        double ssim = Ssim.ssim(image, decoded, c, h, w);
        double msSsim = Ssim.msSsim(image, decoded, c, h, w);
        styles.computeIfAbsent(style, s -> new Totals()).add(mse, ssim, msSsim);
        overall.add(mse, ssim, msSsim);
        return new Reconstruction(latent.array().clone(), decoded);
    }

    /** Metrics per style, in the order styles were first seen. */
    Map<String, Metrics> perStyle() {
        Map<String, Metrics> out = new LinkedHashMap<>();
        styles.forEach((style, totals) -> out.put(style, totals.metrics()));
        return out;
    }

    Metrics overall() {
        return overall.metrics();
    }
}
