package io.neuroframe.render.upscale;

/**
 * One-dimensional interpolation kernels applied along x and then y. For a source position
 * {@code s} with {@code i = floor(s)} and {@code f = s - i}, a kernel reads the texels
 * {@code i + firstTap .. i + firstTap + taps - 1} with the weights from {@link #weights}.
 * The matching shaders evaluate the same formulas (see the comments in
 * {@code NeuroFrame/Shaders/Upscale/*.frag}).
 */
enum SeparableKernel {
    /** Weights {@code 1 - f, f} on texels i, i+1. */
    BILINEAR(0, 2) {
        @Override
        void weights(float f, float[] w) {
            w[0] = 1f - f;
            w[1] = f;
        }
    },
    /**
     * Catmull-Rom (cubic convolution, a = -0.5) on texels i-1 .. i+2:
     * {@code w(-1) = f(-1 + f(2 - f)) / 2, w(0) = (2 + f^2(-5 + 3f)) / 2,
     * w(1) = f(1 + f(4 - 3f)) / 2, w(2) = f^2(f - 1) / 2}; they sum to 1.
     */
    CATMULL_ROM(-1, 4) {
        @Override
        void weights(float f, float[] w) {
            w[0] = 0.5f * f * (-1f + f * (2f - f));
            w[1] = 0.5f * (2f + f * f * (-5f + 3f * f));
            w[2] = 0.5f * f * (1f + f * (4f - 3f * f));
            w[3] = 0.5f * f * f * (f - 1f);
        }
    },
    /**
     * Lanczos, a = 3, on texels i-2 .. i+3: {@code L(x) = sinc(x) sinc(x / 3)} with
     * {@code sinc(x) = sin(pi x) / (pi x)} and {@code x = k - f}, divided by their sum.
     */
    LANCZOS3(-2, 6) {
        @Override
        void weights(float f, float[] w) {
            float sum = 0f;
            for (int k = 0; k < 6; k++) {
                float x = (k - 2) - f;
                w[k] = sinc(x) * sinc(x / 3f);
                sum += w[k];
            }
            for (int k = 0; k < 6; k++) {
                w[k] /= sum;
            }
        }
    };

    static final float PI = 3.14159265f;

    final int firstTap;
    final int taps;

    SeparableKernel(int firstTap, int taps) {
        this.firstTap = firstTap;
        this.taps = taps;
    }

    /** Writes the {@link #taps} weights for the fraction {@code f} in [0, 1) into {@code w}. */
    abstract void weights(float f, float[] w);

    static float sinc(float x) {
        if (x == 0f) {
            return 1f;
        }
        float px = PI * x;
        return (float) Math.sin(px) / px;
    }
}
