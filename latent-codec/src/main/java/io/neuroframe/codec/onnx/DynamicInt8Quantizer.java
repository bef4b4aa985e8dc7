package io.neuroframe.codec.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a float32 ONNX model so that its linear layers run in int8 with dynamic quantization,
 * as ONNX Runtime's own (Python) {@code quantize_dynamic} does: every {@code Gemm} whose weight
 * and bias are float32 initializers becomes one {@code DynamicQuantizeMatMul}
 * ({@code com.microsoft} domain), which quantizes its input to uint8 at run time (scale and zero
 * point from each call's range) and multiplies it with the weight stored as int8, symmetric, one
 * scale per output channel, adding the float bias. ONNX Runtime runs it on its integer GEMM kernels
 * (VNNI where the CPU has it). Every other node, attention and the normalizations included, stays
 * float32.
 */
public final class DynamicInt8Quantizer {
    private static final int INT8_MAX = 127;

    private DynamicInt8Quantizer() {
    }

    /**
     * The int8 model of the serialized float32 model {@code model}.
     *
     * @param name what to call the model in messages
     * @throws IllegalArgumentException naming the model if the bytes are not an ONNX model, or it
     *         has no {@code Gemm} with float32 initializer weights to quantize, or such a
     *         {@code Gemm} uses attributes this rewrite does not support
     */
    public static ModelProto quantize(byte[] model, String name) {
        return quantize(OnnxInitializers.parse(model, name), name);
    }

    /** As {@link #quantize(byte[], String)}, on a parsed model. */
    public static ModelProto quantize(ModelProto model, String name) {
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        Set<String> replaced = new HashSet<>();
        GraphProto.Builder out = graph.toBuilder().clearNode();
        int quantized = 0;
        for (NodeProto node : graph.getNodeList()) {
            if (!node.getOpType().equals("Gemm") || !node.getDomain().isEmpty() || node.getInputCount() < 2
                    || !isFloatInitializer(initializers.get(node.getInput(1)))
                    || (node.getInputCount() > 2 && !isFloatInitializer(initializers.get(node.getInput(2))))) {
                out.addNode(node);
                continue;
            }
            boolean transB = requireSupportedGemm(node, name);
            TensorProto weight = initializers.get(node.getInput(1));
            String base = node.getName().isEmpty() ? node.getOutput(0) : node.getName();
            QuantizedWeight q = quantizeColumns(weight, transB, name);
            out.addInitializer(q.values().setName(base + "/weight_int8"));
            out.addInitializer(q.scales().setName(base + "/weight_scale"));
            NodeProto.Builder matmul = NodeProto.newBuilder().setOpType("DynamicQuantizeMatMul")
                    .setDomain(OnnxGraphBuilder.MICROSOFT_DOMAIN).setName(base + "/int8")
                    .addInput(node.getInput(0)).addInput(base + "/weight_int8").addInput(base + "/weight_scale")
                    .addInput("").addOutput(node.getOutput(0));
            if (node.getInputCount() > 2) {
                matmul.addInput(node.getInput(2));
            }
            out.addNode(matmul);
            replaced.add(node.getInput(1));
            quantized++;
        }
        if (quantized == 0) {
            throw new IllegalArgumentException(name + ": no Gemm with float32 initializer weights to quantize");
        }
        OnnxInitializers.removeUnused(out, replaced);
        ModelProto.Builder result = model.toBuilder().setGraph(out);
        boolean imports = model.getOpsetImportList().stream()
                .anyMatch(o -> o.getDomain().equals(OnnxGraphBuilder.MICROSOFT_DOMAIN));
        if (!imports) {
            result.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(OnnxGraphBuilder.MICROSOFT_DOMAIN)
                    .setVersion(OnnxGraphBuilder.MICROSOFT_OPSET));
        }
        return result.build();
    }

    private static boolean isFloatInitializer(TensorProto tensor) {
        return tensor != null && tensor.getDataType() == TensorProto.DataType.FLOAT.getNumber();
    }

    /** Whether the weight is transposed ({@code transB}); refuses alpha, beta or a transposed input. */
    private static boolean requireSupportedGemm(NodeProto node, String name) {
        boolean transB = false;
        for (AttributeProto a : node.getAttributeList()) {
            boolean identity = switch (a.getName()) {
                case "transB" -> {
                    transB = a.getI() == 1;
                    yield true;
                }
                case "transA" -> a.getI() == 0;
                case "alpha", "beta" -> a.getF() == 1f;
                default -> false;
            };
            if (!identity) {
                throw new IllegalArgumentException(name + ": Gemm " + node.getName() + " has attribute " + a.getName()
                        + " set, which the int8 rewrite does not support (only transB)");
            }
        }
        return transB;
    }

    /** An int8 weight {@code [in, out]} and its per-output-channel scales. */
    private record QuantizedWeight(TensorProto.Builder values, TensorProto.Builder scales) {
    }

    /**
     * Symmetric int8 per output column of the weight as {@code MatMul} reads it, {@code [in, out]}
     * ({@code [out, in]} stored when {@code transposed}): scale {@code max|w| / 127}.
     */
    private static QuantizedWeight quantizeColumns(TensorProto weight, boolean transposed, String name) {
        if (weight.getDimsCount() != 2) {
            throw new IllegalArgumentException(name + ": Gemm weight " + weight.getName() + " has "
                    + weight.getDimsCount() + " dimensions, expected 2");
        }
        float[] w = OnnxInitializers.floats(weight);
        int rows = (int) weight.getDims(0);
        int cols = (int) weight.getDims(1);
        int in = transposed ? cols : rows;
        int out = transposed ? rows : cols;
        float[] scales = new float[out];
        for (int o = 0; o < out; o++) {
            float max = 0;
            for (int i = 0; i < in; i++) {
                max = Math.max(max, Math.abs(w[transposed ? o * cols + i : i * cols + o]));
            }
            scales[o] = max == 0 ? 1f : max / INT8_MAX;
        }
        byte[] q = new byte[in * out];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                float v = w[transposed ? o * cols + i : i * cols + o] / scales[o];
                q[i * out + o] = (byte) Math.max(-INT8_MAX, Math.min(INT8_MAX, Math.round(v)));
            }
        }
        return new QuantizedWeight(
                TensorProto.newBuilder().setDataType(TensorProto.DataType.INT8.getNumber()).addDims(in).addDims(out)
                        .setRawData(ByteString.copyFrom(q)),
                TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT.getNumber()).addDims(out)
                        .setRawData(OnnxInitializers.littleEndianFloats(scales)));
    }

}
