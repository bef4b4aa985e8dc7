package io.neuroframe.codec.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.backend.CodecBackend;
import io.neuroframe.codec.backend.CodecBackends;
import io.neuroframe.codec.backend.OrtCodecBackend;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.TinyCodec;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DjlCodecBackendTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(CodecBackends.PROPERTY);
    }

    @Test
    void addingTheJarMakesDjlSelectableWhileOnnxRuntimeStaysTheDefault() {
        assertEquals(OrtCodecBackend.NAME, CodecBackends.get().name());
        System.setProperty(CodecBackends.PROPERTY, "djl");
        assertEquals(DjlCodecBackend.NAME, CodecBackends.get().name());
    }

    @Test
    void djlDecodesLikeOnnxRuntime() {
        VitVaeWeights weights = TinyCodec.weights(9);
        FloatBuffer latent = FloatBuffer.wrap(TinyCodec.latents(1, 4));
        float[] djl = decode(CodecBackends.get(DjlCodecBackend.NAME), weights, latent);
        float[] ort = decode(CodecBackends.get(OrtCodecBackend.NAME), weights, latent);
        assertTrue(TinyCodec.maxAbsDiff(djl, ort) < 1e-3f, "DJL and ONNX Runtime agree");
    }

    private static float[] decode(CodecBackend backend, VitVaeWeights weights, FloatBuffer latent) {
        FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
        try (Decoder decoder = backend.decoder(weights)) {
            decoder.decode(latent.duplicate(), image);
        }
        return image.array();
    }
}
