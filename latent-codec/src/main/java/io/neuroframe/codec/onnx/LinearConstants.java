package io.neuroframe.codec.onnx;

import io.neuroframe.codec.weights.Tensor;

/**
 * The constants of one linear map {@code y = x W^T + b} (PyTorch's {@code [out, in]} weight, a
 * convolution's weight read as {@code [out, in * kh * kw]}), and the exact rewrites an exporter
 * folds into them so that the graph needs fewer operators: an affine map of the input or the
 * output, and centring of the outputs. Each rewrite returns new constants; these stay unchanged.
 */
final class LinearConstants {
    private final int out;
    private final int in;
    private final float[] weight;
    private final float[] bias;

    private LinearConstants(int out, int in, float[] weight, float[] bias) {
        this.out = out;
        this.in = in;
        this.weight = weight;
        this.bias = bias;
    }

    /**
     * The constants of {@code weight} (first dimension the outputs) and {@code bias}.
     *
     * @throws IllegalArgumentException if the bias does not have one value per output
     */
    static LinearConstants of(Tensor weight, Tensor bias) {
        int out = weight.shape()[0];
        if (bias.data().length != out) {
            throw new IllegalArgumentException(bias.name() + ": " + bias.data().length + " values for the "
                    + out + " outputs of " + weight.name());
        }
        return new LinearConstants(out, weight.data().length / out, weight.data().clone(), bias.data().clone());
    }

    int outputs() {
        return out;
    }

    int inputs() {
        return in;
    }

    /** The weight, row-major {@code [out, in]} (a copy). */
    float[] weight() {
        return weight.clone();
    }

    /** The bias (a copy). */
    float[] bias() {
        return bias.clone();
    }

    /**
     * The map of {@code x * scale * gamma + beta}: a normalization's affine part and a constant
     * factor folded into the layer after it ({@code W diag(scale * gamma)}, {@code b + W beta}).
     */
    LinearConstants afterAffineInput(float scale, float[] gamma, float[] beta) {
        if (gamma.length != in || beta.length != in) {
            throw new IllegalArgumentException("the input affine map has " + gamma.length + " and " + beta.length
                    + " values for " + in + " inputs");
        }
        float[] w = new float[weight.length];
        float[] b = bias.clone();
        for (int o = 0; o < out; o++) {
            double shift = 0;
            for (int i = 0; i < in; i++) {
                w[o * in + i] = weight[o * in + i] * scale * gamma[i];
                shift += (double) weight[o * in + i] * beta[i];
            }
            b[o] = (float) (b[o] + shift);
        }
        return new LinearConstants(out, in, w, b);
    }

    /** The map of {@code x * scale}: the factor folded into the weight. */
    LinearConstants afterInputScale(float scale) {
        float[] w = weight.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale;
        }
        return new LinearConstants(out, in, w, bias.clone());
    }

    /** {@code y * scale + shift} on the outputs, folded into weight and bias. */
    LinearConstants thenAffine(float scale, float shift) {
        float[] w = weight.clone();
        float[] b = bias.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale;
        }
        for (int o = 0; o < out; o++) {
            b[o] = b[o] * scale + shift;
        }
        return new LinearConstants(out, in, w, b);
    }

    /**
     * {@code y - mean(y)} over the outputs, folded in: every output row of the weight, and the bias,
     * less their mean over the outputs, so each result has mean zero whatever the input.
     */
    LinearConstants thenCentred() {
        float[] w = weight.clone();
        float[] b = bias.clone();
        for (int i = 0; i < in; i++) {
            double mean = 0;
            for (int o = 0; o < out; o++) {
                mean += weight[o * in + i];
            }
            mean /= out;
            for (int o = 0; o < out; o++) {
                w[o * in + i] = (float) (weight[o * in + i] - mean);
            }
        }
        double mean = 0;
        for (float v : bias) {
            mean += v;
        }
        mean /= out;
        for (int o = 0; o < out; o++) {
            b[o] = (float) (bias[o] - mean);
        }
        return new LinearConstants(out, in, w, b);
    }
}
