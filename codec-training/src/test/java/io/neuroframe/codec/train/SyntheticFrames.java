package io.neuroframe.codec.train;

import io.neuroframe.api.LatentContract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Small voxel-like test images: a sky gradient over blocky ground, different per seed. */
final class SyntheticFrames {
    private SyntheticFrames() {
    }

    static float[] frame(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int h = LatentContract.IMAGE_HEIGHT;
        int w = LatentContract.IMAGE_WIDTH;
        float[] planar = new float[LatentContract.IMAGE_FLOATS];
        int horizon = 120 + random.nextInt(120);
        float[][] blockColours = new float[8][3];
        for (float[] c : blockColours) {
            for (int k = 0; k < 3; k++) {
                c[k] = 0.2f + 0.6f * (float) random.nextDouble();
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float[] rgb;
                if (y < horizon) {
                    float t = y / (float) horizon;
                    rgb = new float[] {0.4f + 0.3f * t, 0.6f + 0.2f * t, 0.95f};
                } else {
                    rgb = blockColours[((x / 40) * 7 + ((y - horizon) / 40) * 3) % blockColours.length];
                }
                for (int c = 0; c < 3; c++) {
                    planar[LatentContract.imageIndex(c, y, x)] = rgb[c];
                }
            }
        }
        return planar;
    }

    static FrameStore store(Path dir, int count, long seed) throws IOException {
        return FrameStore.openOrBuild(dir.resolve("frames.u8"), count, seed, i -> frame(seed * 1000 + i),
                (done, total) -> { });
    }
}
