package io.neuroframe.codec.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/** A tiny preset of the latent contract (width 64, one head of 64) and inputs for tests. */
public final class TinyCodec {

    static final VitVaeConfig CONFIG = new VitVaeConfig("test-tiny", 16, 20, 64, 1, 1, 64, 2, 1, 4);

    private TinyCodec() {
    }

    public static VitVaeWeights weights(long seed) {
        return VitVaeWeights.random(CONFIG, seed);
    }

    /** Scaled latents of {@code batch} frames, about the spread of real encoded frames (std ~1 before scaling). */
    public static float[] latents(int batch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] z = new float[batch * LatentContract.LATENT_FLOATS];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) ((random.nextDouble() * 2 - 1) * 1.7 * LatentContract.SCALING_FACTOR);
        }
        return z;
    }

    /** Smooth images in [0, 1] with some per-pixel noise. */
    static float[] images(int batch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[batch * LatentContract.IMAGE_FLOATS];
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < LatentContract.IMAGE_CHANNELS; c++) {
                for (int y = 0; y < LatentContract.IMAGE_HEIGHT; y++) {
                    for (int xx = 0; xx < LatentContract.IMAGE_WIDTH; xx++) {
                        double wave = 0.5 + 0.3 * Math.sin((xx + 40 * b) / 37.0 + c) * Math.cos(y / 23.0);
                        x[b * LatentContract.IMAGE_FLOATS + LatentContract.imageIndex(c, y, xx)] =
                                (float) Math.min(1, Math.max(0, wave + 0.1 * (random.nextDouble() - 0.5)));
                    }
                }
            }
        }
        return x;
    }

    public static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
        }
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** The image {@code decoder} makes of {@code latent}. */
    static float[] decode(Decoder decoder, float[] latent) {
        float[] image = new float[LatentContract.IMAGE_FLOATS];
        decoder.decode(FloatBuffer.wrap(latent), FloatBuffer.wrap(image));
        return image;
    }

    /** How many nodes of {@code op} the model's graph has. */
    static long count(ModelProto model, String op) {
        return model.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals(op)).count();
    }
}
