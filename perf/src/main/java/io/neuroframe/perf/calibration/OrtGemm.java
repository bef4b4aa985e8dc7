package io.neuroframe.perf.calibration;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.codec.onnx.OrtRuntime;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import io.neuroframe.codec.onnx.OrtOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The same square matrix multiply as {@link JavaGemm}, run by ONNX Runtime on a graph holding a
 * single {@code MatMul} ({@code C = A * B}, {@code A} fed per run, {@code B} a constant weight, as
 * in a model layer). Its GFLOP/s is the practical ceiling for the codec's ONNX Runtime stages on
 * this machine: dense matrix products are what those models spend nearly all their FLOPs on.
 * Uses the codec's default session threads. Close it to free the native session.
 */
public final class OrtGemm implements AutoCloseable {
    private static final int OPSET = 17;
    private static final int IR_VERSION = 8;

    private final int n;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final OnnxTensor input;
    private final OnnxTensor output;
    private final FloatBuffer outputBuffer;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> outputs;

    /** A session multiplying {@code n x n} matrices filled deterministically from {@code seed}. */
    public OrtGemm(int n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        this.n = n;
        SplittableRandom random = new SplittableRandom(seed);
        OrtEnvironment env = OrtRuntime.environment();
        try {
            options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(OrtOptions.defaults().intraOpThreads());
            session = env.createSession(model(n, random).toByteArray(), options);
            FloatBuffer a = NativeBuffers.floats(n * n);
            for (int i = 0; i < n * n; i++) {
                a.put(i, (float) random.nextDouble(-1, 1));
            }
            input = OnnxTensor.createTensor(env, a, new long[] {n, n});
            outputBuffer = NativeBuffers.floats(n * n);
            output = OnnxTensor.createTensor(env, outputBuffer, new long[] {n, n});
            inputs = Map.of("a", input);
            outputs = Map.of("c", output);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot build the ONNX Runtime MatMul calibration session: " + e.getMessage(), e);
        }
    }

    /** Side of the matrices. */
    public int size() {
        return n;
    }

    /** Floating-point operations of one {@link #multiply()}: {@code 2 n^3}. */
    public long flops() {
        return 2L * n * n * n;
    }

    /** Runs the graph once, into a preallocated output, and returns one element of the product. */
    public float multiply() {
        try (OrtSession.Result ignored = session.run(inputs, outputs)) {
            return outputBuffer.get(n / 2);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime MatMul failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        input.close();
        output.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the MatMul session failed: " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }

    private static ModelProto model(int n, SplittableRandom random) {
        ByteBuffer weight = ByteBuffer.allocate(n * n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n * n; i++) {
            weight.putFloat((float) random.nextDouble(-1, 1));
        }
        weight.flip();
        GraphProto graph = GraphProto.newBuilder()
                .setName("gemm-calibration")
                .addInput(matrix("a", n))
                .addOutput(matrix("c", n))
                .addInitializer(TensorProto.newBuilder().setName("b").setDataType(TensorProto.DataType.FLOAT.getNumber())
                        .addDims(n).addDims(n).setRawData(ByteString.copyFrom(weight)))
                .addNode(NodeProto.newBuilder().setOpType("MatMul").setName("matmul").addInput("a").addInput("b")
                        .addOutput("c"))
                .build();
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("neuroframe-perf")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build();
    }

    private static ValueInfoProto matrix(String name, int n) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(n))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(n))
                .build();
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
