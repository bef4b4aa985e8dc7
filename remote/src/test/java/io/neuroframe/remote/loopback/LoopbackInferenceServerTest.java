package io.neuroframe.remote.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.remote.OipTensors;
import io.neuroframe.remote.RemoteChannels;
import io.neuroframe.remote.RemoteConfig;
import io.neuroframe.remote.WorldStepContract;
import io.neuroframe.remote.protocol.DataType;
import io.neuroframe.remote.protocol.GRPCInferenceServiceGrpc;
import io.neuroframe.remote.protocol.InferBatchStatistics;
import io.neuroframe.remote.protocol.ModelConfig;
import io.neuroframe.remote.protocol.ModelConfigRequest;
import io.neuroframe.remote.protocol.ModelInferRequest;
import io.neuroframe.remote.protocol.ModelInferResponse;
import io.neuroframe.remote.protocol.ModelInput;
import io.neuroframe.remote.protocol.ModelMetadataRequest;
import io.neuroframe.remote.protocol.ModelReadyRequest;
import io.neuroframe.remote.protocol.ModelStatistics;
import io.neuroframe.remote.protocol.ModelStatisticsRequest;
import io.neuroframe.remote.CameraShiftWorldStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loopback server is as strict as Triton and answers Triton's ModelConfig and ModelStatistics extensions. */
class LoopbackInferenceServerTest {
    private static final String MODEL = RemoteConfig.DEFAULT_WORLD_MODEL;
    private static final int MAX_BATCH = 8;
    private static final Duration MAX_DELAY = Duration.ofMillis(20);

    private LoopbackInferenceServer server;
    private ManagedChannel channel;
    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackInferenceServer.builder().model(MODEL, CameraShiftWorldStep.build()).batching(MAX_BATCH, MAX_DELAY).start();
        channel = RemoteChannels.open(RemoteConfig.plaintext(server.target()));
        stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.close();
    }

    /** A valid one-row world step request. */
    private static ModelInferRequest.Builder step() {
        return ModelInferRequest.newBuilder().setModelName(MODEL)
                .addInputs(OipTensors.fp32Input(WorldStepContract.LATENT, WorldStepContract.latentShape(1)))
                .addInputs(OipTensors.fp32Input(WorldStepContract.ACTION, 1, OasisAction.SIZE))
                .addRawInputContents(OipTensors.rawFloats(new float[LatentContract.LATENT_FLOATS], 0, LatentContract.LATENT_FLOATS))
                .addRawInputContents(OipTensors.rawFloats(new float[OasisAction.SIZE], 0, OasisAction.SIZE));
    }

    private Status.Code refusal(ModelInferRequest request) {
        return assertThrows(StatusRuntimeException.class, () -> stub.modelInfer(request)).getStatus().getCode();
    }

    @Test
    void anUnknownVersionIsNotFoundANonIntegerOneInvalidAndTheServedOneAnswers() {
        assertEquals(Status.Code.NOT_FOUND, refusal(step().setModelVersion("2").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, refusal(step().setModelVersion("latest").build()));
        assertEquals(Status.Code.NOT_FOUND, refusal(step().setModelName("no-such-model").build()));
        assertEquals(LoopbackInferenceServer.VERSION, stub.modelInfer(step().setModelVersion("1").build()).getModelVersion());
        assertEquals(1, stub.modelInfer(step().build()).getOutputsCount(), "no version: the server picks the served one");

        assertFalse(stub.modelReady(ModelReadyRequest.newBuilder().setName(MODEL).setVersion("2").build()).getReady());
        assertTrue(stub.modelReady(ModelReadyRequest.newBuilder().setName(MODEL).setVersion("1").build()).getReady());
        StatusRuntimeException metadata = assertThrows(StatusRuntimeException.class,
                () -> stub.modelMetadata(ModelMetadataRequest.newBuilder().setName(MODEL).setVersion("3").build()));
        assertEquals(Status.Code.NOT_FOUND, metadata.getStatus().getCode());
        StatusRuntimeException config = assertThrows(StatusRuntimeException.class,
                () -> stub.modelConfig(ModelConfigRequest.newBuilder().setName(MODEL).setVersion("3").build()));
        assertEquals(Status.Code.NOT_FOUND, config.getStatus().getCode());
    }

    @Test
    void anOutputTheModelDoesNotHaveOrAnInputItDoesNotExpectIsInvalid() {
        ModelInferRequest unknownOutput = step().addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder()
                .setName("image")).build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.modelInfer(unknownOutput));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("'image'"), e.getStatus().getDescription());

        ModelInferRequest extraInput = step().addInputs(OipTensors.fp32Input("seed", 1, 1))
                .addRawInputContents(OipTensors.rawFloats(new float[1], 0, 1)).build();
        e = assertThrows(StatusRuntimeException.class, () -> stub.modelInfer(extraInput));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("'seed'"), e.getStatus().getDescription());

        ModelInferResponse named = stub.modelInfer(step().addOutputs(ModelInferRequest.InferRequestedOutputTensor
                .newBuilder().setName(WorldStepContract.NEXT_LATENT)).build());
        assertEquals(WorldStepContract.NEXT_LATENT, named.getOutputs(0).getName(), "a named output is answered");
    }

    @Test
    void modelConfigAnswersTheModelsTensorsBatchSizeAndQueueDelay() {
        ModelConfig served = stub.modelConfig(ModelConfigRequest.newBuilder().setName(MODEL).build()).getConfig();
        assertEquals(MODEL, served.getName());
        assertEquals("onnxruntime_onnx", served.getPlatform());
        assertEquals(MAX_BATCH, served.getMaxBatchSize());
        assertEquals(List.of(WorldStepContract.LATENT, WorldStepContract.ACTION),
                served.getInputList().stream().map(ModelInput::getName).toList());
        assertEquals(List.of(16L, 18L, 32L), served.getInput(0).getDimsList(), "dimensions after the batch");
        assertEquals(List.of((long) OasisAction.SIZE), served.getInput(1).getDimsList());
        assertEquals(DataType.TYPE_FP32, served.getInput(1).getDataType());
        assertEquals(WorldStepContract.NEXT_LATENT, served.getOutput(0).getName());
        assertEquals(List.of(16L, 18L, 32L), served.getOutput(0).getDimsList());
        assertEquals(MAX_DELAY.toNanos() / 1000, served.getDynamicBatching().getMaxQueueDelayMicroseconds());
    }

    @Test
    void modelStatisticsCountInferencesExecutionsBatchSizesAndDurations() throws Exception {
        long before = System.currentTimeMillis();
        stub.modelInfer(step().build());
        assertThrows(StatusRuntimeException.class, () -> stub.modelInfer(step().addOutputs(
                ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("image")).build()));
        GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub async = GRPCInferenceServiceGrpc.newFutureStub(channel);
        int concurrent = 6;
        List<ListenableFuture<ModelInferResponse>> answers = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
            answers.add(async.modelInfer(step().build()));
        }
        for (ListenableFuture<ModelInferResponse> answer : answers) {
            answer.get();
        }
        long after = System.currentTimeMillis();

        List<ModelStatistics> all = stub.modelStatistics(ModelStatisticsRequest.newBuilder().build()).getModelStatsList();
        assertEquals(1, all.size());
        ModelStatistics stats = stub.modelStatistics(ModelStatisticsRequest.newBuilder().setName(MODEL).setVersion("1")
                .build()).getModelStats(0);
        assertEquals(all.get(0), stats);
        assertEquals(MODEL, stats.getName());
        assertEquals(LoopbackInferenceServer.VERSION, stats.getVersion());
        long answered = 1 + concurrent;
        assertEquals(answered, stats.getInferenceCount());
        assertEquals(server.batches(MODEL), stats.getExecutionCount());
        assertTrue(stats.getLastInference() >= before && stats.getLastInference() <= after, "last inference time");
        assertEquals(answered, stats.getInferenceStats().getSuccess().getCount());
        assertTrue(stats.getInferenceStats().getSuccess().getNs() > 0);
        assertEquals(1, stats.getInferenceStats().getFail().getCount(), "the request for an unknown output failed");
        assertEquals(answered, stats.getInferenceStats().getQueue().getCount());
        assertEquals(answered, stats.getInferenceStats().getComputeInfer().getCount());
        assertTrue(stats.getInferenceStats().getComputeInfer().getNs() > 0);
        long executions = 0;
        long rows = 0;
        for (InferBatchStatistics batch : stats.getBatchStatsList()) {
            assertTrue(batch.getBatchSize() >= 1 && batch.getBatchSize() <= MAX_BATCH, "batch size " + batch.getBatchSize());
            executions += batch.getComputeInfer().getCount();
            rows += batch.getBatchSize() * batch.getComputeInfer().getCount();
        }
        assertEquals(stats.getExecutionCount(), executions, "every execution is in one batch size's entry");
        assertEquals(answered, rows, "the batch sizes add up to the inferences");

        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> stub.modelStatistics(ModelStatisticsRequest.newBuilder().setName("no-such-model").build()));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
    }
}
