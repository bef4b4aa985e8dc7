package io.neuroframe.remote.loopback;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.neuroframe.remote.OipTensors;
import io.neuroframe.remote.RemoteChannels;
import io.neuroframe.remote.protocol.DataType;
import io.neuroframe.remote.protocol.GRPCInferenceServiceGrpc;
import io.neuroframe.remote.protocol.ModelConfig;
import io.neuroframe.remote.protocol.ModelConfigRequest;
import io.neuroframe.remote.protocol.ModelConfigResponse;
import io.neuroframe.remote.protocol.ModelDynamicBatching;
import io.neuroframe.remote.protocol.ModelInferRequest;
import io.neuroframe.remote.protocol.ModelInferResponse;
import io.neuroframe.remote.protocol.ModelInput;
import io.neuroframe.remote.protocol.ModelMetadataRequest;
import io.neuroframe.remote.protocol.ModelMetadataResponse;
import io.neuroframe.remote.protocol.ModelOutput;
import io.neuroframe.remote.protocol.ModelReadyRequest;
import io.neuroframe.remote.protocol.ModelReadyResponse;
import io.neuroframe.remote.protocol.ModelStatisticsRequest;
import io.neuroframe.remote.protocol.ModelStatisticsResponse;
import io.neuroframe.remote.protocol.ServerLiveRequest;
import io.neuroframe.remote.protocol.ServerLiveResponse;
import io.neuroframe.remote.protocol.ServerMetadataRequest;
import io.neuroframe.remote.protocol.ServerMetadataResponse;
import io.neuroframe.remote.protocol.ServerReadyRequest;
import io.neuroframe.remote.protocol.ServerReadyResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.net.ssl.KeyManager;

/**
 * A small Open Inference Protocol (KServe v2) server for tests: real gRPC over Netty on the
 * loopback interface, real ONNX Runtime sessions, dynamic batching across concurrent requests.
 * Implements ServerLive, ServerReady, ServerMetadata, ModelReady, ModelMetadata and ModelInfer for
 * float32 models, with raw or typed tensor contents, and Triton's extensions ModelConfig (the
 * configuration Triton would hold for the model: what {@code export-serving} writes) and ModelStatistics. A test
 * fixture, not a product: users serve the exported repository with Triton Inference Server.
 *
 * <p>It is as strict as Triton: every model is served as version {@value #VERSION}; another
 * version is NOT_FOUND (INVALID_ARGUMENT if it is no integer), an unknown model NOT_FOUND, and a
 * request with a missing or unexpected input, another datatype or shape, or an output the model
 * does not have is INVALID_ARGUMENT. Requested outputs are answered in the order asked.
 *
 * <p>For fault tests it can be stopped and restarted on the same port, can delay every inference
 * answer, can spoil answers ({@link Fault}), and can demand a bearer token and TLS.
 */
public final class LoopbackInferenceServer implements AutoCloseable {

    /** The one version every model is served as. */
    public static final String VERSION = "1";
    /** The platform of every model, Triton's name for its ONNX Runtime backend. */
    private static final String PLATFORM = "onnxruntime_onnx";

    /** How answers are spoiled, for rejection tests. */
    public enum Fault {
        NONE,
        /** The first value of every output is NaN. */
        NAN,
        /** Every output claims one token row fewer and carries that many values. */
        WRONG_SHAPE,
        /** Every output claims datatype INT32. */
        WRONG_DATATYPE
    }

    private final Map<String, DynamicBatcher> models;
    private final Map<String, ModelConfig> configs;
    private final String token;
    private final KeyManager[] tlsKeys;
    private final AtomicLong unauthenticated = new AtomicLong();
    private final AtomicLong inferRequests = new AtomicLong();
    private volatile long delayNanos;
    private volatile Fault fault = Fault.NONE;
    private Server server;
    private int port;

    private LoopbackInferenceServer(Map<String, DynamicBatcher> models, Map<String, ModelConfig> configs, String token,
            KeyManager[] tlsKeys) {
        this.models = models;
        this.configs = configs;
        this.token = token;
        this.tlsKeys = tlsKeys;
    }

    /** A builder for a server on a free loopback port. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening (again, on the same port after {@link #stop()}). */
    public synchronized LoopbackInferenceServer start() throws IOException {
        ServerCredentials credentials = tlsKeys == null ? InsecureServerCredentials.create()
                : TlsServerCredentials.newBuilder().keyManager(tlsKeys).build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), credentials)
                .addService(ServerInterceptors.intercept(new Service(), new BearerCheck()))
                .maxInboundMessageSize(64 * 1024 * 1024)
                .build()
                .start();
        port = server.getPort();
        return this;
    }

    /** Stops at once, failing calls in flight, as a crashed or unplugged server would. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}. */
    public String target() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    }

    /** Holds every inference answer back by {@code delay} (zero for none). */
    public void setDelay(Duration delay) {
        this.delayNanos = delay.toNanos();
    }

    /** Spoils every answer from now on, or stops doing so with {@link Fault#NONE}. */
    public void setFault(Fault newFault) {
        this.fault = newFault;
    }

    /** Calls refused for a missing or wrong bearer token. */
    public long unauthenticated() {
        return unauthenticated.get();
    }

    /** ModelInfer calls received. */
    public long inferRequests() {
        return inferRequests.get();
    }

    /** Batches model {@code name} ran. */
    public long batches(String name) {
        return models.get(name).batches();
    }

    /** Rows (requests of batch 1) model {@code name} ran. */
    public long rowsRun(String name) {
        return models.get(name).rowsRun();
    }

    /** CPU time the batcher thread of model {@code name} spent running it. */
    public long modelCpuNanos(String name) {
        return models.get(name).modelCpuNanos();
    }

    /** The largest batch model {@code name} ran. */
    public long largestBatch(String name) {
        return models.get(name).largestBatch();
    }

    @Override
    public void close() {
        stop();
        models.values().forEach(DynamicBatcher::close);
    }

    /** Collects the models and options of a server. */
    public static final class Builder {
        private final Map<String, ModelProto> protos = new LinkedHashMap<>();
        private int maxBatch = 8;
        private Duration maxDelay = Duration.ofMillis(2);
        private String token;
        private KeyManager[] tlsKeys;

        private Builder() {
        }

        /** Serves {@code model} under {@code name}. */
        public Builder model(String name, ModelProto model) {
            protos.put(name, model);
            return this;
        }

        /** Dynamic batching of up to {@code rows} rows, holding a request at most {@code delay}; 1 turns it off. */
        public Builder batching(int rows, Duration delay) {
            this.maxBatch = rows;
            this.maxDelay = delay;
            return this;
        }

        /** Demands {@code authorization: Bearer <token>} on every call. */
        public Builder bearerToken(String expected) {
            this.token = expected;
            return this;
        }

        /** Serves TLS with these keys. */
        public Builder tls(KeyManager[] keys) {
            this.tlsKeys = keys;
            return this;
        }

        /** Loads the models into ONNX Runtime and starts the server. */
        public LoopbackInferenceServer start() throws IOException {
            Map<String, DynamicBatcher> batchers = new LinkedHashMap<>();
            Map<String, ModelConfig> configs = new LinkedHashMap<>();
            protos.forEach((name, proto) -> {
                OrtServedModel model = new OrtServedModel(name, proto);
                batchers.put(name, new DynamicBatcher(model, maxBatch, maxDelay.toNanos()));
                configs.put(name, modelConfig(model, maxBatch, maxDelay));
            });
            return new LoopbackInferenceServer(batchers, configs, token, tlsKeys).start();
        }
    }

    private final class BearerCheck implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                           ServerCallHandler<Q, R> next) {
            if (token != null && !("Bearer " + token).equals(headers.get(RemoteChannels.AUTHORIZATION))) {
                unauthenticated.incrementAndGet();
                call.close(Status.UNAUTHENTICATED.withDescription("missing or wrong bearer token"), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            return next.startCall(call, headers);
        }
    }

    private final class Service extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
        @Override
        public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> response) {
            response.onNext(ServerLiveResponse.newBuilder().setLive(true).build());
            response.onCompleted();
        }

        @Override
        public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> response) {
            response.onNext(ServerReadyResponse.newBuilder().setReady(true).build());
            response.onCompleted();
        }

        @Override
        public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> response) {
            response.onNext(ServerMetadataResponse.newBuilder().setName("neuroframe-loopback").setVersion("1").build());
            response.onCompleted();
        }

        @Override
        public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> response) {
            boolean ready = unservedVersion(request.getName(), request.getVersion()) == null;
            response.onNext(ModelReadyResponse.newBuilder().setReady(ready).build());
            response.onCompleted();
        }

        @Override
        public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> response) {
            DynamicBatcher batcher = served(request.getName(), request.getVersion(), response);
            if (batcher == null) {
                return;
            }
            ModelMetadataResponse.Builder meta = ModelMetadataResponse.newBuilder().setName(request.getName())
                    .addVersions(VERSION).setPlatform(PLATFORM);
            OrtServedModel model = batcher.model();
            model.inputs().forEach(s -> meta.addInputs(tensorMeta(s)));
            model.outputs().forEach(s -> meta.addOutputs(tensorMeta(s)));
            response.onNext(meta.build());
            response.onCompleted();
        }

        @Override
        public void modelConfig(ModelConfigRequest request, StreamObserver<ModelConfigResponse> response) {
            if (served(request.getName(), request.getVersion(), response) != null) {
                response.onNext(ModelConfigResponse.newBuilder().setConfig(configs.get(request.getName())).build());
                response.onCompleted();
            }
        }

        @Override
        public void modelStatistics(ModelStatisticsRequest request, StreamObserver<ModelStatisticsResponse> response) {
            ModelStatisticsResponse.Builder answer = ModelStatisticsResponse.newBuilder();
            if (request.getName().isEmpty()) {
                if (!request.getVersion().isEmpty()) {
                    response.onError(Status.INVALID_ARGUMENT.withDescription("a version needs a model name")
                            .asRuntimeException());
                    return;
                }
                models.forEach((name, batcher) -> answer.addModelStats(batcher.statistics().proto(name, VERSION)));
            } else {
                DynamicBatcher batcher = served(request.getName(), request.getVersion(), response);
                if (batcher == null) {
                    return;
                }
                answer.addModelStats(batcher.statistics().proto(request.getName(), VERSION));
            }
            response.onNext(answer.build());
            response.onCompleted();
        }

        @Override
        public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> response) {
            long arrived = System.nanoTime();
            inferRequests.incrementAndGet();
            DynamicBatcher batcher = served(request.getModelName(), request.getModelVersion(), response);
            if (batcher == null) {
                return;
            }
            OrtServedModel model = batcher.model();
            float[][] inputs = new float[model.inputs().size()][];
            int rows;
            int[] outputIndices;
            try {
                rows = readInputs(request, model, inputs);
                outputIndices = requestedOutputs(request, model);
            } catch (IllegalArgumentException e) {
                batcher.statistics().failed(System.nanoTime() - arrived);
                response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                return;
            }
            long delay = delayNanos;
            if (delay > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            batcher.submit(inputs, rows).whenComplete((outputs, error) -> {
                if (error != null) {
                    batcher.statistics().failed(System.nanoTime() - arrived);
                    response.onError(Status.INTERNAL.withDescription(request.getModelName() + ": " + error.getMessage())
                            .asRuntimeException());
                    return;
                }
                try {
                    ModelInferResponse answer = answer(request, model, outputs, outputIndices, rows);
                    batcher.statistics().succeeded(rows, System.nanoTime() - arrived);
                    response.onNext(answer);
                    response.onCompleted();
                } catch (RuntimeException e) {
                    // The call was cancelled (deadline passed, client gone) while the answer was held back.
                }
            });
        }
    }

    /** The batcher of model {@code name} at {@code version}, or {@code null} after failing the call as Triton would. */
    private DynamicBatcher served(String name, String version, StreamObserver<?> response) {
        Status unserved = unservedVersion(name, version);
        if (unserved != null) {
            response.onError(unserved.asRuntimeException());
            return null;
        }
        return models.get(name);
    }

    /** Why model {@code name} at {@code version} ("" for the server's choice) is not served, or {@code null}. */
    private Status unservedVersion(String name, String version) {
        if (!models.containsKey(name)) {
            return Status.NOT_FOUND.withDescription("Request for unknown model: '" + name + "' is not found");
        }
        if (version.isEmpty() || version.equals(VERSION)) {
            return null;
        }
        if (!version.matches("-?\\d{1,18}")) {
            return Status.INVALID_ARGUMENT.withDescription("model '" + name + "': version '" + version
                    + "' is not an integer");
        }
        return Status.NOT_FOUND.withDescription("Request for unknown model: '" + name + "' version " + version
                + " is not found; served: " + VERSION);
    }

    /**
     * The configuration Triton holds for {@code model} served with this batching, in the form an exported
     * {@code config.pbtxt} has: float32 tensors, dimensions after the batch, dynamic batching unless it is off.
     */
    private static ModelConfig modelConfig(OrtServedModel model, int maxBatch, Duration maxDelay) {
        ModelConfig.Builder proto = ModelConfig.newBuilder().setName(model.name()).setPlatform(PLATFORM)
                .setMaxBatchSize(maxBatch);
        for (OrtServedModel.Spec spec : model.inputs()) {
            ModelInput.Builder input = ModelInput.newBuilder().setName(spec.name()).setDataType(DataType.TYPE_FP32);
            Arrays.stream(spec.dims()).forEach(input::addDims);
            proto.addInput(input);
        }
        for (OrtServedModel.Spec spec : model.outputs()) {
            ModelOutput.Builder output = ModelOutput.newBuilder().setName(spec.name()).setDataType(DataType.TYPE_FP32);
            Arrays.stream(spec.dims()).forEach(output::addDims);
            proto.addOutput(output);
        }
        if (maxBatch > 1) {
            proto.setDynamicBatching(ModelDynamicBatching.newBuilder()
                    .setMaxQueueDelayMicroseconds(TimeUnit.NANOSECONDS.toMicros(maxDelay.toNanos())));
        }
        return proto.build();
    }

    /**
     * The indices (into the model's outputs) of the outputs to answer, in the order asked; every output when none is
     * named.
     */
    private static int[] requestedOutputs(ModelInferRequest request, OrtServedModel model) {
        List<OrtServedModel.Spec> specs = model.outputs();
        if (request.getOutputsCount() == 0) {
            return IntStream.range(0, specs.size()).toArray();
        }
        int[] indices = new int[request.getOutputsCount()];
        for (int k = 0; k < indices.length; k++) {
            String name = request.getOutputs(k).getName();
            indices[k] = -1;
            for (int o = 0; o < specs.size(); o++) {
                if (specs.get(o).name().equals(name)) {
                    indices[k] = o;
                }
            }
            if (indices[k] < 0) {
                throw new IllegalArgumentException("unexpected inference output '" + name + "' for model '"
                        + request.getModelName() + "'");
            }
        }
        return indices;
    }

    private static ModelMetadataResponse.TensorMetadata tensorMeta(OrtServedModel.Spec spec) {
        ModelMetadataResponse.TensorMetadata.Builder t = ModelMetadataResponse.TensorMetadata.newBuilder()
                .setName(spec.name()).setDatatype(OipTensors.FP32).addShape(-1);
        for (long d : spec.dims()) {
            t.addShape(d);
        }
        return t.build();
    }

    private static int readInputs(ModelInferRequest request, OrtServedModel model, float[][] into) {
        String where = "model '" + request.getModelName() + "'";
        boolean raw = request.getRawInputContentsCount() > 0;
        if (raw && request.getRawInputContentsCount() != request.getInputsCount()) {
            throw new IllegalArgumentException(where + ": " + request.getInputsCount() + " inputs but "
                    + request.getRawInputContentsCount() + " raw_input_contents");
        }
        int rows = -1;
        List<OrtServedModel.Spec> specs = model.inputs();
        for (ModelInferRequest.InferInputTensor given : request.getInputsList()) {
            if (specs.stream().noneMatch(spec -> spec.name().equals(given.getName()))) {
                throw new IllegalArgumentException("unexpected inference input '" + given.getName() + "' for model '"
                        + request.getModelName() + "'");
            }
        }
        for (int i = 0; i < specs.size(); i++) {
            OrtServedModel.Spec spec = specs.get(i);
            int index = -1;
            for (int k = 0; k < request.getInputsCount(); k++) {
                if (request.getInputs(k).getName().equals(spec.name())) {
                    index = k;
                }
            }
            if (index < 0) {
                throw new IllegalArgumentException(where + ": input '" + spec.name() + "' is missing");
            }
            ModelInferRequest.InferInputTensor tensor = request.getInputs(index);
            if (!OipTensors.FP32.equals(tensor.getDatatype())) {
                throw new IllegalArgumentException(where + ": input '" + spec.name() + "' has datatype "
                        + tensor.getDatatype() + ", expected FP32");
            }
            List<Long> shape = tensor.getShapeList();
            boolean shapeOk = shape.size() == spec.dims().length + 1 && shape.get(0) >= 1;
            for (int d = 0; shapeOk && d < spec.dims().length; d++) {
                shapeOk = shape.get(d + 1) == spec.dims()[d];
            }
            if (!shapeOk || (rows >= 0 && shape.get(0) != rows)) {
                throw new IllegalArgumentException(where + ": input '" + spec.name() + "' has shape " + shape
                        + ", expected [batch, " + Arrays.toString(spec.dims()).replaceAll("[\\[\\]]", "") + "]");
            }
            rows = Math.toIntExact(shape.get(0));
            int count = rows * spec.valuesPerRow();
            float[] values = new float[count];
            if (raw) {
                ByteString bytes = request.getRawInputContents(index);
                if (bytes.size() != count * Float.BYTES) {
                    throw new IllegalArgumentException(where + ": input '" + spec.name() + "' has " + bytes.size()
                            + " raw bytes, expected " + count * Float.BYTES);
                }
                bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            } else {
                if (tensor.getContents().getFp32ContentsCount() != count) {
                    throw new IllegalArgumentException(where + ": input '" + spec.name() + "' has "
                            + tensor.getContents().getFp32ContentsCount() + " fp32_contents, expected " + count);
                }
                for (int v = 0; v < count; v++) {
                    values[v] = tensor.getContents().getFp32Contents(v);
                }
            }
            into[i] = values;
        }
        return rows;
    }

    private ModelInferResponse answer(ModelInferRequest request, OrtServedModel model, float[][] outputs,
            int[] outputIndices, int rows) {
        Fault spoil = fault;
        ModelInferResponse.Builder answer = ModelInferResponse.newBuilder().setModelName(request.getModelName())
                .setModelVersion(VERSION).setId(request.getId());
        for (int o : outputIndices) {
            OrtServedModel.Spec spec = model.outputs().get(o);
            long[] dims = spec.dims();
            float[] values = outputs[o];
            ModelInferResponse.InferOutputTensor.Builder tensor = ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName(spec.name()).setDatatype(spoil == Fault.WRONG_DATATYPE ? "INT32" : OipTensors.FP32)
                    .addShape(rows);
            for (int d = 0; d < dims.length; d++) {
                long dim = spoil == Fault.WRONG_SHAPE && d == dims.length - 2 ? dims[d] - 1 : dims[d];
                tensor.addShape(dim);
            }
            int count = values.length;
            if (spoil == Fault.WRONG_SHAPE) {
                count = values.length / (int) dims[dims.length - 2] * (int) (dims[dims.length - 2] - 1);
            }
            ByteBuffer bytes = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values, 0, count);
            if (spoil == Fault.NAN) {
                bytes.putFloat(0, Float.NaN);
            }
            answer.addOutputs(tensor).addRawOutputContents(UnsafeByteOperations.unsafeWrap(bytes));
        }
        return answer.build();
    }
}
