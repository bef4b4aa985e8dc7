package io.neuroframe.codec.onnx;

import io.neuroframe.api.NativeBuffers;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * A one-input, one-output ONNX Runtime session with batch-1 input and output tensors made once
 * over direct, native-order buffers. {@link #run} copies the caller's input in, runs the session
 * with the output pinned to the preallocated tensor, and copies the result out, so a call
 * allocates no buffers or tensors (ONNX Runtime's Java binding itself still makes a few small
 * bookkeeping objects per run: name and handle arrays and the result map).
 */
public final class PinnedSession implements AutoCloseable {

    private final OrtSessions.Opened opened;
    private final String inputName;
    private final String outputName;
    private final long[] inputShape;
    private final long[] outputShape;
    private final int inputFloats;
    private final int outputFloats;
    private final boolean fixedBatch;
    private final FloatBuffer input;
    private final FloatBuffer output;
    private final OnnxTensor inputTensor;
    private final OnnxTensor outputTensor;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> pinnedOutputs;
    private boolean closed;

    /**
     * @param inputShape the input's shape at batch 1; likewise {@code outputShape}
     * @param fixedBatch whether the model's batch dimension is fixed at 1 (no batched runs)
     */
    public PinnedSession(OrtSessions.Opened opened, String inputName, long[] inputShape,
                  String outputName, long[] outputShape, boolean fixedBatch) {
        this.opened = opened;
        this.inputName = inputName;
        this.outputName = outputName;
        this.inputShape = inputShape.clone();
        this.outputShape = outputShape.clone();
        this.fixedBatch = fixedBatch;
        this.inputFloats = Math.toIntExact(count(inputShape));
        this.outputFloats = Math.toIntExact(count(outputShape));
        this.input = NativeBuffers.floats(inputFloats);
        this.output = NativeBuffers.floats(outputFloats);
        OrtEnvironment env = OrtRuntime.environment();
        OnnxTensor in = null;
        try {
            in = OnnxTensor.createTensor(env, input, inputShape);
            this.inputTensor = in;
            this.outputTensor = OnnxTensor.createTensor(env, output, outputShape);
        } catch (OrtException e) {
            if (in != null) {
                in.close();
            }
            throw new IllegalStateException("cannot create ONNX Runtime tensors: " + e.getMessage(), e);
        }
        this.inputs = Map.of(inputName, inputTensor);
        this.pinnedOutputs = Map.of(outputName, outputTensor);
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * Runs one item: reads {@code inputFloats} floats from {@code in}'s position and writes the
     * output at {@code out}'s position. Neither buffer's position or limit changes.
     */
    public void run(FloatBuffer in, FloatBuffer out) {
        requireOpen();
        requireRemaining(inputName, in, inputFloats);
        requireRemaining(outputName, out, outputFloats);
        int inPosition = in.position();
        int inLimit = in.limit();
        input.clear();
        in.limit(inPosition + inputFloats);
        input.put(in);
        in.limit(inLimit).position(inPosition);
        try (OrtSession.Result ignored = opened.session().run(inputs, pinnedOutputs)) {
            // The output was written into outputTensor, which the result does not own.
        } catch (OrtException e) {
            throw new IllegalStateException(opened.name() + ": ONNX Runtime run failed: " + e.getMessage(), e);
        }
        int outPosition = out.position();
        output.clear();
        out.put(output);
        out.position(outPosition);
    }

    /**
     * Runs {@code batch} items stored one after another in one session call (one item at a time
     * when the model's batch is fixed at 1). Allocates; meant for training and evaluation.
     */
    public float[] runBatch(float[] in, int batch) {
        requireOpen();
        if (batch <= 0 || in.length != (long) batch * inputFloats) {
            throw new IllegalArgumentException(inputName + ": expected " + batch + " x " + inputFloats
                    + " floats, got " + in.length);
        }
        float[] out = new float[batch * outputFloats];
        if (fixedBatch || batch == 1) {
            for (int b = 0; b < batch; b++) {
                run(FloatBuffer.wrap(in, b * inputFloats, inputFloats), FloatBuffer.wrap(out, b * outputFloats, outputFloats));
            }
            return out;
        }
        long[] batchedInputShape = inputShape.clone();
        batchedInputShape[0] = batch;
        OrtEnvironment env = OrtRuntime.environment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(in), batchedInputShape);
             OrtSession.Result result = opened.session().run(Map.of(inputName, tensor), Set.of(outputName))) {
            OnnxTensor value = (OnnxTensor) result.get(0);
            long[] expected = outputShape.clone();
            expected[0] = batch;
            long[] actual = value.getInfo().getShape();
            if (!Arrays.equals(expected, actual)) {
                throw new IllegalStateException(opened.name() + ": output '" + outputName + "' has shape "
                        + Arrays.toString(actual) + " for a batch of " + batch + ", expected " + Arrays.toString(expected));
            }
            value.getFloatBuffer().get(out);
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException(opened.name() + ": ONNX Runtime batched run failed: " + e.getMessage(), e);
        }
    }

    public ExecutionProvider provider() {
        return opened.provider();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this ONNX Runtime session is closed");
        }
    }

    private static void requireRemaining(String what, FloatBuffer buffer, int count) {
        if (buffer.remaining() < count) {
            throw new IllegalArgumentException(what + ": expected at least " + count + " floats remaining, got "
                    + buffer.remaining());
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            inputTensor.close();
            outputTensor.close();
            opened.close();
        }
    }
}
