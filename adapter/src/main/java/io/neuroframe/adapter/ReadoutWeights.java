package io.neuroframe.adapter;

import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.weights.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The trainable part of a reservoir adapter: a projection from the electrodes back to the latent tokens,
 * shared by all channels ({@value #READOUT_NAME}, {@code [576, electrodes]}: 2,359,296 weights on a 64 x 64
 * array), and the residual gate ({@value #GATE_NAME}, one scalar).
 *
 * <p>Initialisation: weights drawn from N(0, 1 / electrodes), gate exactly 0, so an untrained adapter is the
 * identity while the gate's gradient is not zero (the weights' gradient is, until the gate moves).
 */
public final class ReadoutWeights {

    /** Tensor name of the readout projection. */
    public static final String READOUT_NAME = "readout.weight";
    /** Tensor name of the residual gate. */
    public static final String GATE_NAME = "gate";

    private final float[] readout;
    private final int electrodes;
    private float gate;

    private ReadoutWeights(float[] readout, int electrodes, float gate) {
        this.readout = readout;
        this.electrodes = electrodes;
        this.gate = gate;
    }

    /** Fresh weights for {@code electrodes} electrodes, drawn from {@code seed}, gate 0. */
    public static ReadoutWeights initial(int electrodes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] w = new float[LatentContract.TOKENS * electrodes];
        double std = 1.0 / Math.sqrt(electrodes);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * std);
        }
        return new ReadoutWeights(w, electrodes, 0f);
    }

    /** Weights from named tensors ({@value #READOUT_NAME} and {@value #GATE_NAME}), shapes and values checked. */
    public static ReadoutWeights fromTensors(Map<String, Tensor> tensors, int electrodes) {
        Tensor readout = require(tensors, READOUT_NAME, LatentContract.TOKENS, electrodes);
        Tensor gate = require(tensors, GATE_NAME, 1);
        return new ReadoutWeights(readout.data().clone(), electrodes, gate.data()[0]);
    }

    static Tensor require(Map<String, Tensor> tensors, String name, int... shape) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("missing tensor " + name + " (have " + tensors.keySet() + ")");
        }
        if (!Arrays.equals(tensor.shape(), shape)) {
            throw new IllegalArgumentException(name + ": expected shape " + Arrays.toString(shape) + ", got "
                    + Arrays.toString(tensor.shape()));
        }
        for (float v : tensor.data()) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(name + ": contains a non-finite value " + v);
            }
        }
        return tensor;
    }

    /** The named tensors for export (copies). */
    public List<Tensor> toTensors() {
        return List.of(new Tensor(READOUT_NAME, new int[] {LatentContract.TOKENS, electrodes}, readout.clone()),
                new Tensor(GATE_NAME, new int[] {1}, new float[] {gate}));
    }

    /** Number of trainable values: {@code 576 * electrodes + 1}. */
    public long parameterCount() {
        return (long) readout.length + 1;
    }

    public int electrodes() {
        return electrodes;
    }

    public float gate() {
        return gate;
    }

    /** Sets the gate (e.g. after training, or to inspect the reservoir path). */
    public void setGate(float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("gate must be finite, got " + value);
        }
        gate = value;
    }

    /** Readout weight from electrode {@code electrode} to token {@code token}. */
    public float weight(int token, int electrode) {
        return readout[token * electrodes + electrode];
    }

    /** The backing row-major {@code [576, electrodes]} array (not a copy: read only). */
    float[] readoutArray() {
        return readout;
    }
}
