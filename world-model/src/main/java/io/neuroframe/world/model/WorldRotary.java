package io.neuroframe.world.model;

/**
 * The rotary position tables of the Oasis DiT. They are not stored in checkpoints (open-oasis
 * keeps them as non-persistent buffers), so every network that runs the model recomputes them here.
 */
public final class WorldRotary {
    private WorldRotary() {
    }

    /**
     * Axial rotary tables for the token grid, as Oasis's {@code RotaryEmbedding(dim=hd/2,
     * freqs_for="pixel", max_freq=256).get_axial_freqs(rows, cols)}: the first half of each head
     * rotates with the row position, the second half with the column position; positions are
     * {@code linspace(-1, 1, n)}, frequencies {@code linspace(1, 128, hd/4) * pi}, each used for
     * one adjacent pair. Returns {cos, sin with the pair's first element negated}.
     */
    public static float[][] spatial(WorldModelConfig config) {
        int hd = config.headDim();
        int perAxis = hd / 4;
        double[] freqs = linspace(1, 128, perAxis);
        double[] rows = linspace(-1, 1, config.gridRows());
        double[] cols = linspace(-1, 1, config.gridCols());
        int n = config.tokensPerFrame();
        float[] cos = new float[n * hd];
        float[] sin = new float[n * hd];
        for (int r = 0; r < config.gridRows(); r++) {
            for (int c = 0; c < config.gridCols(); c++) {
                int token = r * config.gridCols() + c;
                for (int j = 0; j < hd; j++) {
                    double position = j < hd / 2 ? rows[r] : cols[c];
                    double angle = position * freqs[(j % (hd / 2)) / 2] * Math.PI;
                    cos[token * hd + j] = (float) Math.cos(angle);
                    sin[token * hd + j] = (float) (j % 2 == 0 ? -Math.sin(angle) : Math.sin(angle));
                }
            }
        }
        return new float[][] {cos, sin};
    }

    /**
     * Temporal rotary tables, as Oasis's {@code RotaryEmbedding(dim=hd)} with language
     * frequencies {@code 10000^(-2i/hd)} at positions {@code 0..maxFrames-1}.
     */
    public static float[][] temporal(WorldModelConfig config) {
        int hd = config.headDim();
        int frames = config.maxFrames();
        float[] cos = new float[frames * hd];
        float[] sin = new float[frames * hd];
        for (int f = 0; f < frames; f++) {
            for (int j = 0; j < hd; j++) {
                double freq = 1 / Math.pow(10000, (double) (2 * (j / 2)) / hd);
                double angle = f * freq;
                cos[f * hd + j] = (float) Math.cos(angle);
                sin[f * hd + j] = (float) (j % 2 == 0 ? -Math.sin(angle) : Math.sin(angle));
            }
        }
        return new float[][] {cos, sin};
    }

    private static double[] linspace(double from, double to, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = count == 1 ? from : from + (to - from) * i / (count - 1);
        }
        return out;
    }
}
