package io.neuroframe.world.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.neuroframe.codec.weights.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exponential moving average of a model's parameters (Polyak averaging, as DiT and Oasis keep for the weights
 * they release): after each optimizer step every average moves toward its parameter by {@code 1 - d}, with {@code d
 * = min(decay, (1 + t) / (10 + t))} at step {@code t}, so that the first averages do not cling to the starting
 * weights. A run at a constant learning rate ends wherever the last batches pushed it; the average is steadier.
 */
final class ParameterAverage implements AutoCloseable {
    /** Checkpoint names of the averages: this prefix and the parameter's name. */
    static final String PREFIX = "average.";

    private final Map<String, NDArray> parameters;
    private final Map<String, NDArray> averages = new LinkedHashMap<>();
    private final NDManager manager;
    private final float decay;

    /** Starts every average at its parameter's current value. */
    ParameterAverage(Map<String, NDArray> parameters, float decay, NDManager parent) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("average decay must be above 0 and below 1, got " + decay);
        }
        this.parameters = parameters;
        this.decay = decay;
        this.manager = parent.newSubManager();
        parameters.forEach((name, p) -> averages.put(name, manager.create(p.toFloatArray(), p.getShape())));
    }

    /** The decay used after step {@code step} (counted from 1). */
    private float decayAt(long step) {
        return (float) Math.min(decay, (1.0 + step) / (10.0 + step));
    }

    /** Moves every average toward its parameter after optimizer step {@code step} (counted from 1). */
    void update(long step) {
        float keep = decayAt(step);
        averages.forEach((name, average) -> {
            try (NDArray change = average.sub(parameters.get(name))) {
                average.subi(change.muli(1 - keep));
            }
        });
    }

    /**
     * The averages under {@link #PREFIX} names, for a checkpoint: in the layout and shapes the parameters are held in
     * while training (linear weights transposed), as {@link #restore} takes them back; a weights file gets them through
     * {@link #copyIntoParameters()}.
     */
    List<Tensor> toTensors() {
        List<Tensor> out = new ArrayList<>();
        averages.forEach((name, average) -> out.add(new Tensor(PREFIX + name, dims(average), average.toFloatArray())));
        return out;
    }

    /**
     * Puts averages written by {@link #toTensors()} back.
     *
     * @throws IllegalArgumentException naming {@code source} and the missing or wrongly sized average
     */
    void restore(Map<String, Tensor> checkpoint, String source) {
        averages.forEach((name, average) -> {
            Tensor t = checkpoint.get(PREFIX + name);
            if (t == null) {
                throw new IllegalArgumentException(source + ": the weight average " + PREFIX + name + " is missing"
                        + " (the checkpoint was written by a run without an average decay)");
            }
            if (t.data().length != average.size()) {
                throw new IllegalArgumentException(source + ": the weight average " + t.name() + " has "
                        + t.data().length + " values, expected " + average.size());
            }
            average.set(t.data());
        });
    }

    /** Overwrites every parameter with its average, as the weights a finished run saves. */
    void copyIntoParameters() {
        averages.forEach((name, average) -> parameters.get(name).set(average.toFloatArray()));
    }

    /** {@code array}'s shape as a {@link Tensor}'s dimensions. */
    static int[] dims(NDArray array) {
        long[] shape = array.getShape().getShape();
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = (int) shape[i];
        }
        return dims;
    }

    @Override
    public void close() {
        manager.close();
    }
}
