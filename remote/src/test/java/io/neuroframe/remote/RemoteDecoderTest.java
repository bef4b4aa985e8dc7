package io.neuroframe.remote;

import static io.neuroframe.remote.Latents.maxAbsDiff;
import static io.neuroframe.remote.Latents.pattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.VitVaeOnnxExporter;
import io.neuroframe.remote.loopback.LoopbackInferenceServer;
import java.nio.FloatBuffer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RemoteDecoderTest {
    private static VitVaeWeights weights;
    private static LoopbackInferenceServer server;

    @BeforeAll
    static void startServer() throws Exception {
        weights = VitVaeWeights.random(VitVaeConfig.NF_SMALL, 7);
        server = LoopbackInferenceServer.builder()
                .model(RemoteConfig.DEFAULT_DECODER_MODEL, VitVaeOnnxExporter.decoder(weights))
                .start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aServedDecoderGivesTheImageTheLocalDecoderGives() {
        FloatBuffer latent = FloatBuffer.wrap(pattern(9));
        float[] local = new float[LatentContract.IMAGE_FLOATS];
        try (OrtDecoder decoder = OrtDecoder.create(weights)) {
            decoder.decode(latent, FloatBuffer.wrap(local));
        }
        float[] remote = new float[LatentContract.IMAGE_FLOATS];
        try (RemoteDecoder decoder = new RemoteDecoder(RemoteConfig.plaintext(server.target())
                .withDeadline(Duration.ofSeconds(10)))) {
            decoder.decode(latent, FloatBuffer.wrap(remote));
            assertEquals(1, decoder.stats().responses());
            assertTrue(decoder.describe().contains("grpc://" + server.target() + "/decoder"), decoder.describe());
        }
        assertEquals(0, latent.position(), "the latent's position is left alone");
        assertTrue(maxAbsDiff(local, remote) < 1e-5f, "max difference " + maxAbsDiff(local, remote));
    }

    @Test
    void failuresRefusalsAndSpoiledImagesThrowNamingTheEndpointAndAreCounted() throws Exception {
        FloatBuffer latent = FloatBuffer.wrap(pattern(2));
        FloatBuffer image = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
        RemoteConfig config = RemoteConfig.plaintext(server.target()).withDeadline(Duration.ofSeconds(10));
        try (RemoteDecoder decoder = new RemoteDecoder(config)) {
            server.setFault(LoopbackInferenceServer.Fault.NAN);
            RemoteResponseException spoiled = assertThrows(RemoteResponseException.class, () -> decoder.decode(latent, image));
            assertEquals(RemoteResponseException.Reason.NOT_FINITE, spoiled.reason());
            assertTrue(spoiled.getMessage().contains("model 'decoder' output 'image'"), spoiled.getMessage());
            assertEquals(1, decoder.stats().rejectedTotal());
        } finally {
            server.setFault(LoopbackInferenceServer.Fault.NONE);
        }
        try (RemoteDecoder decoder = new RemoteDecoder(config.withModels(RemoteConfig.DEFAULT_WORLD_MODEL, "no-such-model"))) {
            RemoteProtocolException missing = assertThrows(RemoteProtocolException.class, () -> decoder.decode(latent, image));
            assertTrue(missing.getMessage().contains("no-such-model") && missing.getMessage().contains("NOT_FOUND"),
                    missing.getMessage());
            assertEquals(1, decoder.stats().protocolErrors(), "an unknown model is refused, not a lost server");
            assertEquals(0, decoder.stats().failures());
        }
        server.stop();
        try (RemoteDecoder decoder = new RemoteDecoder(config.withDeadline(Duration.ofSeconds(2)))) {
            IllegalStateException gone = assertThrows(IllegalStateException.class, () -> decoder.decode(latent, image));
            assertTrue(gone.getMessage().contains("UNAVAILABLE") && !(gone instanceof RemoteProtocolException),
                    "a stopped server is lost, not refusing: " + gone.getMessage());
            assertEquals(1, decoder.stats().failures());
        } finally {
            server.start();
        }
    }
}
