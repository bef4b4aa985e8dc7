package io.neuroframe.remote.serving;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code config.pbtxt} of one ONNX model in a Triton Inference Server model repository:
 * platform {@code onnxruntime_onnx}, inputs and outputs with their datatypes and dimensions
 * (without the batch dimension, which Triton adds while {@code max_batch_size > 0}), and dynamic
 * batching across requests.
 *
 * @param name the model's name in the repository (its folder name)
 * @param maxBatchSize largest batch Triton forms (at least 1)
 * @param maxQueueDelayMicros how long Triton may hold a request to fill a batch
 * @param inputs the model's inputs
 * @param outputs the model's outputs
 */
public record TritonModelConfig(String name, int maxBatchSize, long maxQueueDelayMicros, List<Tensor> inputs,
                                List<Tensor> outputs) {

    /** The platform string of ONNX models served by Triton's ONNX Runtime backend. */
    public static final String PLATFORM = "onnxruntime_onnx";

    /**
     * One tensor of the configuration.
     *
     * @param name the ONNX value name
     * @param dataType Triton's type, e.g. {@code TYPE_FP32}
     * @param dims dimensions after the batch dimension, -1 where variable
     */
    public record Tensor(String name, String dataType, long[] dims) {
        public Tensor {
            dims = dims.clone();
        }

        @Override
        public long[] dims() {
            return dims.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tensor t && name.equals(t.name) && dataType.equals(t.dataType) && Arrays.equals(dims, t.dims);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(dims);
        }

        @Override
        public String toString() {
            return name + " " + dataType + " " + Arrays.toString(dims);
        }
    }

    public TritonModelConfig {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException(name + ": max_batch_size must be at least 1, got " + maxBatchSize);
        }
        if (maxQueueDelayMicros < 0) {
            throw new IllegalArgumentException(name + ": max_queue_delay_microseconds must not be negative, got "
                    + maxQueueDelayMicros);
        }
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * The configuration of {@code model}, its inputs and outputs read from the graph.
     *
     * @throws IllegalArgumentException naming the model and tensor if a tensor has no symbolic
     *     batch dimension first, or a datatype Triton's configuration cannot name here
     */
    public static TritonModelConfig fromOnnx(String name, ModelProto model, int maxBatchSize, long maxQueueDelayMicros) {
        Set<String> initializers = model.getGraph().getInitializerList().stream().map(TensorProto::getName)
                .collect(Collectors.toSet());
        List<Tensor> inputs = new ArrayList<>();
        for (ValueInfoProto value : model.getGraph().getInputList()) {
            if (!initializers.contains(value.getName())) {
                inputs.add(tensor(name, value));
            }
        }
        List<Tensor> outputs = new ArrayList<>();
        for (ValueInfoProto value : model.getGraph().getOutputList()) {
            outputs.add(tensor(name, value));
        }
        return new TritonModelConfig(name, maxBatchSize, maxQueueDelayMicros, inputs, outputs);
    }

    private static Tensor tensor(String model, ValueInfoProto value) {
        String where = model + ": tensor '" + value.getName() + "'";
        if (!value.getType().hasTensorType()) {
            throw new IllegalArgumentException(where + " is not a tensor");
        }
        int elemType = value.getType().getTensorType().getElemType();
        String type;
        if (elemType == TensorProto.DataType.FLOAT.getNumber()) {
            type = "TYPE_FP32";
        } else if (elemType == TensorProto.DataType.FLOAT16.getNumber()) {
            type = "TYPE_FP16";
        } else if (elemType == TensorProto.DataType.UINT8.getNumber()) {
            type = "TYPE_UINT8";
        } else {
            throw new IllegalArgumentException(where + " has ONNX element type " + elemType
                    + "; only float32, float16 and uint8 are exported");
        }
        List<TensorShapeProto.Dimension> dims = value.getType().getTensorType().getShape().getDimList();
        if (dims.isEmpty() || dims.get(0).hasDimValue()) {
            throw new IllegalArgumentException(where + " needs a symbolic batch dimension first for dynamic batching, "
                    + "found " + (dims.isEmpty() ? "a scalar" : "a fixed first dimension " + dims.get(0).getDimValue()));
        }
        long[] rest = new long[dims.size() - 1];
        for (int i = 1; i < dims.size(); i++) {
            rest[i - 1] = dims.get(i).hasDimValue() ? dims.get(i).getDimValue() : -1;
        }
        return new Tensor(value.getName(), type, rest);
    }

    /** The configuration in Triton's protobuf text format. */
    public String toPbtxt() {
        StringBuilder sb = new StringBuilder();
        sb.append("name: \"").append(name).append("\"\n");
        sb.append("platform: \"").append(PLATFORM).append("\"\n");
        sb.append("max_batch_size: ").append(maxBatchSize).append('\n');
        appendTensors(sb, "input", inputs);
        appendTensors(sb, "output", outputs);
        sb.append("dynamic_batching {\n");
        sb.append("  max_queue_delay_microseconds: ").append(maxQueueDelayMicros).append('\n');
        sb.append("}\n");
        return sb.toString();
    }

    private static void appendTensors(StringBuilder sb, String kind, List<Tensor> tensors) {
        sb.append(kind).append(" [\n");
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            sb.append("  {\n");
            sb.append("    name: \"").append(t.name()).append("\"\n");
            sb.append("    data_type: ").append(t.dataType()).append('\n');
            sb.append("    dims: [ ");
            long[] dims = t.dims();
            for (int d = 0; d < dims.length; d++) {
                sb.append(d == 0 ? "" : ", ").append(dims[d]);
            }
            sb.append(" ]\n");
            sb.append(i + 1 < tensors.size() ? "  },\n" : "  }\n");
        }
        sb.append("]\n");
    }
}
