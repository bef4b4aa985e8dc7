package io.neuroframe.codec.reference;

import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeLayout.Part;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.weights.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceVitVaeTest {

    /** Two heads of 64, one block each side: small, but every part of the architecture is there. */
    private static final VitVaeConfig SMALL = new VitVaeConfig("test-small", 16, 20, 128, 1, 2, 128, 1, 2, 4);
    private static final VitVaeConfig ONE_HEAD = new VitVaeConfig("test-one-head", 16, 20, 64, 1, 1, 64, 1, 1, 4);

    /**
     * Weights from a closed formula, so an independent implementation can rebuild them: tensor
     * k (in layout order), element i: wave = sin(1.3k + 0.7071i); LayerNorm weights 1 + 0.1 wave,
     * biases 0.02 wave, matrices wave * 1.7 / sqrt(fan_in).
     */
    private static VitVaeWeights formulaWeights(VitVaeConfig config) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        int k = 0;
        for (Map.Entry<String, int[]> e : VitVaeLayout.of(config).tensors(Part.ALL).entrySet()) {
            int[] shape = e.getValue();
            float[] data = new float[(int) Tensor.elementCount(shape)];
            for (int i = 0; i < data.length; i++) {
                double wave = Math.sin(k * 1.3 + i * 0.7071);
                double value;
                if (e.getKey().contains("norm") && e.getKey().endsWith(".weight")) {
                    value = 1 + 0.1 * wave;
                } else if (shape.length == 1) {
                    value = 0.02 * wave;
                } else {
                    value = wave * (1.7 / Math.sqrt((double) data.length / shape[0]));
                }
                data[i] = (float) value;
            }
            tensors.put(e.getKey(), new Tensor(e.getKey(), shape.clone(), data));
            k++;
        }
        return VitVaeWeights.of(config, Part.ALL, tensors);
    }

    /** A smooth test picture in [0.1, 0.9]. */
    private static float[] testImage() {
        float[] image = new float[LatentContract.IMAGE_FLOATS];
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < LatentContract.IMAGE_HEIGHT; y++) {
                for (int x = 0; x < LatentContract.IMAGE_WIDTH; x++) {
                    image[LatentContract.imageIndex(ch, y, x)] = (float) (0.5 + 0.4 * Math.sin(0.05 * x + 0.09 * y + 1.1 * ch)
                            * Math.cos(0.013 * x * (ch + 1) - 0.02 * y));
                }
            }
        }
        return image;
    }

    @Test
    void agreesWithAnIndependentTranscriptionOfOasisVae() {
        // Expected numbers from a separate numpy transcription of open-oasis vae.py and its rotary
        // embedding (fp32 weights and activations, float64 LayerNorm statistics, scipy erf), run once
        // on the same formula weights and picture: mean, logvar = encode(2x - 1); rec = decode(mean).
        ReferenceVitVae model = new ReferenceVitVae(formulaWeights(SMALL));
        float[] image = testImage();
        for (int i = 0; i < image.length; i++) {
            image[i] = image[i] * 2 - 1;
        }
        float[] mean = new float[LatentContract.LATENT_FLOATS];
        float[] logVar = new float[LatentContract.LATENT_FLOATS];
        model.encode(image, mean, logVar);
        float tolerance = 2e-4f;
        assertEquals(0.1772928088903427f, mean[0], tolerance);
        assertEquals(-0.15067008137702942f, mean[1], tolerance);
        assertEquals(0.02561831846833229f, mean[2], tolerance);
        assertEquals(0.04489678144454956f, mean[3], tolerance);
        assertEquals(0.2303762435913086f, mean[300 * 16 + 5], tolerance);
        assertEquals(0.22452577948570251f, mean[575 * 16 + 15], tolerance);
        assertEquals(-0.14762374758720398f, logVar[17 * 16 + 3], tolerance);
        assertEquals(1508.0510584948352, absSum(mean), 0.05);

        float[] rec = new float[LatentContract.IMAGE_FLOATS];
        model.decode(mean, rec);
        assertEquals(0.6587439775466919f, rec[LatentContract.imageIndex(0, 0, 0)], tolerance);
        assertEquals(0.3661462962627411f, rec[LatentContract.imageIndex(1, 35, 211)], tolerance);
        assertEquals(-0.6242092251777649f, rec[LatentContract.imageIndex(2, 359, 639)], tolerance);
        assertEquals(0.6584433317184448f, rec[LatentContract.imageIndex(0, 180, 320)], tolerance);
        assertEquals(0.02548225410282612f, rec[LatentContract.imageIndex(2, 17, 623)], tolerance);
        assertEquals(307075.00016312284, absSum(rec), 10);
    }

    @Test
    void aConstantImageGivesTheSameLatentAtEveryToken() {
        // Identical patches give identical values; rotary attention only mixes identical values,
        // so nothing can tell the tokens apart: no position information leaks in any other way.
        ReferenceVitVae model = new ReferenceVitVae(VitVaeWeights.random(SMALL, 5));
        float[] image = new float[LatentContract.IMAGE_FLOATS];
        java.util.Arrays.fill(image, 0.3f);
        float[] mean = new float[LatentContract.LATENT_FLOATS];
        model.encode(image, mean, null);
        for (int t = 1; t < LatentContract.TOKENS; t++) {
            for (int c = 0; c < 16; c++) {
                assertEquals(mean[c], mean[t * 16 + c], 1e-5f, "token " + t + " channel " + c);
            }
        }
        assertTrue(absSum(mean) > 1, "the latent must not be trivially zero");
    }

    @Test
    void blankTokensDecodeDifferentlyByTheirPlaceRelativeToAMarkedOne() {
        // One marked token among identical blank ones. Without position information every blank
        // token would see the same set of keys and decode to the same patch; with rotary attention
        // a blank token's scores depend on its offsets to the others, so blank patches differ.
        ReferenceVitVae model = new ReferenceVitVae(VitVaeWeights.random(SMALL, 6));
        float[] image = new float[LatentContract.IMAGE_FLOATS];
        model.decode(markedLatent(0, 0), image);
        float near = image[LatentContract.imageIndex(0, 20 + 3, 20 + 4)];
        float far = image[LatentContract.imageIndex(0, 15 * 20 + 3, 30 * 20 + 4)];
        assertTrue(Math.abs(near - far) > 1e-4f, "near " + near + ", far " + far);
    }

    private static float[] markedLatent(int row, int col) {
        float[] latent = new float[LatentContract.LATENT_FLOATS];
        for (int c = 0; c < 16; c++) {
            latent[LatentContract.latentIndex(row, col, c)] = 2f * ((c % 3) - 1);
        }
        return latent;
    }

    @Test
    void unpatchifyPutsEachTokensValuesInItsOwnPatchByColourRowColumn() {
        // All blocks are made identity (zero output projections), post_quant_conv copies latent
        // channel 0 to dims 0 (+) and 1 (-), so dec_norm yields +-k in those dims and the predictor
        // reads dim 0 only: the marked token's patch is +k * pattern, every other one -k * pattern.
        VitVaeWeights random = VitVaeWeights.random(ONE_HEAD, 1);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Tensor t : random.decoderOnly().tensors().values()) {
            float[] data = new float[t.data().length];
            if (t.name().endsWith("norm.weight") || t.name().contains(".norm")) {
                data = t.data().clone();
            }
            tensors.put(t.name(), new Tensor(t.name(), t.shape(), data));
        }
        java.util.Arrays.fill(tensors.get("dec_norm.weight").data(), 1f);
        tensors.get("post_quant_conv.weight").data()[0] = 1f;          // [dim 0][channel 0]
        tensors.get("post_quant_conv.weight").data()[16] = -1f;        // [dim 1][channel 0]
        float[] pattern = new float[1200];
        float[] predictor = tensors.get("predictor.weight").data();   // [1200, 64]
        for (int v = 0; v < 1200; v++) {
            pattern[v] = (v + 1) / 1200f / 8;
            predictor[v * 64] = pattern[v];
        }
        ReferenceVitVae model = new ReferenceVitVae(VitVaeWeights.of(ONE_HEAD, Part.DECODER, tensors));
        float s = 100f;
        float k = (float) (s / Math.sqrt(2.0 * s * s / 64 + 1e-6));
        int[][] marked = {{0, 0}, {0, 31}, {17, 0}, {5, 7}};
        for (int[] token : marked) {
            float[] latent = new float[LatentContract.LATENT_FLOATS];
            for (int t = 0; t < LatentContract.TOKENS; t++) {
                latent[t * 16] = -s;
            }
            latent[LatentContract.latentIndex(token[0], token[1], 0)] = s;
            float[] image = new float[LatentContract.IMAGE_FLOATS];
            model.decode(latent, image);
            for (int ch = 0; ch < 3; ch++) {
                for (int py = 0; py < 20; py++) {
                    for (int px = 0; px < 20; px++) {
                        float expected = k * pattern[(ch * 20 + py) * 20 + px];
                        assertEquals(expected, image[LatentContract.imageIndex(ch, token[0] * 20 + py, token[1] * 20 + px)],
                                1e-4f);
                        int otherRow = (token[0] + 1) % 18;
                        assertEquals(-expected, image[LatentContract.imageIndex(ch, otherRow * 20 + py, token[1] * 20 + px)],
                                1e-4f);
                    }
                }
            }
        }
    }

    @Test
    void patchifyAndUnpatchifyAreInverse() {
        float[] image = testImage();
        float[] patches = new float[LatentContract.TOKENS * 1200];
        ReferenceVitVae.patchify(image, patches);
        // token (3, 9), colour 2, pixel row 7, pixel column 13
        assertEquals(image[LatentContract.imageIndex(2, 3 * 20 + 7, 9 * 20 + 13)],
                patches[(3 * 32 + 9) * 1200 + 2 * 400 + 7 * 20 + 13]);
        float[] back = new float[image.length];
        ReferenceVitVae.unpatchify(patches, back);
        assertArrayEquals(image, back);
    }

    @Test
    void isDeterministicAcrossCallsAndInstances() {
        VitVaeWeights weights = VitVaeWeights.random(ONE_HEAD, 9);
        float[] latent = new float[LatentContract.LATENT_FLOATS];
        for (int i = 0; i < latent.length; i++) {
            latent[i] = (float) Math.sin(i * 0.37) * 0.05f;
        }
        float[] a = decodeWith(new ReferenceDecoder(weights), latent);
        float[] b = decodeWith(new ReferenceDecoder(weights), latent);
        ReferenceDecoder reused = new ReferenceDecoder(weights);
        decodeWith(reused, new float[LatentContract.LATENT_FLOATS]);
        float[] c = decodeWith(reused, latent);
        assertArrayEquals(a, b);
        assertArrayEquals(a, c);
    }

    @Test
    void decoderAndEncoderFollowTheContract() {
        VitVaeWeights weights = VitVaeWeights.random(ONE_HEAD, 3);
        ReferenceVitVae model = new ReferenceVitVae(weights);
        float[] image = testImage();
        float[] latent = new float[LatentContract.LATENT_FLOATS];
        try (ReferenceEncoder encoder = new ReferenceEncoder(weights)) {
            encoder.encode(FloatBuffer.wrap(image), FloatBuffer.wrap(latent));
            assertEquals("test-one-head (java reference)", encoder.describe());
        }
        float[] modelSpace = image.clone();
        for (int i = 0; i < modelSpace.length; i++) {
            modelSpace[i] = modelSpace[i] * 2 - 1;
        }
        float[] mean = new float[LatentContract.LATENT_FLOATS];
        model.encode(modelSpace, mean, null);
        for (int i = 0; i < mean.length; i++) {
            assertEquals(mean[i] * LatentContract.SCALING_FACTOR, latent[i], 1e-7f);
        }

        float[] decoded = decodeWith(new ReferenceDecoder(weights), latent);
        float[] raw = new float[LatentContract.IMAGE_FLOATS];
        model.decode(mean, raw);
        for (int i = 0; i < raw.length; i += 97) {
            float expected = Math.max(0f, Math.min(1f, (raw[i] + 1) / 2));
            assertEquals(expected, decoded[i], 1e-5f);
        }
        for (float v : decoded) {
            assertTrue(v >= 0f && v <= 1f);
        }
    }

    @Test
    void refusesShortBuffersAndMissingParts() {
        VitVaeWeights weights = VitVaeWeights.random(ONE_HEAD, 3);
        ReferenceDecoder decoder = new ReferenceDecoder(weights);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                decoder.decode(FloatBuffer.allocate(100), FloatBuffer.allocate(LatentContract.IMAGE_FLOATS)));
        assertTrue(e.getMessage().contains("latent: expected 9216 floats"), e.getMessage());
        ReferenceVitVae decoderOnly = new ReferenceVitVae(weights.decoderOnly());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> decoderOnly.encode(
                new float[LatentContract.IMAGE_FLOATS], new float[LatentContract.LATENT_FLOATS], null));
        assertTrue(missing.getMessage().contains("has no encoder"), missing.getMessage());
    }

    private static float[] decodeWith(ReferenceDecoder decoder, float[] latent) {
        float[] image = new float[LatentContract.IMAGE_FLOATS];
        decoder.decode(FloatBuffer.wrap(latent), FloatBuffer.wrap(image));
        return image;
    }

    private static double absSum(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += Math.abs(v);
        }
        return sum;
    }
}
