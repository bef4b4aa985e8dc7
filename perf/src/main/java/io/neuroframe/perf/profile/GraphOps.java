package io.neuroframe.perf.profile;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many nodes of each operator a model's graph holds, named {@code domain:op} outside the
 * default ONNX domain (e.g. {@code com.microsoft:FusedMatMul}): read from the optimized model
 * ONNX Runtime saves, it shows which of its fusions fired.
 */
public final class GraphOps {
    private GraphOps() {
    }

    /**
     * The operator counts of the ONNX model in {@code file}, by name.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file if it is not an ONNX model
     */
    public static Map<String, Integer> count(Path file) throws IOException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(file + ": not an ONNX model: " + e.getMessage(), e);
        }
        return count(model);
    }

    /** The operator counts of {@code model}'s main graph, by name. */
    public static Map<String, Integer> count(ModelProto model) {
        Map<String, Integer> counts = new TreeMap<>();
        for (NodeProto node : model.getGraph().getNodeList()) {
            String name = node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx")
                    ? node.getOpType() : node.getDomain() + ":" + node.getOpType();
            counts.merge(name, 1, Integer::sum);
        }
        return counts;
    }
}
