package io.neuroframe.codec.reference;

import io.neuroframe.codec.model.AxialRope;

import java.util.stream.IntStream;

/**
 * The numeric kernels of the reference model over row-major float arrays, spread over the common
 * fork-join pool by blocks of tokens. Inner loops run along contiguous memory without
 * reductions, so the JIT can vectorise them.
 */
final class Kernels {

    /** Tokens per parallel task. */
    private static final int TOKEN_BLOCK = 16;
    /** Tokens sharing one pass over a weight row in {@link #linear}. */
    private static final int TOKEN_GROUP = 4;

    private Kernels() {
    }

    /** {@code w[out, in]} (PyTorch's layout) as {@code [in, out]}, the layout {@link #linear} reads. */
    static float[] transpose(float[] w, int out, int in) {
        float[] t = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                t[i * out + o] = w[o * in + i];
            }
        }
        return t;
    }

    /** {@code y[n, out] = x[n, in] * wT[in, out] + bias[out]}. */
    static void linear(float[] x, int tokens, int in, float[] wT, float[] bias, int out, float[] y) {
        parallelOverTokens(tokens, (from, to) -> {
            for (int t0 = from; t0 < to; t0 += TOKEN_GROUP) {
                int group = Math.min(TOKEN_GROUP, to - t0);
                for (int g = 0; g < group; g++) {
                    System.arraycopy(bias, 0, y, (t0 + g) * out, out);
                }
                if (group == TOKEN_GROUP) {
                    linearGroupOfFour(x, t0, in, wT, out, y);
                } else {
                    for (int g = 0; g < group; g++) {
                        linearRow(x, t0 + g, in, wT, out, y);
                    }
                }
            }
        });
    }

    private static void linearGroupOfFour(float[] x, int t0, int in, float[] wT, int out, float[] y) {
        int x0 = t0 * in;
        int y0 = t0 * out;
        int y1 = y0 + out;
        int y2 = y1 + out;
        int y3 = y2 + out;
        for (int i = 0; i < in; i++) {
            float a0 = x[x0 + i];
            float a1 = x[x0 + in + i];
            float a2 = x[x0 + 2 * in + i];
            float a3 = x[x0 + 3 * in + i];
            int w = i * out;
            for (int o = 0; o < out; o++) {
                float wv = wT[w + o];
                y[y0 + o] += a0 * wv;
                y[y1 + o] += a1 * wv;
                y[y2 + o] += a2 * wv;
                y[y3 + o] += a3 * wv;
            }
        }
    }

    private static void linearRow(float[] x, int t, int in, float[] wT, int out, float[] y) {
        int row = t * out;
        for (int i = 0; i < in; i++) {
            float a = x[t * in + i];
            int w = i * out;
            for (int o = 0; o < out; o++) {
                y[row + o] += a * wT[w + o];
            }
        }
    }

    /** LayerNorm over the last dimension with eps 1e-6: {@code y = (x - mean) / sqrt(var + eps) * g + b}. */
    static void layerNorm(float[] x, int tokens, int dim, float[] gamma, float[] beta, float[] y) {
        parallelOverTokens(tokens, (from, to) -> {
            for (int t = from; t < to; t++) {
                int row = t * dim;
                double sum = 0;
                for (int d = 0; d < dim; d++) {
                    sum += x[row + d];
                }
                double mean = sum / dim;
                double squares = 0;
                for (int d = 0; d < dim; d++) {
                    double c = x[row + d] - mean;
                    squares += c * c;
                }
                float inv = (float) (1 / Math.sqrt(squares / dim + 1e-6));
                float m = (float) mean;
                for (int d = 0; d < dim; d++) {
                    y[row + d] = (x[row + d] - m) * inv * gamma[d] + beta[d];
                }
            }
        });
    }

    /** GELU (erf) of {@code x[0 .. tokens*dim)} in place. */
    static void gelu(float[] x, int tokens, int dim) {
        parallelOverTokens(tokens, (from, to) -> Gelu.applyInPlace(x, from * dim, to * dim));
    }

    /** {@code x += delta}, element by element over {@code length} values. */
    static void addInPlace(float[] x, float[] delta, int length) {
        for (int i = 0; i < length; i++) {
            x[i] += delta[i];
        }
    }

    /**
     * Non-causal multi-head attention with the axial rotary embedding on queries and keys.
     *
     * @param qkv {@code [tokens, 3*dim]}: queries, then keys, then values, each {@code heads x headDim};
     *            the query and key parts are rotated in place
     * @param keysT scratch of {@code dim * tokens} floats: keys transposed per head
     * @param out {@code [tokens, dim]} receives the heads side by side
     */
    static void attention(float[] qkv, int tokens, int dim, int heads, AxialRope rope, float[] keysT, float[] out) {
        int headDim = dim / heads;
        int stride = 3 * dim;
        parallelOverTokens(tokens, (from, to) -> {
            for (int t = from; t < to; t++) {
                for (int h = 0; h < heads; h++) {
                    rope.rotate(qkv, t * stride + h * headDim, t);
                    rope.rotate(qkv, t * stride + dim + h * headDim, t);
                }
            }
        });
        parallelOverTokens(tokens, (from, to) -> {
            for (int t = from; t < to; t++) {
                for (int c = 0; c < dim; c++) {
                    keysT[c * tokens + t] = qkv[t * stride + dim + c];
                }
            }
        });
        float scale = (float) (1 / Math.sqrt(headDim));
        parallelOverTokens(tokens, (from, to) -> {
            float[] scores = new float[tokens];
            for (int t = from; t < to; t++) {
                for (int h = 0; h < heads; h++) {
                    attendOneQuery(qkv, t, h, tokens, dim, headDim, scale, keysT, scores, out);
                }
            }
        });
    }

    private static void attendOneQuery(float[] qkv, int t, int h, int tokens, int dim, int headDim, float scale,
                                       float[] keysT, float[] scores, float[] out) {
        int stride = 3 * dim;
        int q = t * stride + h * headDim;
        java.util.Arrays.fill(scores, 0f);
        for (int d = 0; d < headDim; d++) {
            float qd = qkv[q + d] * scale;
            int k = (h * headDim + d) * tokens;
            for (int m = 0; m < tokens; m++) {
                scores[m] += qd * keysT[k + m];
            }
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int m = 0; m < tokens; m++) {
            max = Math.max(max, scores[m]);
        }
        double sum = 0;
        for (int m = 0; m < tokens; m++) {
            float e = (float) Math.exp(scores[m] - max);
            scores[m] = e;
            sum += e;
        }
        float inv = (float) (1 / sum);
        int o = t * dim + h * headDim;
        java.util.Arrays.fill(out, o, o + headDim, 0f);
        int v = 2 * dim + h * headDim;
        for (int m = 0; m < tokens; m++) {
            float p = scores[m] * inv;
            int row = m * stride + v;
            for (int d = 0; d < headDim; d++) {
                out[o + d] += p * qkv[row + d];
            }
        }
    }

    /** A task over the half-open token range [from, to). */
    @FunctionalInterface
    interface TokenRange {
        void run(int from, int to);
    }

    /** Runs {@code task} over blocks of {@link #TOKEN_BLOCK} tokens in parallel. */
    static void parallelOverTokens(int tokens, TokenRange task) {
        int blocks = (tokens + TOKEN_BLOCK - 1) / TOKEN_BLOCK;
        IntStream.range(0, blocks).parallel()
                .forEach(b -> task.run(b * TOKEN_BLOCK, Math.min(tokens, (b + 1) * TOKEN_BLOCK)));
    }
}
