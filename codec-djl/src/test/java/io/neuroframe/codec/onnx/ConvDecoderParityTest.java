package io.neuroframe.codec.onnx;

import ai.djl.engine.Engine;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.djl.DjlConvDecoder;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.reference.ReferenceConvDecoder;
import io.neuroframe.codec.weights.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same nf-tiny weights, same latents: ONNX Runtime, DJL PyTorch and the plain-Java reference agree within 1e-3. */
class ConvDecoderParityTest {
    private static final float TOLERANCE = 1e-3f;
    private static final int BATCH = 2;

    private static ConvDecoderWeights weights;
    private static float[] latents;
    private static float[] expected;

    @BeforeAll
    static void decodeWithTheReference() {
        weights = busyWeights(ConvDecoderConfig.NF_TINY, 41);
        latents = TinyCodec.latents(BATCH, 43);
        expected = new float[BATCH * LatentContract.IMAGE_FLOATS];
        try (ReferenceConvDecoder reference = new ReferenceConvDecoder(weights)) {
            for (int b = 0; b < BATCH; b++) {
                reference.decode(FloatBuffer.wrap(latents, b * LatentContract.LATENT_FLOATS, LatentContract.LATENT_FLOATS),
                        FloatBuffer.wrap(expected, b * LatentContract.IMAGE_FLOATS, LatentContract.IMAGE_FLOATS));
            }
        }
        double inside = 0;
        for (float v : expected) {
            inside += v > 0 && v < 1 ? 1 : 0;
        }
        assertTrue(inside / expected.length > 0.9, "most pixels lie inside (0, 1), so the clamp hides no"
                + " difference: " + inside / expected.length);
    }

    /**
     * Weights whose every layer matters: full-scale residual convolutions and random biases (fresh
     * training weights start the residual branches small and the biases at zero).
     */
    static ConvDecoderWeights busyWeights(ConvDecoderConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (ConvDecoderConfig.Conv conv : config.convs()) {
            int fanIn = conv.in() * conv.kernel() * conv.kernel();
            double bound = (conv.name().equals("out") ? 0.5 : 1.0) * Math.sqrt(3.0 / fanIn);
            float[] w = new float[(int) Tensor.elementCount(conv.weightShape())];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            float[] b = new float[conv.out()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) ((random.nextDouble() * 2 - 1) * 0.1);
            }
            tensors.put(conv.name() + ".weight", new Tensor(conv.name() + ".weight", conv.weightShape(), w));
            tensors.put(conv.name() + ".bias", new Tensor(conv.name() + ".bias", new int[] {conv.out()}, b));
        }
        return ConvDecoderWeights.of(config, tensors);
    }

    @Test
    void onnxRuntimeMatchesTheJavaReference() {
        float[] actual;
        try (OrtDecoder decoder = OrtDecoder.create(weights, OrtOptions.defaults().withIntraOpThreads(1))) {
            actual = decoder.decodeBatch(latents, BATCH);
        }
        float diff = TinyCodec.maxAbsDiff(expected, actual);
        System.out.println("nf-tiny: max abs diff ORT vs Java reference " + diff);
        assertTrue(diff <= TOLERANCE, "max abs diff ORT vs Java reference " + diff);
    }

    @Test
    void djlPyTorchMatchesTheJavaReference() {
        Engine engine = PyTorchRuntime.engine(1);
        float[] actual;
        try (DjlConvDecoder decoder = DjlConvDecoder.create(weights, engine)) {
            actual = decoder.decodeBatch(latents, BATCH);
        }
        float diff = TinyCodec.maxAbsDiff(expected, actual);
        System.out.println("nf-tiny: max abs diff DJL vs Java reference " + diff);
        assertTrue(diff <= TOLERANCE, "max abs diff DJL vs Java reference " + diff);
    }

    @Test
    void theSingleFrameOnnxPathMatchesTheBatchedOne() {
        float[] single = new float[LatentContract.IMAGE_FLOATS];
        try (OrtDecoder decoder = OrtDecoder.create(weights, OrtOptions.defaults().withIntraOpThreads(1))) {
            decoder.decode(FloatBuffer.wrap(latents, LatentContract.LATENT_FLOATS, LatentContract.LATENT_FLOATS),
                    FloatBuffer.wrap(single));
        }
        float[] second = java.util.Arrays.copyOfRange(expected, LatentContract.IMAGE_FLOATS, 2 * LatentContract.IMAGE_FLOATS);
        float diff = TinyCodec.maxAbsDiff(second, single);
        assertTrue(diff <= TOLERANCE, "max abs diff of the reused-buffer decode vs Java reference " + diff);
    }
}
