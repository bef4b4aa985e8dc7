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
import io.neuroframe.remote.protocol.GRPCInferenceServiceGrpc;
import io.neuroframe.remote.protocol.ModelInferRequest;
import io.neuroframe.remote.protocol.ModelInferResponse;
import io.neuroframe.remote.protocol.ModelMetadataRequest;
import io.neuroframe.remote.protocol.ModelMetadataResponse;
import io.neuroframe.remote.protocol.ModelReadyRequest;
import io.neuroframe.remote.protocol.ModelReadyResponse;
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
import javax.net.ssl.KeyManager;

/**
 * A small Open Inference Protocol (KServe v2) server for tests: real gRPC over Netty on the
 * loopback interface, real ONNX Runtime sessions, dynamic batching across concurrent requests.
 * Implements ServerLive, ServerReady, ServerMetadata, ModelReady, ModelMetadata and ModelInfer for
 * float32 models, with raw or typed tensor contents. A test fixture, not a product: users serve
 * the exported repository with Triton Inference Server.
 *
 * <p>For fault tests it can be stopped and restarted on the same port, can delay every inference
 * answer, can spoil answers ({@link Fault}), and can demand a bearer token and TLS.
 */
public final class LoopbackInferenceServer implements AutoCloseable {

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
    private final String token;
    private final KeyManager[] tlsKeys;
    private final AtomicLong unauthenticated = new AtomicLong();
    private final AtomicLong inferRequests = new AtomicLong();
    private volatile long delayNanos;
    private volatile Fault fault = Fault.NONE;
    private Server server;
    private int port;

    private LoopbackInferenceServer(Map<String, DynamicBatcher> models, String token, KeyManager[] tlsKeys) {
        this.models = models;
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
            protos.forEach((name, proto) -> batchers.put(name,
                    new DynamicBatcher(new OrtServedModel(name, proto), maxBatch, maxDelay.toNanos())));
            return new LoopbackInferenceServer(batchers, token, tlsKeys).start();
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
            response.onNext(ModelReadyResponse.newBuilder().setReady(models.containsKey(request.getName())).build());
            response.onCompleted();
        }

        @Override
        public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> response) {
            DynamicBatcher batcher = models.get(request.getName());
            if (batcher == null) {
                response.onError(Status.NOT_FOUND.withDescription("no model named '" + request.getName() + "'")
                        .asRuntimeException());
                return;
            }
            ModelMetadataResponse.Builder meta = ModelMetadataResponse.newBuilder().setName(request.getName())
                    .addVersions("1").setPlatform("onnxruntime_onnx");
            OrtServedModel model = batcher.model();
            model.inputs().forEach(s -> meta.addInputs(tensorMeta(s)));
            model.outputs().forEach(s -> meta.addOutputs(tensorMeta(s)));
            response.onNext(meta.build());
            response.onCompleted();
        }

        @Override
        public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> response) {
            inferRequests.incrementAndGet();
            DynamicBatcher batcher = models.get(request.getModelName());
            if (batcher == null) {
                response.onError(Status.NOT_FOUND.withDescription("no model named '" + request.getModelName() + "'")
                        .asRuntimeException());
                return;
            }
            OrtServedModel model = batcher.model();
            float[][] inputs = new float[model.inputs().size()][];
            int rows;
            try {
                rows = readInputs(request, model, inputs);
            } catch (IllegalArgumentException e) {
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
                    response.onError(Status.INTERNAL.withDescription(request.getModelName() + ": " + error.getMessage())
                            .asRuntimeException());
                    return;
                }
                try {
                    response.onNext(answer(request, model, outputs, rows));
                    response.onCompleted();
                } catch (RuntimeException e) {
                    // The call was cancelled (deadline passed, client gone) while the answer was held back.
                }
            });
        }
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

    private ModelInferResponse answer(ModelInferRequest request, OrtServedModel model, float[][] outputs, int rows) {
        Fault spoil = fault;
        ModelInferResponse.Builder answer = ModelInferResponse.newBuilder().setModelName(request.getModelName())
                .setModelVersion("1").setId(request.getId());
        for (int o = 0; o < outputs.length; o++) {
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
