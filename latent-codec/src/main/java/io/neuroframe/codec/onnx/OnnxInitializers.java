package io.neuroframe.codec.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashSet;
import java.util.Set;

/** Parsing a model and reading and tidying its initializers, for the int8 rewrites. */
final class OnnxInitializers {

    private OnnxInitializers() {
    }

    /**
     * The model in {@code model}.
     *
     * @throws IllegalArgumentException naming the model ({@code name}) if the bytes are not an ONNX model with nodes
     */
    static ModelProto parse(byte[] model, String name) {
        ModelProto parsed;
        try {
            parsed = ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(name + ": not an ONNX model (" + e.getMessage() + ")", e);
        }
        if (!parsed.hasGraph() || parsed.getGraph().getNodeCount() == 0) {
            throw new IllegalArgumentException(name + ": not an ONNX model (no graph nodes)");
        }
        return parsed;
    }

    /** The values of a float32 initializer, from {@code raw_data} or {@code float_data}. */
    static float[] floats(TensorProto tensor) {
        if (!tensor.getRawData().isEmpty()) {
            FloatBuffer buffer = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return values;
        }
        float[] values = new float[tensor.getFloatDataCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = tensor.getFloatData(i);
        }
        return values;
    }

    /** {@code values} as little-endian bytes, an initializer's {@code raw_data}. */
    static ByteString littleEndianFloats(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return ByteString.copyFrom(bytes);
    }

    /** Drops the initializers in {@code candidates} that no node reads any more. */
    static void removeUnused(GraphProto.Builder graph, Set<String> candidates) {
        Set<String> read = new HashSet<>();
        for (NodeProto node : graph.getNodeList()) {
            read.addAll(node.getInputList());
        }
        for (int i = graph.getInitializerCount() - 1; i >= 0; i--) {
            String name = graph.getInitializer(i).getName();
            if (candidates.contains(name) && !read.contains(name)) {
                graph.removeInitializer(i);
            }
        }
    }
}
