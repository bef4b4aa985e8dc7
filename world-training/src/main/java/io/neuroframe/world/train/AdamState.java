package io.neuroframe.world.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import io.neuroframe.codec.weights.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam moments for a set of named parameters, kept so that a checkpoint can carry them and a
 * resumed run continues exactly. The update itself is DJL's fused Adam kernel.
 */
final class AdamState {
    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-8f;
    private static final String MEAN = "optimizer.mean.";
    private static final String VARIANCE = "optimizer.variance.";

    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();

    AdamState(Map<String, NDArray> parameters, NDManager manager) {
        parameters.forEach((name, p) -> {
            means.put(name, manager.zeros(p.getShape()));
            variances.put(name, manager.zeros(p.getShape()));
        });
    }

    /**
     * Applies one Adam step ({@code stepNumber} counts from 1) to every parameter that has a
     * gradient, then clears the gradients.
     */
    void update(Map<String, NDArray> parameters, int stepNumber, float learningRate) {
        float biasCorrection = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, stepNumber))
                / (1 - Math.pow(BETA1, stepNumber)));
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray weight = e.getValue();
            NDArray grad = weight.getGradient();
            weight.getNDArrayInternal().adamUpdate(
                    new NDList(weight, grad, means.get(e.getKey()), variances.get(e.getKey())), new NDList(weight),
                    learningRate, biasCorrection, 0f, 1f, -1f, BETA1, BETA2, EPSILON, true, false);
            grad.subi(grad);
            grad.detach();
        }
    }

    /** Sets every gradient to zero without touching weights or moments (also clears NaN and infinity). */
    static void clearGradients(Map<String, NDArray> parameters) {
        for (NDArray weight : parameters.values()) {
            NDArray grad = weight.getGradient();
            grad.set(new NDIndex("..."), 0f);
            grad.detach();
        }
    }

    /** The moments as tensors named {@code optimizer.mean.<param>} and {@code optimizer.variance.<param>}. */
    List<Tensor> toTensors() {
        List<Tensor> out = new ArrayList<>();
        means.forEach((name, m) -> out.add(new Tensor(MEAN + name, intShape(m), m.toFloatArray())));
        variances.forEach((name, v) -> out.add(new Tensor(VARIANCE + name, intShape(v), v.toFloatArray())));
        return out;
    }

    /** Restores the moments written by {@link #toTensors}. */
    void load(Map<String, Tensor> tensors, String source) {
        restore(means, MEAN, tensors, source);
        restore(variances, VARIANCE, tensors, source);
    }

    private static void restore(Map<String, NDArray> target, String prefix, Map<String, Tensor> tensors, String source) {
        for (Map.Entry<String, NDArray> e : target.entrySet()) {
            Tensor t = tensors.get(prefix + e.getKey());
            NDArray current = e.getValue();
            if (t == null || t.data().length != current.size()) {
                throw new IllegalArgumentException(source + ": optimizer tensor " + prefix + e.getKey()
                        + (t == null ? " is missing" : " has the wrong size"));
            }
            e.setValue(WorldDit.owned(current.getManager(), t.data(), current.getShape()));
            current.close();
        }
    }

    private static int[] intShape(NDArray a) {
        long[] s = a.getShape().getShape();
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (int) s[i];
        }
        return out;
    }
}
