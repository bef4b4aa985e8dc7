package io.neuroframe.codec.data;

import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * The latents an int8 decoder is calibrated on ({@code StaticInt8Quantizer}): the codec's latents
 * of frames of the dataset's training split, spread evenly over it (so every style is in), never
 * of validation frames, on which the int8 decoder is then evaluated.
 */
public final class CalibrationLatents {
    /** How many training frames the tools calibrate on. */
    public static final int DEFAULT_FRAMES = 64;

    private CalibrationLatents() {
    }

    /**
     * {@code encoder}'s latents of {@code count} training frames of the dataset in {@code folder},
     * spread evenly over its training split (all of them if it has fewer).
     *
     * @throws IOException if the manifest or a frame cannot be read
     * @throws IllegalArgumentException naming the folder if it has no training frames, or if
     *         {@code count} is not positive
     */
    public static float[][] ofTrainingFrames(Path folder, Encoder encoder, int count) throws IOException {
        if (count <= 0) {
            throw new IllegalArgumentException("calibration frames must be positive, got " + count);
        }
        DatasetManifest manifest = DatasetManifest.read(folder);
        List<DatasetFrame> train = manifest.frames(Split.TRAIN);
        if (train.isEmpty()) {
            throw new IllegalArgumentException(folder + ": the dataset has no training frames to calibrate on");
        }
        int n = Math.min(count, train.size());
        float[][] latents = new float[n][LatentContract.LATENT_FLOATS];
        float[] image = new float[LatentContract.IMAGE_FLOATS];
        for (int i = 0; i < n; i++) {
            DatasetFrame frame = train.get((int) ((long) i * train.size() / n));
            ImageIo.readPlanarRgb(manifest.imagePath(frame), image);
            encoder.encode(FloatBuffer.wrap(image), FloatBuffer.wrap(latents[i]));
        }
        return latents;
    }
}
