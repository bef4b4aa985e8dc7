package io.neuroframe.remote.loopback;

import io.neuroframe.codec.onnx.OrtRuntime;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.onnx.OrtSessions;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX model served by the loopback server on a real ONNX Runtime session: float32 inputs and
 * outputs whose first dimension is the batch. Not thread-safe; its {@link DynamicBatcher} is the
 * only caller.
 */
final class OrtServedModel implements AutoCloseable {

    /** A tensor of the model: its name and its dimensions after the batch dimension. */
    record Spec(String name, long[] dims) {
        int valuesPerRow() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return Math.toIntExact(n);
        }
    }

    private final String name;
    private final OrtSessions.Opened opened;
    private final List<Spec> inputs;
    private final List<Spec> outputs;

    OrtServedModel(String name, ModelProto model) {
        this.name = name;
        this.opened = OrtSessions.open(model.toByteArray(), name, OrtOptions.defaults().withIntraOpThreads(1));
        try {
            this.inputs = specs(opened.session().getInputInfo());
            this.outputs = specs(opened.session().getOutputInfo());
        } catch (OrtException e) {
            opened.close();
            throw new IllegalStateException(name + ": cannot read the model's inputs and outputs", e);
        }
    }

    private List<Spec> specs(Map<String, NodeInfo> infos) {
        List<Spec> specs = new ArrayList<>();
        for (NodeInfo info : infos.values()) {
            long[] shape = ((TensorInfo) info.getInfo()).getShape();
            for (int i = 1; i < shape.length; i++) {
                if (shape[i] < 0) {
                    throw new IllegalArgumentException(name + ": tensor " + info.getName() + " has a variable dimension "
                            + i + "; the loopback server serves fixed shapes after the batch only");
                }
            }
            specs.add(new Spec(info.getName(), Arrays.copyOfRange(shape, 1, shape.length)));
        }
        return List.copyOf(specs);
    }

    String name() {
        return name;
    }

    List<Spec> inputs() {
        return inputs;
    }

    List<Spec> outputs() {
        return outputs;
    }

    /**
     * Runs {@code rows} rows at once.
     *
     * @param values one array per input, in the order of {@link #inputs()}, {@code rows} rows each
     * @return one array per output, in the order of {@link #outputs()}
     */
    float[][] run(float[][] values, int rows) throws OrtException {
        OrtEnvironment env = OrtRuntime.environment();
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (int i = 0; i < inputs.size(); i++) {
                Spec spec = inputs.get(i);
                long[] shape = new long[spec.dims().length + 1];
                shape[0] = rows;
                System.arraycopy(spec.dims(), 0, shape, 1, spec.dims().length);
                feed.put(spec.name(), OnnxTensor.createTensor(env, FloatBuffer.wrap(values[i]), shape));
            }
            try (OrtSession.Result result = opened.session().run(feed)) {
                float[][] out = new float[outputs.size()][];
                for (int i = 0; i < outputs.size(); i++) {
                    FloatBuffer data = ((OnnxTensor) result.get(outputs.get(i).name()).orElseThrow()).getFloatBuffer();
                    out[i] = new float[data.remaining()];
                    data.get(out[i]);
                }
                return out;
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        opened.close();
    }
}
