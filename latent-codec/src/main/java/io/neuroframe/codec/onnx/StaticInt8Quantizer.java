package io.neuroframe.codec.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.neuroframe.api.LatentContract;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a float32 convolutional decoder (such as {@link ConvDecoderOnnxExporter}'s) so that
 * ONNX Runtime runs it on its integer kernels: static quantization in the QDQ format, as ONNX
 * Runtime's own (Python) {@code quantize_static} makes it. The model keeps its contract (input
 * {@code latent}, output {@code image}); ONNX Runtime's QDQ transformer fuses the
 * {@code DequantizeLinear -> op -> QuantizeLinear} groups into its integer operators.
 *
 * <ul>
 * <li><b>What is quantized.</b> Every {@code Conv} with float32 initializer weights, the SiLU's
 *     {@code Sigmoid} and {@code Mul} and the residual {@code Add} (all inputs activations), and the
 *     data movement between them ({@code Reshape}, {@code Transpose}, {@code DepthToSpace}), whose
 *     output takes its input's scale so that ONNX Runtime drops the pair around it. Each such tensor
 *     gets one {@code QuantizeLinear -> DequantizeLinear} pair after its producer. The tensor
 *     the final {@code Clip} to {@code [0, 1]} alone reads gets the clip's range ({@code [0, 1]}
 *     in steps of 1/255), so its DequantizeLinear cannot leave it and the clip is dropped, with the
 *     same output.</li>
 * <li><b>Types.</b> Activations uint8, asymmetric (a zero point; the range widened to hold 0, which
 *     the convolutions' zero padding needs exact); weights int8, symmetric, one scale per output
 *     channel ({@code max|w| / 127}, axis 0); biases int32 at scale input scale x weight scale,
 *     the accumulator's, as {@code QLinearConv} adds them.</li>
 * <li><b>Calibration.</b> A copy of the model with the activation tensors added as graph outputs
 *     runs on ONNX Runtime over the calibration latents: the codec's latents of training frames
 *     ({@code CalibrationLatents}). A tensor's range runs from its 0.005th to its 99.995th
 *     percentile (from a 4096-bin histogram between its minimum and maximum, a second pass). On
 *     training frames outside the calibration set that gave 47.1 dB PSNR against the float32
 *     decode, against 44.5 dB with the minimum and maximum (the outliers widen the uint8 steps).</li>
 * <li><b>Pixel shuffles.</b> ONNX Runtime runs {@code QLinearConv} channel-last (NHWC) and a uint8
 *     {@code DepthToSpace} with its generic element loop between two layout transposes; instead,
 *     the convolution before each shuffle gets its output channels in DCR order and the shuffle
 *     becomes a {@code Reshape -> Transpose -> Reshape} of uint8 that ONNX Runtime copies in runs
 *     of {@code factor x channels} bytes, its layout transposes cancelling out. The result is the
 *     same, byte for byte.</li>
 * </ul>
 *
 * <p>For {@code nf-tiny} ONNX Runtime 1.29 then runs one {@code QuantizeLinear} of the latent,
 * {@code QLinearConv} (channel-last), {@code QLinearSigmoid}, {@code QLinearMul},
 * {@code QLinearAdd}, uint8 {@code Reshape}s and {@code Transpose}s and one
 * {@code DequantizeLinear}; speed and PSNR are in {@code perf/RESULTS.md}. Measured on a CPU with
 * AVX-512 VNNI: ONNX Runtime warns that its uint8 x int8 kernels for AVX2 without VNNI can saturate.
 */
public final class StaticInt8Quantizer {
    private static final int INT8_MAX = 127;
    private static final int UINT8_MAX = 255;

    /** Which operators get quantized inputs and outputs. */
    enum Scope {
        /** Only the convolutions; SiLU, the residual additions and the pixel shuffles stay float32. */
        CONVOLUTIONS,
        /** Convolutions, {@code Sigmoid}, {@code Mul}, {@code Add} and the data movement between them. */
        WHOLE_CHAIN
    }

    /** The operators that move values without changing them: their output takes their input's scale. */
    private static final Set<String> DATA_MOVEMENT = Set.of("DepthToSpace", "Reshape", "Transpose");
    /** The elementwise operators {@link Scope#WHOLE_CHAIN} quantizes when all their inputs are activations. */
    private static final Set<String> ELEMENTWISE = Set.of("Sigmoid", "Mul", "Add");

    private StaticInt8Quantizer() {
    }

    /**
     * The int8 model of the serialized float32 model {@code model}, its activation ranges taken from
     * decoding {@code calibrationLatents}.
     *
     * @param name what to call the model in messages
     * @param calibrationLatents latents in the latent contract, {@link LatentContract#LATENT_FLOATS} floats each
     * @throws IllegalArgumentException naming the model if the bytes are not an ONNX model, it has no
     *         {@code Conv} with float32 initializer weights to quantize, or the calibration latents are
     *         empty or of the wrong size
     */
    public static ModelProto quantize(byte[] model, String name, float[][] calibrationLatents) {
        return quantize(OnnxInitializers.parse(model, name), name, calibrationLatents);
    }

    /** As {@link #quantize(byte[], String, float[][])}, on a parsed model. */
    public static ModelProto quantize(ModelProto model, String name, float[][] calibrationLatents) {
        return quantize(model, name, calibrationLatents, Choices.DEFAULT);
    }

    /**
     * The choices the public methods fix, open to the measurements that made them.
     *
     * @param scope which operators run quantized
     * @param percentile the percentile of each tensor's values that bounds its range at either end
     *        (100: the minimum and maximum)
     * @param channelsLastShuffle whether the pixel shuffles after quantized convolutions become
     *        channel-last uint8 {@code Transpose}s (the convolutions' output channels reordered)
     */
    record Choices(Scope scope, double percentile, boolean channelsLastShuffle) {
        static final Choices DEFAULT = new Choices(Scope.WHOLE_CHAIN, 99.995, true);
    }

    /** As {@link #quantize(ModelProto, String, float[][])} with other {@code choices}. */
    static ModelProto quantize(ModelProto model, String name, float[][] calibrationLatents, Choices choices) {
        requireCalibration(calibrationLatents, name);
        Plan plan = plan(model, name, choices.scope());
        Calibration.Measured measured = Calibration.measure(model, name, plan.calibrated(), calibrationLatents,
                choices.percentile());
        Map<String, float[]> ranges = measured.ranges();
        narrowToClips(model.getGraph(), plan, ranges);
        Map<String, QuantParams> params = new HashMap<>();
        for (String tensor : plan.tensors()) {
            String source = plan.source(tensor);
            params.put(tensor, params.computeIfAbsent(source, s -> QuantParams.of(ranges.get(s))));
        }
        Map<Integer, Shuffle> shuffles = choices.channelsLastShuffle()
                ? shuffles(model.getGraph(), plan, measured.shapes()) : Map.of();
        return rewrite(model, plan, params, shuffles);
    }

    private static void requireCalibration(float[][] latents, String name) {
        if (latents == null || latents.length == 0) {
            throw new IllegalArgumentException(name + ": no calibration latents; the int8 rewrite needs latents "
                    + "of real frames to measure the activation ranges");
        }
        for (int i = 0; i < latents.length; i++) {
            if (latents[i] == null || latents[i].length != LatentContract.LATENT_FLOATS) {
                throw new IllegalArgumentException(name + ": calibration latent " + i + " has "
                        + (latents[i] == null ? "no" : String.valueOf(latents[i].length)) + " floats, expected "
                        + LatentContract.LATENT_FLOATS);
            }
        }
    }

    /**
     * What the rewrite quantizes.
     *
     * @param nodes indices of the nodes that run on quantized inputs and outputs
     * @param tensors every tensor that gets a QuantizeLinear/DequantizeLinear pair, in graph order
     * @param inherits tensors whose scale is another tensor's (the output of a data movement node)
     * @param calibrated the tensors whose ranges calibration measures
     */
    private record Plan(Set<Integer> nodes, Set<String> tensors, Map<String, String> inherits,
                        Set<String> calibrated, Map<String, TensorProto> initializers) {
        String source(String tensor) {
            String s = tensor;
            while (inherits.containsKey(s)) {
                s = inherits.get(s);
            }
            return s;
        }
    }

    private static Plan plan(ModelProto model, String name, Scope scope) {
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        Set<Integer> nodes = new LinkedHashSet<>();
        Set<String> tensors = new LinkedHashSet<>();
        Map<String, String> inherits = new HashMap<>();
        int convolutions = 0;
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            if (!node.getDomain().isEmpty()) {
                continue;
            }
            String op = node.getOpType();
            if (op.equals("Conv")) {
                if (!isQuantizableConv(node, initializers)) {
                    continue;
                }
                convolutions++;
                tensors.add(node.getInput(0));
                tensors.add(node.getOutput(0));
                nodes.add(i);
            } else if (scope == Scope.WHOLE_CHAIN && ELEMENTWISE.contains(op)
                    && node.getInputList().stream().noneMatch(initializers::containsKey)) {
                tensors.addAll(node.getInputList());
                tensors.add(node.getOutput(0));
                nodes.add(i);
            } else if (scope == Scope.WHOLE_CHAIN && DATA_MOVEMENT.contains(op)
                    && !initializers.containsKey(node.getInput(0))) {
                tensors.add(node.getInput(0));
                tensors.add(node.getOutput(0));
                inherits.put(node.getOutput(0), node.getInput(0));
                nodes.add(i);
            }
        }
        if (convolutions == 0) {
            throw new IllegalArgumentException(name + ": no Conv with float32 initializer weights to quantize");
        }
        Set<String> calibrated = new LinkedHashSet<>();
        for (String tensor : tensors) {
            String source = tensor;
            while (inherits.containsKey(source)) {
                source = inherits.get(source);
            }
            calibrated.add(source);
        }
        return new Plan(nodes, tensors, inherits, calibrated, initializers);
    }

    /**
     * Narrows the range of each tensor that is read only by a {@code Clip} with constant bounds
     * (directly or through data movement) to those bounds: values outside are clipped anyway, and
     * the uint8 steps get finer ({@code 1 / 255} for the image's {@code [0, 1]}).
     */
    private static void narrowToClips(GraphProto graph, Plan plan, Map<String, float[]> ranges) {
        Map<String, List<NodeProto>> readers = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            for (String in : node.getInputList()) {
                readers.computeIfAbsent(in, k -> new ArrayList<>()).add(node);
            }
        }
        Set<String> graphOutputs = new HashSet<>();
        graph.getOutputList().forEach(v -> graphOutputs.add(v.getName()));
        for (String source : plan.calibrated()) {
            float low = Float.NEGATIVE_INFINITY;
            float high = Float.POSITIVE_INFINITY;
            boolean clipped = false;
            boolean onlyClips = true;
            for (String tensor : plan.tensors()) {
                if (!plan.source(tensor).equals(source)) {
                    continue;
                }
                onlyClips &= !graphOutputs.contains(tensor);
                for (NodeProto reader : readers.getOrDefault(tensor, List.of())) {
                    if (tensor.equals(plan.inherits().get(reader.getOutput(0)))) {
                        continue;
                    }
                    float[] bounds = reader.getOpType().equals("Clip") && reader.getDomain().isEmpty()
                            && reader.getInput(0).equals(tensor) ? clipBounds(reader, plan.initializers()) : null;
                    if (bounds == null) {
                        onlyClips = false;
                    } else {
                        low = Math.max(low, bounds[0]);
                        high = Math.min(high, bounds[1]);
                        clipped = true;
                    }
                }
            }
            float[] range = ranges.get(source);
            if (clipped && onlyClips && low < high) {
                range[0] = Math.max(range[0], low);
                range[1] = Math.min(range[1], high);
            }
        }
    }

    /** The bounds of a {@code Clip} whose bounds are absent or scalar float initializers, else {@code null}. */
    private static float[] clipBounds(NodeProto clip, Map<String, TensorProto> initializers) {
        float[] bounds = {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        for (int k = 1; k <= 2 && k < clip.getInputCount(); k++) {
            if (clip.getInput(k).isEmpty()) {
                continue;
            }
            TensorProto bound = initializers.get(clip.getInput(k));
            if (!isFloat(bound)) {
                return null;
            }
            float[] values = OnnxInitializers.floats(bound);
            if (values.length != 1) {
                return null;
            }
            bounds[k - 1] = values[0];
        }
        return bounds;
    }

    private static boolean isQuantizableConv(NodeProto node, Map<String, TensorProto> initializers) {
        if (node.getInputCount() < 2 || initializers.containsKey(node.getInput(0))
                || !isFloat(initializers.get(node.getInput(1)))
                || (node.getInputCount() > 2 && !node.getInput(2).isEmpty()
                    && !isFloat(initializers.get(node.getInput(2))))) {
            return false;
        }
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals("group") && a.getI() != 1) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFloat(TensorProto tensor) {
        return tensor != null && tensor.getDataType() == TensorProto.DataType.FLOAT.getNumber();
    }

    /** Scale and zero point of one uint8 tensor. */
    record QuantParams(float scale, int zeroPoint) {
        /** Asymmetric uint8 over {@code [min, max]} widened to hold 0, which must stay exact (padding). */
        static QuantParams of(float[] range) {
            float min = Math.min(range[0], 0f);
            float max = Math.max(range[1], 0f);
            if (!(max > min)) {
                return new QuantParams(1f, 0);
            }
            float scale = (max - min) / UINT8_MAX;
            int zeroPoint = (int) Math.max(0, Math.min(UINT8_MAX, Math.rint(-min / scale)));
            return new QuantParams(scale, zeroPoint);
        }
    }

    /**
     * A pixel shuffle ({@code DepthToSpace}) of a quantized convolution's output, to run as uint8
     * {@code Transpose}s on ONNX Runtime's fast paths.
     *
     * @param convolution the index of the convolution whose output only the shuffle reads
     * @param dcr whether the shuffle reads its channels in DCR order already (else CRD: reordered)
     */
    private record Shuffle(int convolution, boolean dcr, int factor, int channels, long height, long width) {
    }

    /**
     * The pixel shuffles to run channel-last. ONNX Runtime runs {@code QLinearConv} channel-last
     * (NHWC) and a uint8 {@code DepthToSpace} with its generic element loop between two layout
     * {@code Transpose}s, slower than the convolutions around it. With the convolution's output
     * channels in DCR order, the shuffle of its NHWC output {@code [n, h, w, f * f * c]} is the
     * single axis move {@code [n, h, w, f, f * c] -> [n, h, f, w, f * c]}, which ONNX Runtime
     * copies in runs of {@code f * c} bytes, and the layout transposes cancel out.
     */
    private static Map<Integer, Shuffle> shuffles(GraphProto graph, Plan plan, Map<String, long[]> shapes) {
        Map<String, Integer> producers = new HashMap<>();
        Map<String, List<Integer>> readers = new HashMap<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            for (String o : graph.getNode(i).getOutputList()) {
                producers.put(o, i);
            }
            for (String in : graph.getNode(i).getInputList()) {
                readers.computeIfAbsent(in, k -> new ArrayList<>()).add(i);
            }
        }
        Set<String> graphOutputs = new HashSet<>();
        graph.getOutputList().forEach(v -> graphOutputs.add(v.getName()));
        Map<Integer, Shuffle> shuffles = new HashMap<>();
        for (int i : plan.nodes()) {
            NodeProto node = graph.getNode(i);
            if (!node.getOpType().equals("DepthToSpace")) {
                continue;
            }
            String input = node.getInput(0);
            String output = node.getOutput(0);
            Integer producer = producers.get(input);
            long[] shape = shapes.get(input);
            if (producer == null || !plan.nodes().contains(producer)
                    || !graph.getNode(producer).getOpType().equals("Conv") || readers.get(input).size() != 1
                    || graphOutputs.contains(input) || graphOutputs.contains(output)
                    || shape == null || shape.length != 4) {
                continue;
            }
            long factor = 0;
            boolean dcr = true;
            for (AttributeProto a : node.getAttributeList()) {
                if (a.getName().equals("blocksize")) {
                    factor = a.getI();
                } else if (a.getName().equals("mode")) {
                    dcr = !a.getS().toStringUtf8().equals("CRD");
                }
            }
            if (factor < 1 || shape[1] % (factor * factor) != 0) {
                continue;
            }
            shuffles.put(i, new Shuffle(producer, dcr, (int) factor, (int) (shape[1] / (factor * factor)),
                    shape[2], shape[3]));
        }
        return shuffles;
    }

    private static ModelProto rewrite(ModelProto model, Plan plan, Map<String, QuantParams> params,
                                      Map<Integer, Shuffle> shuffles) {
        GraphProto graph = model.getGraph();
        GraphProto.Builder out = graph.toBuilder().clearNode();
        Map<String, Integer> producers = new HashMap<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            for (String o : graph.getNode(i).getOutputList()) {
                producers.put(o, i);
            }
        }
        Map<Integer, Shuffle> reordered = new HashMap<>();
        Set<String> shuffledInputs = new HashSet<>();
        shuffles.forEach((index, shuffle) -> {
            if (!shuffle.dcr()) {
                reordered.put(shuffle.convolution(), shuffle);
            }
            shuffledInputs.add(graph.getNode(index).getInput(0));
        });
        Set<String> replaced = new HashSet<>();
        for (ValueInfoProto input : graph.getInputList()) {
            if (plan.tensors().contains(input.getName())) {
                addQdq(out, input.getName(), params.get(input.getName()), true);
            }
        }
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            Shuffle shuffle = shuffles.get(i);
            if (shuffle != null) {
                addShuffle(out, node, shuffle);
                addDequantize(out, node.getOutput(0), params.get(node.getOutput(0)));
                continue;
            }
            boolean quantized = plan.nodes().contains(i);
            if (!quantized && isRedundantClip(node, graph, plan, params)) {
                // its input's DequantizeLinear writes the clip's output directly
                renameOutput(out, dequantized(node.getInput(0)), node.getOutput(0));
                replaced.addAll(node.getInputList().subList(1, node.getInputCount()));
                continue;
            }
            NodeProto.Builder copy = node.toBuilder();
            for (int k = 0; k < node.getInputCount(); k++) {
                String in = node.getInput(k);
                Integer producer = producers.get(in);
                // a quantized producer's output is read only through its DequantizeLinear, or ONNX
                // Runtime cannot fuse the producer; a float producer's output stays for float readers
                boolean viaDq = plan.tensors().contains(in)
                        && (quantized || (producer != null && plan.nodes().contains(producer)));
                if (viaDq) {
                    copy.setInput(k, dequantized(in));
                }
            }
            if (quantized && node.getOpType().equals("Conv")) {
                QuantParams input = params.get(node.getInput(0));
                Shuffle reorder = reordered.get(i);
                TensorProto weight = plan.initializers().get(node.getInput(1));
                float[] weightScales = addWeight(out, reorder == null ? weight : toDcr(weight, reorder));
                copy.setInput(1, dequantized(node.getInput(1)));
                replaced.add(node.getInput(1));
                if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
                    TensorProto bias = plan.initializers().get(node.getInput(2));
                    addBias(out, reorder == null ? bias : toDcr(bias, reorder), input.scale(), weightScales);
                    copy.setInput(2, dequantized(node.getInput(2)));
                    replaced.add(node.getInput(2));
                }
            }
            out.addNode(copy);
            for (String o : node.getOutputList()) {
                if (plan.tensors().contains(o)) {
                    // the shuffle reads the uint8 tensor itself
                    addQdq(out, o, params.get(o), !shuffledInputs.contains(o));
                }
            }
        }
        OnnxInitializers.removeUnused(out, replaced);
        return model.toBuilder().setGraph(out).build();
    }

    /**
     * Whether {@code node} is a float {@code Clip} that cannot change its input: the input is a
     * quantized tensor read only by this clip, and every value its DequantizeLinear can give lies
     * within the clip's bounds (the image, whose range was narrowed to the clip's {@code [0, 1]}).
     * ONNX Runtime would otherwise clamp every float of the image for nothing.
     */
    private static boolean isRedundantClip(NodeProto node, GraphProto graph, Plan plan,
                                           Map<String, QuantParams> params) {
        if (!node.getOpType().equals("Clip") || !node.getDomain().isEmpty()
                || !plan.tensors().contains(node.getInput(0))) {
            return false;
        }
        String in = node.getInput(0);
        long readers = graph.getNodeList().stream().filter(n -> n.getInputList().contains(in)).count();
        boolean graphOutput = graph.getOutputList().stream().anyMatch(v -> v.getName().equals(in));
        float[] bounds = clipBounds(node, plan.initializers());
        QuantParams q = params.get(in);
        return readers == 1 && !graphOutput && bounds != null
                && (float) (0 - q.zeroPoint()) * q.scale() >= bounds[0]
                && (float) (UINT8_MAX - q.zeroPoint()) * q.scale() <= bounds[1];
    }

    /** Makes the node that writes {@code from} write {@code to} instead. */
    private static void renameOutput(GraphProto.Builder graph, String from, String to) {
        for (NodeProto.Builder n : graph.getNodeBuilderList()) {
            for (int k = 0; k < n.getOutputCount(); k++) {
                if (n.getOutput(k).equals(from)) {
                    n.setOutput(k, to);
                    return;
                }
            }
        }
        throw new IllegalStateException("no node writes " + from);
    }

    /**
     * The shuffle {@code node} as uint8 nodes from its input's QuantizeLinear output to its
     * output's DequantizeLinear input: to NHWC, {@code [n, h, w, f, f * c]}, swap {@code w} and the
     * first {@code f}, {@code [n, h * f, w * f, c]}, back to NCHW. ONNX Runtime cancels the two
     * layout transposes against the ones it puts around its channel-last {@code QLinearConv}s
     * (after the last shuffle, the one to NCHW stays).
     */
    private static void addShuffle(GraphProto.Builder graph, NodeProto node, Shuffle s) {
        String base = node.getOutput(0);
        String input = quantized(node.getInput(0));
        long f = s.factor();
        long c = s.channels();
        long h = s.height();
        long w = s.width();
        graph.addNode(transpose(base + "/to_nhwc", input, base + "/nhwc", 0, 2, 3, 1));
        graph.addNode(reshape(graph, base + "/split", base + "/nhwc", base + "/split", 0, 0, 0, f, f * c));
        graph.addNode(transpose(base + "/shuffle", base + "/split", base + "/swapped", 0, 1, 3, 2, 4));
        graph.addNode(reshape(graph, base + "/merge", base + "/swapped", base + "/merged", 0, h * f, w * f, c));
        graph.addNode(transpose(base + "/to_nchw", base + "/merged", quantized(base), 0, 3, 1, 2));
    }

    private static NodeProto transpose(String name, String input, String output, long... perm) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName("perm")
                .setType(AttributeProto.AttributeType.INTS);
        for (long p : perm) {
            attribute.addInts(p);
        }
        return NodeProto.newBuilder().setOpType("Transpose").setName(name).addInput(input).addOutput(output)
                .addAttribute(attribute).build();
    }

    private static NodeProto reshape(GraphProto.Builder graph, String name, String input, String output,
                                     long... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(shape.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(shape);
        graph.addInitializer(TensorProto.newBuilder().setName(name + "/shape")
                .setDataType(TensorProto.DataType.INT64.getNumber()).addDims(shape.length)
                .setRawData(ByteString.copyFrom(bytes)));
        return NodeProto.newBuilder().setOpType("Reshape").setName(name).addInput(input).addInput(name + "/shape")
                .addOutput(output).build();
    }

    /**
     * The convolution weight or bias {@code tensor} with its output channels (axis 0) from CRD to
     * DCR order: DCR channel {@code (i * f + j) * c + k} is CRD channel {@code k * f * f + i * f + j}.
     */
    private static TensorProto toDcr(TensorProto tensor, Shuffle s) {
        float[] values = OnnxInitializers.floats(tensor);
        int f2 = s.factor() * s.factor();
        int c = s.channels();
        int per = values.length / (f2 * c);
        float[] moved = new float[values.length];
        for (int k = 0; k < c; k++) {
            for (int ij = 0; ij < f2; ij++) {
                System.arraycopy(values, (k * f2 + ij) * per, moved, (ij * c + k) * per, per);
            }
        }
        return tensor.toBuilder().clearFloatData().setRawData(OnnxInitializers.littleEndianFloats(moved)).build();
    }

    private static String quantized(String tensor) {
        return tensor + "/quantized";
    }

    private static String dequantized(String tensor) {
        return tensor + "/dequantized";
    }

    /**
     * {@code tensor -> QuantizeLinear -> DequantizeLinear}, read by the quantized nodes; without the
     * DequantizeLinear when {@code dequantize} is false.
     */
    private static void addQdq(GraphProto.Builder graph, String tensor, QuantParams q, boolean dequantize) {
        addQuantParams(graph, tensor, q);
        graph.addNode(NodeProto.newBuilder().setOpType("QuantizeLinear").setName(tensor + "/QuantizeLinear")
                .addInput(tensor).addInput(tensor + "/scale").addInput(tensor + "/zero_point")
                .addOutput(quantized(tensor)));
        if (dequantize) {
            graph.addNode(dequantizeNode(tensor));
        }
    }

    /** {@code tensor/quantized -> DequantizeLinear}, for a uint8 tensor made by uint8 nodes. */
    private static void addDequantize(GraphProto.Builder graph, String tensor, QuantParams q) {
        addQuantParams(graph, tensor, q);
        graph.addNode(dequantizeNode(tensor));
    }

    private static void addQuantParams(GraphProto.Builder graph, String tensor, QuantParams q) {
        graph.addInitializer(TensorProto.newBuilder().setName(tensor + "/scale")
                .setDataType(TensorProto.DataType.FLOAT.getNumber())
                .setRawData(OnnxInitializers.littleEndianFloats(new float[] {q.scale()})));
        graph.addInitializer(TensorProto.newBuilder().setName(tensor + "/zero_point")
                .setDataType(TensorProto.DataType.UINT8.getNumber())
                .setRawData(ByteString.copyFrom(new byte[] {(byte) q.zeroPoint()})));
    }

    private static NodeProto dequantizeNode(String tensor) {
        return NodeProto.newBuilder().setOpType("DequantizeLinear").setName(tensor + "/DequantizeLinear")
                .addInput(quantized(tensor)).addInput(tensor + "/scale").addInput(tensor + "/zero_point")
                .addOutput(dequantized(tensor)).build();
    }

    /**
     * Adds the int8 weight, symmetric with one scale per output channel ({@code max|w| / 127}), and
     * its DequantizeLinear on axis 0; returns the scales.
     */
    private static float[] addWeight(GraphProto.Builder graph, TensorProto weight) {
        float[] w = OnnxInitializers.floats(weight);
        int outputs = (int) weight.getDims(0);
        int per = w.length / outputs;
        float[] scales = new float[outputs];
        byte[] q = new byte[w.length];
        for (int o = 0; o < outputs; o++) {
            float max = 0;
            for (int i = 0; i < per; i++) {
                max = Math.max(max, Math.abs(w[o * per + i]));
            }
            scales[o] = max == 0 ? 1f : max / INT8_MAX;
            for (int i = 0; i < per; i++) {
                q[o * per + i] = (byte) Math.max(-INT8_MAX, Math.min(INT8_MAX, Math.rint(w[o * per + i] / scales[o])));
            }
        }
        String base = weight.getName();
        graph.addInitializer(TensorProto.newBuilder().setName(base + "/int8")
                .setDataType(TensorProto.DataType.INT8.getNumber()).addAllDims(weight.getDimsList())
                .setRawData(ByteString.copyFrom(q)));
        addAxisDequantize(graph, base, base + "/int8", TensorProto.DataType.INT8, scales, 1);
        return scales;
    }

    /**
     * Adds the bias as int32 at scale {@code input scale x weight scale} per output channel, the
     * accumulator's scale, which ONNX Runtime's {@code QLinearConv} adds as it is.
     */
    private static void addBias(GraphProto.Builder graph, TensorProto bias, float inputScale, float[] weightScales) {
        float[] b = OnnxInitializers.floats(bias);
        float[] scales = new float[b.length];
        ByteBuffer q = ByteBuffer.allocate(b.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int o = 0; o < b.length; o++) {
            scales[o] = inputScale * weightScales[o];
            double v = Math.rint(b[o] / (double) scales[o]);
            q.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
        }
        q.flip();
        String base = bias.getName();
        graph.addInitializer(TensorProto.newBuilder().setName(base + "/int32")
                .setDataType(TensorProto.DataType.INT32.getNumber()).addAllDims(bias.getDimsList())
                .setRawData(ByteString.copyFrom(q)));
        addAxisDequantize(graph, base, base + "/int32", TensorProto.DataType.INT32, scales, Integer.BYTES);
    }

    /** A per-channel (axis 0) DequantizeLinear of {@code values} with zero points 0, output {@code base/dequantized}. */
    private static void addAxisDequantize(GraphProto.Builder graph, String base, String values,
                                          TensorProto.DataType type, float[] scales, int zeroPointBytes) {
        graph.addInitializer(TensorProto.newBuilder().setName(base + "/scale")
                .setDataType(TensorProto.DataType.FLOAT.getNumber()).addDims(scales.length)
                .setRawData(OnnxInitializers.littleEndianFloats(scales)));
        graph.addInitializer(TensorProto.newBuilder().setName(base + "/zero_point").setDataType(type.getNumber())
                .addDims(scales.length).setRawData(ByteString.copyFrom(new byte[scales.length * zeroPointBytes])));
        graph.addNode(NodeProto.newBuilder().setOpType("DequantizeLinear").setName(base + "/DequantizeLinear")
                .addInput(values).addInput(base + "/scale").addInput(base + "/zero_point").addOutput(dequantized(base))
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                        .setI(0)));
    }



    /**
     * The activation ranges: the model with the tensors to measure added as graph outputs, run on
     * ONNX Runtime over every calibration latent.
     */
    static final class Calibration {
        private static final int BINS = 4096;

        private Calibration() {
        }

        /**
         * Each measured tensor's range {@code {low, high}} and its shape at batch 1.
         */
        record Measured(Map<String, float[]> ranges, Map<String, long[]> shapes) {
        }

        /**
         * The range of each tensor in {@code tensors}: its minimum and maximum over all latents at
         * {@code percentile} 100, else the values below which {@code 100 - percentile} percent of
         * its values lie and above which as many lie (from a histogram of {@value #BINS} bins
         * between the minimum and the maximum, a second pass over the latents).
         */
        static Measured measure(ModelProto model, String name, Set<String> tensors, float[][] latents,
                                double percentile) {
            String input = model.getGraph().getInput(0).getName();
            boolean measuredInput = tensors.contains(input);
            GraphProto.Builder graph = model.getGraph().toBuilder();
            Set<String> outputs = new HashSet<>();
            graph.getOutputList().forEach(v -> outputs.add(v.getName()));
            List<String> fetched = new ArrayList<>();
            for (String tensor : tensors) {
                if (tensor.equals(input)) {
                    continue;
                }
                fetched.add(tensor);
                if (!outputs.contains(tensor)) {
                    graph.addOutput(ValueInfoProto.newBuilder().setName(tensor).setType(TypeProto.newBuilder()
                            .setTensorType(TypeProto.Tensor.newBuilder()
                                    .setElemType(TensorProto.DataType.FLOAT.getNumber()))));
                }
            }
            byte[] calibration = model.toBuilder().setGraph(graph).build().toByteArray();
            Map<String, float[]> minMax = new LinkedHashMap<>();
            for (String tensor : tensors) {
                minMax.put(tensor, new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY});
            }
            Map<String, long[]> shapes = new HashMap<>();
            shapes.put(input, OnnxContract.latentShape(1));
            try (OrtSessions.Opened opened = OrtSessions.open(calibration, name + " (calibration)",
                    OrtOptions.defaults())) {
                for (float[] latent : latents) {
                    run(opened.session(), input, measuredInput, latent, fetched, (tensor, values) -> {
                        float[] r = minMax.get(tensor);
                        for (int i = 0; i < values.limit(); i++) {
                            float v = values.get(i);
                            r[0] = Math.min(r[0], v);
                            r[1] = Math.max(r[1], v);
                        }
                    }, shapes);
                }
                if (!(percentile < 100)) {
                    return new Measured(minMax, shapes);
                }
                Map<String, long[]> histograms = new HashMap<>();
                for (String tensor : tensors) {
                    histograms.put(tensor, new long[BINS]);
                }
                for (float[] latent : latents) {
                    run(opened.session(), input, measuredInput, latent, fetched,
                            (tensor, values) -> count(histograms.get(tensor), minMax.get(tensor), values), shapes);
                }
                Map<String, float[]> ranges = new LinkedHashMap<>();
                for (String tensor : tensors) {
                    ranges.put(tensor, percentileRange(histograms.get(tensor), minMax.get(tensor), percentile));
                }
                return new Measured(ranges, shapes);
            }
        }

        private interface Visitor {
            void values(String tensor, FloatBuffer values);
        }

        /** Runs the model on {@code latent} and shows the visitor the input and each fetched tensor. */
        private static void run(OrtSession session, String input, boolean measuredInput, float[] latent,
                                List<String> fetched, Visitor visitor, Map<String, long[]> shapes) {
            if (!fetched.contains(input) && measuredInput) {
                visitor.values(input, FloatBuffer.wrap(latent));
            }
            try (OnnxTensor in = OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(latent),
                    OnnxContract.latentShape(1));
                 OrtSession.Result result = session.run(Map.of(input, in), new LinkedHashSet<>(fetched))) {
                for (String tensor : fetched) {
                    OnnxTensor value = (OnnxTensor) result.get(tensor).orElseThrow();
                    shapes.put(tensor, value.getInfo().getShape());
                    visitor.values(tensor, value.getFloatBuffer());
                }
            } catch (OrtException e) {
                throw new IllegalStateException("calibration run of the model failed: " + e.getMessage(), e);
            }
        }

        private static void count(long[] histogram, float[] range, FloatBuffer values) {
            float width = (range[1] - range[0]) / histogram.length;
            if (!(width > 0)) {
                return;
            }
            for (int i = 0; i < values.limit(); i++) {
                int bin = (int) ((values.get(i) - range[0]) / width);
                histogram[Math.max(0, Math.min(histogram.length - 1, bin))]++;
            }
        }

        /** The ends of the range that leave {@code 100 - percentile} percent of the values out on each side. */
        private static float[] percentileRange(long[] histogram, float[] range, double percentile) {
            long total = 0;
            for (long c : histogram) {
                total += c;
            }
            if (total == 0) {
                return range;
            }
            double tail = total * (100 - percentile) / 100;
            float width = (range[1] - range[0]) / histogram.length;
            int low = 0;
            long seen = 0;
            while (low < histogram.length - 1 && seen + histogram[low] <= tail) {
                seen += histogram[low++];
            }
            int high = histogram.length - 1;
            seen = 0;
            while (high > low && seen + histogram[high] <= tail) {
                seen += histogram[high--];
            }
            return new float[] {range[0] + low * width, range[0] + (high + 1) * width};
        }
    }
}
