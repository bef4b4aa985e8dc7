package io.neuroframe.codec.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

/**
 * Builds one ONNX graph node by node on the generated {@code OnnxMl} protobuf classes.
 *
 * <p>Values are referred to by name. Every method that adds a node returns the name of its output,
 * made unique from a readable prefix, so graph code reads like the forward pass it describes.
 * Float initializers are stored as little-endian {@code raw_data}, as the ONNX spec requires.
 */
public final class OnnxGraphBuilder {

    /** The ONNX operator set the generated graphs use (LayerNormalization needs 17). */
    public static final int OPSET = 17;
    /** IR version matching {@link #OPSET} (ONNX 1.12). */
    public static final int IR_VERSION = 8;

    /** The domain of ONNX Runtime's own operators (contrib ops such as {@code MultiHeadAttention}). */
    public static final String MICROSOFT_DOMAIN = "com.microsoft";
    /** The version of {@link #MICROSOFT_DOMAIN} the graphs import. */
    public static final int MICROSOFT_OPSET = 1;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> usedNames = new HashSet<>();
    private boolean usesMicrosoftDomain;

    public OnnxGraphBuilder(String graphName) {
        graph.setName(graphName);
    }

    /**
     * Declares a float graph input.
     *
     * @param dims each an {@link Integer} (fixed) or a {@link String} (symbolic, e.g. {@code "batch"})
     */
    public String input(String name, Object... dims) {
        claim(name);
        graph.addInput(floatValueInfo(name, dims));
        return name;
    }

    /**
     * Declares {@code value} as the float graph output {@code name}, through an Identity node when
     * the value carries another name (the runtime removes it).
     */
    public void output(String value, String name, Object... dims) {
        if (!value.equals(name)) {
            claim(name);
            graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(name + "/Identity")
                    .addInput(value).addOutput(name));
        }
        graph.addOutput(floatValueInfo(name, dims));
    }

    /** Adds a float initializer holding {@code data} (row-major) of {@code shape}. */
    public String floatInitializer(String name, long[] shape, float[] data) {
        ByteBuffer bytes = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        return initializer(name, TensorProto.DataType.FLOAT, shape, bytes);
    }

    /** Adds a float16 initializer; {@code halfBits} are IEEE 754 binary16 values. */
    String halfInitializer(String name, long[] shape, short[] halfBits) {
        ByteBuffer bytes = ByteBuffer.allocate(halfBits.length * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(halfBits);
        return initializer(name, TensorProto.DataType.FLOAT16, shape, bytes);
    }

    /** Adds a one-dimensional int64 initializer (shapes, axes, split sizes). */
    public String int64Initializer(String name, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return initializer(name, TensorProto.DataType.INT64, new long[] {values.length}, bytes);
    }

    /** Adds a scalar float initializer. */
    public String scalar(String name, float value) {
        return floatInitializer(name, new long[0], new float[] {value});
    }

    private String initializer(String name, TensorProto.DataType type, long[] shape, ByteBuffer littleEndian) {
        String unique = unique(name);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(unique).setDataType(type.getNumber());
        for (long dim : shape) {
            tensor.addDims(dim);
        }
        littleEndian.rewind();
        tensor.setRawData(ByteString.copyFrom(littleEndian));
        graph.addInitializer(tensor);
        return unique;
    }

    /**
     * Adds a node of operator {@code op} with one output.
     *
     * @param outputHint prefix of the output name (made unique), or the exact name of a graph output
     * @param attributes pairs of attribute name and value: {@link Long}/{@link Integer} (INT),
     *        {@link Float} (FLOAT), {@link String} (STRING), {@code long[]} (INTS)
     */
    public String node(String op, String outputHint, String[] inputs, Object... attributes) {
        String output = unique(outputHint);
        graph.addNode(nodeProto(op, output + "/" + op, inputs, new String[] {output}, attributes));
        return output;
    }

    /**
     * Adds a node of ONNX Runtime's own operator {@code op} ({@link #MICROSOFT_DOMAIN}) with one
     * output, as {@link #node}; the model then imports that domain.
     */
    public String microsoftNode(String op, String outputHint, String[] inputs, Object... attributes) {
        String output = unique(outputHint);
        graph.addNode(nodeProto(op, output + "/" + op, inputs, new String[] {output}, attributes)
                .setDomain(MICROSOFT_DOMAIN));
        usesMicrosoftDomain = true;
        return output;
    }

    /**
     * Adds a node of operator {@code op} with several outputs, each named from its hint as in
     * {@link #node}; returns the output names in order.
     */
    public String[] multiOutputNode(String op, String name, String[] inputs, String[] outputHints, Object... attributes) {
        String[] outputs = new String[outputHints.length];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = unique(outputHints[i]);
        }
        graph.addNode(nodeProto(op, unique(name) + "/" + op, inputs, outputs, attributes));
        return outputs;
    }

    private static NodeProto.Builder nodeProto(String op, String name, String[] inputs, String[] outputs,
                                               Object... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(name);
        for (String in : inputs) {
            node.addInput(in);
        }
        for (String out : outputs) {
            node.addOutput(out);
        }
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs, got " + attributes.length);
        }
        for (int i = 0; i < attributes.length; i += 2) {
            node.addAttribute(attribute((String) attributes[i], attributes[i + 1]));
        }
        return node;
    }

    /** Shorthand for {@link #node} with the inputs given inline and no attributes. */
    public String op(String op, String outputHint, String... inputs) {
        return node(op, outputHint, inputs);
    }

    private static AttributeProto attribute(String name, Object value) {
        AttributeProto.Builder attr = AttributeProto.newBuilder().setName(name);
        if (value instanceof Integer || value instanceof Long) {
            attr.setType(AttributeProto.AttributeType.INT).setI(((Number) value).longValue());
        } else if (value instanceof Float f) {
            attr.setType(AttributeProto.AttributeType.FLOAT).setF(f);
        } else if (value instanceof String text) {
            attr.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(text));
        } else if (value instanceof long[] ints) {
            attr.setType(AttributeProto.AttributeType.INTS);
            for (long v : ints) {
                attr.addInts(v);
            }
        } else {
            throw new IllegalArgumentException("attribute " + name + ": unsupported value type "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return attr.build();
    }

    /**
     * The finished model: this graph at {@link #OPSET} of the default ONNX domain, and at
     * {@link #MICROSOFT_OPSET} of {@link #MICROSOFT_DOMAIN} where it has such nodes.
     */
    public ModelProto build(String producer, String docString) {
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName(producer)
                .setDocString(docString)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        if (usesMicrosoftDomain) {
            model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(MICROSOFT_DOMAIN).setVersion(MICROSOFT_OPSET));
        }
        return model.setGraph(graph).build();
    }

    private static ValueInfoProto floatValueInfo(String name, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
            if (dim instanceof Integer fixed) {
                d.setDimValue(fixed);
            } else if (dim instanceof String symbolic) {
                d.setDimParam(symbolic);
            } else {
                throw new IllegalArgumentException(name + ": a dimension must be an Integer or a String, got " + dim);
            }
            shape.addDim(d);
        }
        TypeProto.Tensor tensorType = TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber())
                .setShape(shape)
                .build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensorType)).build();
    }

    private void claim(String name) {
        if (!usedNames.add(name)) {
            throw new IllegalArgumentException("value name " + name + " is already used in this graph");
        }
    }

    /** {@code hint} itself if still free, else {@code hint_2}, {@code hint_3}, ... */
    private String unique(String hint) {
        if (usedNames.add(hint)) {
            return hint;
        }
        for (int i = 2; ; i++) {
            String candidate = hint + "_" + i;
            if (usedNames.add(candidate)) {
                return candidate;
            }
        }
    }
}
