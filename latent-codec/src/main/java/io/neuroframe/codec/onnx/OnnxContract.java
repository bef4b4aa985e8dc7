package io.neuroframe.codec.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.neuroframe.api.LatentContract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The input and output contract of codec ONNX files ({@code docs/onnx-contract.md}), and its
 * check on a loaded session.
 *
 * <p>Decoder: one float input {@value #LATENT} {@code (batch, 576, 16)} holding scaled latents
 * and a float output {@value #IMAGE} {@code (batch, 3, 360, 640)} in [0, 1]. Encoder: one float
 * input {@value #IMAGE} and a float output {@value #LATENT}; an output {@value #LOGVAR} is
 * optional. The batch dimension is symbolic or 1. Any other dimension may be symbolic, but a
 * fixed one must equal the contract's. Further outputs are allowed and ignored.
 */
public final class OnnxContract {

    /** Name of the latent tensor: the decoder's input, the encoder's output. */
    public static final String LATENT = "latent";
    /** Name of the image tensor: the decoder's output, the encoder's input. */
    public static final String IMAGE = "image";
    /** Name of the encoder's optional log-variance output. */
    public static final String LOGVAR = "logvar";
    /** Name of the symbolic batch dimension in generated graphs. */
    public static final String BATCH_DIM = "batch";

    static final String DECODER_SUMMARY = "latent (batch, 576, 16) scaled by 0.07843137255 -> image (batch, 3, 360, 640) in [0, 1]";
    static final String ENCODER_SUMMARY = "image (batch, 3, 360, 640) in [0, 1] -> latent (batch, 576, 16) = mean * 0.07843137255";

    private static final long[] LATENT_SHAPE = {-1, LatentContract.TOKENS, LatentContract.CHANNELS};
    private static final long[] IMAGE_SHAPE = {-1, LatentContract.IMAGE_CHANNELS, LatentContract.IMAGE_HEIGHT,
        LatentContract.IMAGE_WIDTH};

    private OnnxContract() {
    }

    /**
     * Checks that {@code session} is a decoder of this contract.
     *
     * @param source what the session was loaded from, for the message (e.g. the file)
     * @throws IllegalArgumentException naming the source and every mismatch
     */
    public static void requireDecoder(OrtSession session, String source) {
        List<String> problems = new ArrayList<>();
        try {
            checkInputs(session.getInputInfo(), LATENT, LATENT_SHAPE, problems);
            checkTensor(session.getOutputInfo(), "output", IMAGE, IMAGE_SHAPE, problems);
        } catch (OrtException e) {
            throw new IllegalArgumentException(source + ": cannot read the model's inputs and outputs: " + e.getMessage(), e);
        }
        fail("decoder", source, DECODER_SUMMARY, problems);
    }

    /**
     * Checks that {@code session} is an encoder of this contract.
     *
     * @param source what the session was loaded from, for the message (e.g. the file)
     * @throws IllegalArgumentException naming the source and every mismatch
     */
    public static void requireEncoder(OrtSession session, String source) {
        List<String> problems = new ArrayList<>();
        try {
            checkInputs(session.getInputInfo(), IMAGE, IMAGE_SHAPE, problems);
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            checkTensor(outputs, "output", LATENT, LATENT_SHAPE, problems);
            if (outputs.containsKey(LOGVAR)) {
                checkTensor(outputs, "output", LOGVAR, LATENT_SHAPE, problems);
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException(source + ": cannot read the model's inputs and outputs: " + e.getMessage(), e);
        }
        fail("encoder", source, ENCODER_SUMMARY, problems);
    }

    private static void checkInputs(Map<String, NodeInfo> inputs, String name, long[] shape, List<String> problems) {
        if (inputs.size() > 1) {
            problems.add("expected exactly one input, found " + inputs.size() + ": " + inputs.keySet());
        }
        checkTensor(inputs, "input", name, shape, problems);
    }

    private static void checkTensor(Map<String, NodeInfo> values, String kind, String name, long[] expected,
                                    List<String> problems) {
        NodeInfo info = values.get(name);
        if (info == null) {
            problems.add("no " + kind + " named '" + name + "' (found " + values.keySet() + ")");
            return;
        }
        if (!(info.getInfo() instanceof TensorInfo tensor)) {
            problems.add(kind + " '" + name + "' is not a tensor but " + info.getInfo());
            return;
        }
        if (tensor.type != OnnxJavaType.FLOAT) {
            problems.add(kind + " '" + name + "' has element type " + tensor.type + ", expected FLOAT (float32)");
        }
        long[] actual = tensor.getShape();
        if (actual.length != expected.length) {
            problems.add(kind + " '" + name + "' has rank " + actual.length + " " + describe(actual)
                    + ", expected rank " + expected.length + " " + describe(expected));
            return;
        }
        if (actual[0] != -1 && actual[0] != 1) {
            problems.add(kind + " '" + name + "' has batch dimension " + actual[0] + ", expected a symbolic batch or 1");
        }
        for (int i = 1; i < expected.length; i++) {
            if (actual[i] != -1 && actual[i] != expected[i]) {
                problems.add(kind + " '" + name + "' has dimension " + i + " = " + actual[i] + " " + describe(actual)
                        + ", expected " + expected[i] + " " + describe(expected));
            }
        }
    }

    private static void fail(String role, String source, String contract, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + " is not a NeuroFrame " + role + " (" + contract + "): "
                    + String.join("; ", problems));
        }
    }

    /** A shape with symbolic dimensions written as {@code ?}, e.g. {@code (?, 576, 16)}. */
    private static String describe(long[] shape) {
        String[] dims = new String[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i] < 0 ? "?" : Long.toString(shape[i]);
        }
        return "(" + String.join(", ", dims) + ")";
    }

    /** Whether the session's (validated) input {@code name} has its batch dimension fixed at 1. */
    static boolean fixedBatch(OrtSession session, String name) {
        try {
            return ((TensorInfo) session.getInputInfo().get(name).getInfo()).getShape()[0] == 1;
        } catch (OrtException e) {
            throw new IllegalStateException("cannot read the input of an ONNX Runtime session: " + e.getMessage(), e);
        }
    }

    static long[] latentShape(int batch) {
        long[] shape = Arrays.copyOf(LATENT_SHAPE, LATENT_SHAPE.length);
        shape[0] = batch;
        return shape;
    }

    static long[] imageShape(int batch) {
        long[] shape = Arrays.copyOf(IMAGE_SHAPE, IMAGE_SHAPE.length);
        shape[0] = batch;
        return shape;
    }
}
