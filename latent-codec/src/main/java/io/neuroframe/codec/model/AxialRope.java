package io.neuroframe.codec.model;

import io.neuroframe.api.LatentContract;

/**
 * The axial rotary position embedding of Oasis's ViT-VAE attention, recomputed exactly (it is a
 * non-persistent buffer, so checkpoints do not hold it). Every backend applies these tables.
 *
 * <p>For a head of width {@code h} (64 in every preset), Oasis builds a rotary embedding of
 * {@code h/4} dims with "pixel" frequencies for a maximum frequency of {@code rows*cols} (576),
 * and takes its axial form over the 18 x 32 token grid:
 * <ul>
 *   <li>frequencies {@code f_k = linspace(1, rows*cols/2, h/8)[k] * pi}: {@code linspace(1, 288, 8) * pi};</li>
 *   <li>positions {@code linspace(-1, 1, 18)} for the row and {@code linspace(-1, 1, 32)} for the column;</li>
 *   <li>per token, the angle of rotary dim {@code j} (of {@code h/2} = 32 rotated dims) is
 *       {@code rowPos * f[j/2]} for {@code j < h/4} (dims 0..15: the row axis comes first) and
 *       {@code colPos * f[(j - h/4)/2]} for the rest (dims 16..31: the column axis); each frequency
 *       is repeated for two adjacent dims;</li>
 *   <li>the dims from {@code h/2} on (32..63) are not rotated.</li>
 * </ul>
 * The rotation is the interleaved "rotate half" of rotary-embedding-torch: for each adjacent pair
 * {@code (x[2i], x[2i+1])} with angle {@code a},
 * {@code out[2i] = x[2i] cos a - x[2i+1] sin a} and {@code out[2i+1] = x[2i+1] cos a + x[2i] sin a}.
 * Equivalently {@code out = x * cos + rotateHalf(x) * sin} with {@code rotateHalf(x)[2i] = -x[2i+1]},
 * {@code rotateHalf(x)[2i+1] = x[2i]}, using the per-dim tables {@link #cos()} and {@link #sin()}.
 * It is applied to queries and keys of every head, not to values.
 *
 * <p>All arithmetic follows PyTorch's fp32 path: {@code linspace} in float with PyTorch's
 * symmetric formula, {@code f * pi} and {@code pos * f} rounded to float, then cos/sin of the
 * float angle.
 */
public final class AxialRope {

    private final int rows;
    private final int cols;
    private final int headDim;
    private final int rotaryDims;
    private final float[] cos;
    private final float[] sin;

    private AxialRope(int rows, int cols, int headDim) {
        if (headDim % 8 != 0) {
            throw new IllegalArgumentException("head width must be a multiple of 8, got " + headDim);
        }
        this.rows = rows;
        this.cols = cols;
        this.headDim = headDim;
        this.rotaryDims = headDim / 2;
        int axisDims = headDim / 4;
        float[] freqs = linspace(1f, rows * cols / 2f, axisDims / 2);
        float pi = (float) Math.PI;
        for (int k = 0; k < freqs.length; k++) {
            freqs[k] = freqs[k] * pi;
        }
        float[] rowPos = linspace(-1f, 1f, rows);
        float[] colPos = linspace(-1f, 1f, cols);
        this.cos = new float[rows * cols * rotaryDims];
        this.sin = new float[rows * cols * rotaryDims];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int base = (r * cols + c) * rotaryDims;
                for (int j = 0; j < rotaryDims; j++) {
                    float angle = j < axisDims ? rowPos[r] * freqs[j / 2] : colPos[c] * freqs[(j - axisDims) / 2];
                    cos[base + j] = (float) Math.cos(angle);
                    sin[base + j] = (float) Math.sin(angle);
                }
            }
        }
    }

    /** The tables for the latent contract's 18 x 32 token grid and heads of {@code headDim}. */
    public static AxialRope forHeadDim(int headDim) {
        return new AxialRope(LatentContract.TOKEN_ROWS, LatentContract.TOKEN_COLS, headDim);
    }

    /**
     * {@code steps} evenly spaced floats from {@code start} to {@code end}, as PyTorch's CPU
     * {@code linspace} computes them in float: {@code start + step*i} for the first half and
     * {@code end - step*(steps-1-i)} for the second.
     */
    static float[] linspace(float start, float end, int steps) {
        float[] out = new float[steps];
        if (steps == 1) {
            out[0] = start;
            return out;
        }
        float step = (end - start) / (steps - 1);
        int halfway = steps / 2;
        for (int i = 0; i < steps; i++) {
            out[i] = i < halfway ? start + step * i : end - step * (steps - 1 - i);
        }
        return out;
    }

    /** Tokens covered (rows * cols, token index = row * cols + col). */
    public int tokens() {
        return rows * cols;
    }

    /** Width of one attention head. */
    public int headDim() {
        return headDim;
    }

    /** Rotated dims at the start of each head (half of it); the rest pass through unchanged. */
    public int rotaryDims() {
        return rotaryDims;
    }

    /** Cosines, {@code (tokens, rotaryDims)} row-major, each value repeated for its pair. Do not modify. */
    public float[] cos() {
        return cos;
    }

    /** Sines, {@code (tokens, rotaryDims)} row-major, each value repeated for its pair. Do not modify. */
    public float[] sin() {
        return sin;
    }

    /**
     * Rotates one head vector in place: {@code x[offset .. offset + headDim)} of token {@code token}.
     */
    public void rotate(float[] x, int offset, int token) {
        int base = token * rotaryDims;
        for (int j = 0; j < rotaryDims; j += 2) {
            float a = x[offset + j];
            float b = x[offset + j + 1];
            x[offset + j] = a * cos[base + j] - b * sin[base + j];
            x[offset + j + 1] = b * cos[base + j + 1] + a * sin[base + j + 1];
        }
    }
}
