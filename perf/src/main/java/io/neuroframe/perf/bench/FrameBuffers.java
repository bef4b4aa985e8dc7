package io.neuroframe.perf.bench;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.frame.RgbaPacker;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/** Direct buffers of the frame path, filled deterministically, as the pipeline would hand them over. */
public final class FrameBuffers {
    private FrameBuffers() {
    }

    /** A direct buffer of one RGBA8 frame ({@link RgbaPacker#RGBA_BYTES} bytes), in native order. */
    public static ByteBuffer rgba() {
        return NativeBuffers.bytes(RgbaPacker.RGBA_BYTES);
    }

    /** One scaled latent frame with Gaussian values of the contract's typical spread. */
    public static FloatBuffer latent(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FloatBuffer latent = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
        for (int i = 0; i < LatentContract.LATENT_FLOATS; i++) {
            latent.put(i, (float) (gaussian(random) * LatentContract.SCALING_FACTOR));
        }
        return latent;
    }

    /** One planar RGB image with smooth gradients plus noise, values in [0, 1]. */
    public static FloatBuffer image(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FloatBuffer image = NativeBuffers.floats(LatentContract.IMAGE_FLOATS);
        int w = LatentContract.IMAGE_WIDTH;
        int h = LatentContract.IMAGE_HEIGHT;
        for (int c = 0; c < LatentContract.IMAGE_CHANNELS; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0.5 + 0.3 * Math.sin((x + 40 * c) / 37.0) * Math.cos(y / 23.0)
                            + 0.1 * random.nextDouble(-1, 1);
                    image.put(LatentContract.imageIndex(c, y, x), (float) Math.min(1, Math.max(0, v)));
                }
            }
        }
        return image;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
