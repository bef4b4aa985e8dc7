package io.neuroframe.codec.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.reference.ReferenceDecoder;
import io.neuroframe.codec.reference.ReferenceEncoder;
import io.neuroframe.codec.reference.ReferenceVitVae;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same weights, same input: the ONNX Runtime backend agrees with the plain-Java reference. */
class OrtReferenceParityTest {

    private static final float TOLERANCE = 1e-3f;

    @Test
    void decoderMatchesTheJavaReferenceWithinOneThousandth() {
        VitVaeWeights weights = TinyCodec.weights(17);
        float[] latents = TinyCodec.latents(2, 23);
        float[] expected = new float[2 * LatentContract.IMAGE_FLOATS];
        try (ReferenceDecoder reference = new ReferenceDecoder(weights)) {
            for (int b = 0; b < 2; b++) {
                reference.decode(FloatBuffer.wrap(latents, b * LatentContract.LATENT_FLOATS, LatentContract.LATENT_FLOATS),
                        FloatBuffer.wrap(expected, b * LatentContract.IMAGE_FLOATS, LatentContract.IMAGE_FLOATS));
            }
        }
        float[] actual;
        try (OrtDecoder decoder = OrtDecoder.create(weights)) {
            actual = decoder.decodeBatch(latents, 2);
        }
        assertTrue(unclampedFraction(expected) > 0.9, "most pixels lie inside (0, 1), so the comparison is not"
                + " hidden by the clamp: " + unclampedFraction(expected));
        float diff = TinyCodec.maxAbsDiff(expected, actual);
        System.out.println("decoder: max abs diff ORT vs Java reference " + diff);
        assertTrue(diff <= TOLERANCE, "max abs diff ORT vs Java reference " + diff);
    }

    @Test
    void encoderMatchesTheJavaReferenceWithinOneThousandth() {
        VitVaeWeights weights = TinyCodec.weights(17);
        FloatBuffer image = FloatBuffer.wrap(TinyCodec.images(1, 29));
        float[] expected = new float[LatentContract.LATENT_FLOATS];
        float[] actual = new float[LatentContract.LATENT_FLOATS];
        try (ReferenceEncoder reference = new ReferenceEncoder(weights); OrtEncoder encoder = OrtEncoder.create(weights)) {
            reference.encode(image, FloatBuffer.wrap(expected));
            encoder.encode(image, FloatBuffer.wrap(actual));
        }
        float spread = 0;
        for (float v : expected) {
            spread = Math.max(spread, Math.abs(v));
        }
        assertTrue(spread > 10 * TOLERANCE, "latents are large enough to compare: " + spread);
        float diff = TinyCodec.maxAbsDiff(expected, actual);
        System.out.println("encoder: max abs diff ORT vs Java reference " + diff + " (latents up to " + spread + ")");
        assertTrue(diff <= TOLERANCE, "max abs diff ORT vs Java reference " + diff);
    }

    @Test
    void theOptionalLogvarOutputMatchesTheJavaReference() throws Exception {
        VitVaeWeights weights = TinyCodec.weights(19);
        float[] image = TinyCodec.images(1, 31);
        float[] modelSpace = image.clone();
        for (int i = 0; i < modelSpace.length; i++) {
            modelSpace[i] = modelSpace[i] * 2 - 1;
        }
        float[] mean = new float[LatentContract.LATENT_FLOATS];
        float[] expected = new float[LatentContract.LATENT_FLOATS];
        new ReferenceVitVae(weights.encoderOnly()).encode(modelSpace, mean, expected);

        byte[] model = VitVaeOnnxExporter.encoder(weights, VitVaeOnnxExporter.WeightStorage.FLOAT32, true).toByteArray();
        OrtEnvironment env = OrtRuntime.environment();
        float[] actual = new float[LatentContract.LATENT_FLOATS];
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, options);
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(image), OnnxContract.imageShape(1));
             OrtSession.Result result = session.run(Map.of(OnnxContract.IMAGE, input), Set.of(OnnxContract.LOGVAR))) {
            ((OnnxTensor) result.get(0)).getFloatBuffer().get(actual);
        }
        float diff = TinyCodec.maxAbsDiff(expected, actual);
        assertTrue(diff <= TOLERANCE, "max abs diff of logvar ORT vs Java reference " + diff);
    }

    private static double unclampedFraction(float[] image) {
        long inside = 0;
        for (float v : image) {
            if (v > 0f && v < 1f) {
                inside++;
            }
        }
        return (double) inside / image.length;
    }
}
