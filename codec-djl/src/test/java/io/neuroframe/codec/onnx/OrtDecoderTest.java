package io.neuroframe.codec.onnx;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.djl.DjlDecoder;
import io.neuroframe.codec.djl.DjlEncoder;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.VitVaeWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrtDecoderTest {

    private static VitVaeWeights weights;
    private static OrtDecoder decoder;

    @BeforeAll
    static void exportTinyDecoder() {
        weights = TinyCodec.weights(7);
        decoder = OrtDecoder.create(weights);
    }

    @AfterAll
    static void close() {
        decoder.close();
    }

    @Test
    void decodesToImagesInTheUnitRangeThatDependOnTheLatent() {
        float[] a = decoder.decodeBatch(TinyCodec.latents(1, 1), 1);
        float[] b = decoder.decodeBatch(TinyCodec.latents(1, 2), 1);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : a) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= 0f && max <= 1f, "range [" + min + ", " + max + "]");
        assertTrue(max - min > 0.1f, "the image has contrast: [" + min + ", " + max + "]");
        assertTrue(TinyCodec.maxAbsDiff(a, b) > 0.01f, "different latents give different images");
    }

    @Test
    void matchesTheDjlBackendWithinOneThousandth() {
        float[] latents = TinyCodec.latents(2, 11);
        Engine engine = PyTorchRuntime.engine();
        try (DjlDecoder djl = DjlDecoder.create(weights, engine)) {
            float diff = TinyCodec.maxAbsDiff(decoder.decodeBatch(latents, 2), djl.decodeBatch(latents, 2));
            assertTrue(diff <= 1e-3f, "max abs diff ORT vs DJL " + diff);
        }
    }

    @Test
    void encoderMatchesTheDjlBackendWithinOneThousandth() {
        float[] image = TinyCodec.images(1, 5);
        float[] ort = new float[LatentContract.LATENT_FLOATS];
        float[] djl = new float[LatentContract.LATENT_FLOATS];
        try (OrtEncoder encoder = OrtEncoder.create(weights);
             DjlEncoder reference = DjlEncoder.create(weights, PyTorchRuntime.engine())) {
            encoder.encode(FloatBuffer.wrap(image), FloatBuffer.wrap(ort));
            reference.encode(FloatBuffer.wrap(image), FloatBuffer.wrap(djl));
        }
        float diff = TinyCodec.maxAbsDiff(ort, djl);
        assertTrue(diff <= 1e-3f, "max abs diff ORT vs DJL " + diff);
    }

    @Test
    void batchedDecodeEqualsFrameByFrameDecode() {
        float[] latents = TinyCodec.latents(3, 21);
        float[] batched = decoder.decodeBatch(latents, 3);
        float[] single = new float[batched.length];
        for (int b = 0; b < 3; b++) {
            decoder.decode(FloatBuffer.wrap(latents, b * LatentContract.LATENT_FLOATS, LatentContract.LATENT_FLOATS),
                    FloatBuffer.wrap(single, b * LatentContract.IMAGE_FLOATS, LatentContract.IMAGE_FLOATS));
        }
        assertTrue(TinyCodec.maxAbsDiff(batched, single) <= 1e-5f, "batch and single decode agree");
    }

    @Test
    void decodeReadsAndWritesAtBufferPositionsWithoutMovingThem() {
        float[] latent = TinyCodec.latents(1, 3);
        FloatBuffer in = FloatBuffer.allocate(LatentContract.LATENT_FLOATS + 5);
        in.position(5);
        in.put(latent).position(5);
        FloatBuffer out = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS + 7);
        out.position(7);
        decoder.decode(in, out);
        assertEquals(5, in.position());
        assertEquals(7, out.position());
        float[] written = new float[LatentContract.IMAGE_FLOATS];
        out.get(written);
        assertArrayEquals(decoder.decodeBatch(latent, 1), written, 0f);
    }

    @Test
    void rejectsBuffersThatAreTooShort() {
        FloatBuffer shortLatent = FloatBuffer.allocate(LatentContract.LATENT_FLOATS - 1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> decoder.decode(shortLatent, FloatBuffer.allocate(LatentContract.IMAGE_FLOATS)));
        assertTrue(e.getMessage().contains("latent"), e.getMessage());
    }

    @Test
    void askingForCudaWhereItIsMissingFallsBackToTheCpuAndStillDecodes() {
        boolean cudaBuilt = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        float[] latents = TinyCodec.latents(1, 13);
        try (OrtDecoder cuda = OrtDecoder.create(weights, OrtOptions.defaults().withProvider(ExecutionProvider.CUDA))) {
            if (!cudaBuilt) {
                assertEquals(ExecutionProvider.CPU, cuda.executionProvider());
                assertEquals("test-tiny (onnxruntime, cpu)", cuda.describe());
            }
            assertTrue(TinyCodec.maxAbsDiff(decoder.decodeBatch(latents, 1), cuda.decodeBatch(latents, 1)) <= 1e-3f);
        }
    }

    @Test
    void oneIntraOpThreadDecodesLikeTheDefaultThreadCount() {
        float[] latents = TinyCodec.latents(1, 17);
        try (OrtDecoder single = OrtDecoder.create(weights, OrtOptions.defaults().withIntraOpThreads(1))) {
            assertTrue(TinyCodec.maxAbsDiff(decoder.decodeBatch(latents, 1), single.decodeBatch(latents, 1)) <= 1e-5f);
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> OrtOptions.defaults().withIntraOpThreads(0));
        assertTrue(e.getMessage().contains("intraOpThreads"), e.getMessage());
    }

    @Test
    void describesItselfWithPresetBackendAndProvider() {
        assertEquals("test-tiny (onnxruntime, cpu)", decoder.describe());
    }
}
