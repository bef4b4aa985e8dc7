package io.neuroframe.remote.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.TextFormat;
import io.grpc.ManagedChannel;
import io.neuroframe.remote.CameraShiftWorldStep;
import io.neuroframe.remote.RemoteChannels;
import io.neuroframe.remote.RemoteConfig;
import io.neuroframe.remote.loopback.LoopbackInferenceServer;
import io.neuroframe.remote.protocol.GRPCInferenceServiceGrpc;
import io.neuroframe.remote.protocol.ModelConfig;
import io.neuroframe.remote.protocol.ModelConfigRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The exported config.pbtxt reads as Triton's ModelConfig message and matches what a server holding the model answers. */
class ServedModelConfigTest {

    @Test
    void theExportedConfigurationParsesAsTritonsMessageAndEqualsTheLoopbackServersModelConfig() throws Exception {
        ModelProto worldStep = CameraShiftWorldStep.build();
        int maxBatch = 16;
        Duration delay = Duration.ofMillis(2);
        String exported = TritonModelConfig.fromOnnx(RemoteConfig.DEFAULT_WORLD_MODEL, worldStep, maxBatch,
                delay.toNanos() / 1000).toPbtxt();
        ModelConfig parsed = TextFormat.parse(exported, ModelConfig.class);
        try (LoopbackInferenceServer server = LoopbackInferenceServer.builder()
                .model(RemoteConfig.DEFAULT_WORLD_MODEL, worldStep).batching(maxBatch, delay).start()) {
            ManagedChannel channel = RemoteChannels.open(RemoteConfig.plaintext(server.target()));
            try {
                ModelConfig served = GRPCInferenceServiceGrpc.newBlockingStub(channel)
                        .modelConfig(ModelConfigRequest.newBuilder().setName(RemoteConfig.DEFAULT_WORLD_MODEL).build())
                        .getConfig();
                assertEquals(parsed, served, "exported:\n" + exported + "served:\n" + served);
            } finally {
                channel.shutdownNow();
            }
        }
    }
}
