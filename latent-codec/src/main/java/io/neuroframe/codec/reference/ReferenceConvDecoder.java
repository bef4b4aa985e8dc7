package io.neuroframe.codec.reference;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * {@link Decoder} for a {@link ConvDecoderConfig} in plain Java: the slow, readable definition
 * that tests check the ONNX Runtime and DJL backends against. Decoding computes
 * {@code clamp((net(latent / SCALING_FACTOR) + 1) / 2, 0, 1)} with the network of
 * {@link ConvDecoderConfig}; feature maps are planar {@code (channels, height, width)}, and
 * convolutions are zero-padded cross-correlations as in PyTorch and ONNX.
 */
public final class ReferenceConvDecoder implements Decoder {
    private final ConvDecoderWeights weights;
    private final ConvDecoderConfig config;
    private final float[] latent = new float[LatentContract.LATENT_FLOATS];

    public ReferenceConvDecoder(ConvDecoderWeights weights) {
        this.weights = weights;
        this.config = weights.config();
    }

    @Override
    public void decode(FloatBuffer latentIn, FloatBuffer imageOut) {
        ReferenceDecoder.requireRemaining("latent", latentIn, LatentContract.LATENT_FLOATS);
        ReferenceDecoder.requireRemaining("image", imageOut, LatentContract.IMAGE_FLOATS);
        latentIn.get(latentIn.position(), latent);
        int h = LatentContract.TOKEN_ROWS;
        int w = LatentContract.TOKEN_COLS;
        float[] x = new float[LatentContract.LATENT_FLOATS];
        for (int c = 0; c < LatentContract.CHANNELS; c++) {
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < w; col++) {
                    x[(c * h + r) * w + col] = latent[LatentContract.latentIndex(r, col, c)] / LatentContract.SCALING_FACTOR;
                }
            }
        }
        x = silu(conv(x, LatentContract.CHANNELS, h, w, "stem", config.stemChannels(), 3));
        int channels = config.stemChannels();
        for (int i = 0; i < config.stemBlocks(); i++) {
            x = residual(x, channels, h, w, "stem.blocks." + i);
        }
        for (int s = 0; s < config.stages().size(); s++) {
            ConvDecoderConfig.Stage stage = config.stages().get(s);
            int f = stage.factor();
            x = pixelShuffle(conv(x, channels, h, w, "up." + s + ".proj", stage.channels() * f * f, 1),
                    stage.channels(), h, w, f);
            h *= f;
            w *= f;
            channels = stage.channels();
            for (int i = 0; i < stage.blocks(); i++) {
                x = residual(x, channels, h, w, "up." + s + ".blocks." + i);
            }
        }
        int f = config.outputFactor();
        float[] image = pixelShuffle(conv(x, channels, h, w, "out", LatentContract.IMAGE_CHANNELS * f * f, 1),
                LatentContract.IMAGE_CHANNELS, h, w, f);
        for (int i = 0; i < image.length; i++) {
            image[i] = Math.max(0f, Math.min(1f, (image[i] + 1) / 2));
        }
        imageOut.put(imageOut.position(), image);
    }

    /** {@code x + silu(conv3x3(x))}. */
    private float[] residual(float[] x, int channels, int h, int w, String layer) {
        float[] y = silu(conv(x, channels, h, w, layer, channels, 3));
        for (int i = 0; i < y.length; i++) {
            y[i] += x[i];
        }
        return y;
    }

    /** Zero-padded stride-1 convolution with a square {@code k x k} kernel (k odd), plus bias. */
    private float[] conv(float[] x, int in, int h, int w, String layer, int out, int k) {
        float[] weight = weights.data(layer + ".weight");
        float[] bias = weights.data(layer + ".bias");
        int pad = k / 2;
        int plane = h * w;
        float[] y = new float[out * plane];
        for (int o = 0; o < out; o++) {
            int yBase = o * plane;
            Arrays.fill(y, yBase, yBase + plane, bias[o]);
            for (int c = 0; c < in; c++) {
                int xBase = c * plane;
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        float wv = weight[((o * in + c) * k + ky) * k + kx];
                        int dy = ky - pad;
                        int dx = kx - pad;
                        int x0 = Math.max(0, -dx);
                        int x1 = Math.min(w, w - dx);
                        for (int r = Math.max(0, -dy); r < Math.min(h, h - dy); r++) {
                            int dst = yBase + r * w;
                            int src = xBase + (r + dy) * w + dx;
                            for (int col = x0; col < x1; col++) {
                                y[dst + col] += wv * x[src + col];
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    private static float[] silu(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (x[i] / (1 + Math.exp(-x[i])));
        }
        return x;
    }

    /** DepthToSpace (CRD): output {@code (c, r*f + i, col*f + j)} is input {@code (c*f*f + i*f + j, r, col)}. */
    private static float[] pixelShuffle(float[] x, int channels, int h, int w, int f) {
        if (f == 1) {
            return x;
        }
        float[] y = new float[x.length];
        int outW = w * f;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < f; i++) {
                for (int j = 0; j < f; j++) {
                    int src = ((c * f + i) * f + j) * h * w;
                    for (int r = 0; r < h; r++) {
                        int dstRow = (c * h * f + r * f + i) * outW;
                        for (int col = 0; col < w; col++) {
                            y[dstRow + col * f + j] = x[src + r * w + col];
                        }
                    }
                }
            }
        }
        return y;
    }

    @Override
    public String describe() {
        return config.name() + " (java reference)";
    }

    @Override
    public void close() {
        // Holds Java arrays only.
    }
}
