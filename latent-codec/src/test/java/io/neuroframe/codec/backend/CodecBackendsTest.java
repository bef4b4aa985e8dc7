package io.neuroframe.codec.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.onnx.TinyCodec;
import io.neuroframe.codec.model.VitVaeWeights;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CodecBackendsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(CodecBackends.PROPERTY);
    }

    @Test
    void onnxRuntimeIsTheDefaultAndTheJavaReferenceIsFoundBelowIt() {
        assertEquals(OrtCodecBackend.NAME, CodecBackends.get().name());
        List<String> names = CodecBackends.available().stream().map(CodecBackend::name).toList();
        assertEquals(List.of(OrtCodecBackend.NAME, ReferenceCodecBackend.NAME), names);
    }

    @Test
    void theSystemPropertySelectsABackendByName() {
        System.setProperty(CodecBackends.PROPERTY, "java");
        assertEquals(ReferenceCodecBackend.NAME, CodecBackends.get().name());
    }

    @Test
    void anUnknownNameIsRefusedListingWhatIsThere() {
        System.setProperty(CodecBackends.PROPERTY, "tensorrt");
        IllegalStateException e = assertThrows(IllegalStateException.class, CodecBackends::get);
        assertTrue(e.getMessage().contains("tensorrt") && e.getMessage().contains("onnxruntime")
                && e.getMessage().contains("codec-djl"), e.getMessage());
    }

    @Test
    void everyBackendDecodesTheSameLatentToTheSameImage() {
        VitVaeWeights weights = TinyCodec.weights(3);
        FloatBuffer latent = FloatBuffer.wrap(TinyCodec.latents(1, 5));
        float[] ort = decode(CodecBackends.get(OrtCodecBackend.NAME), weights, latent);
        float[] reference = decode(CodecBackends.get(ReferenceCodecBackend.NAME), weights, latent);
        assertTrue(TinyCodec.maxAbsDiff(ort, reference) < 1e-3f, "ONNX Runtime and the Java reference agree");
    }

    private static float[] decode(CodecBackend backend, VitVaeWeights weights, FloatBuffer latent) {
        FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
        try (Decoder decoder = backend.decoder(weights)) {
            decoder.decode(latent.duplicate(), image);
        }
        return image.array();
    }
}
