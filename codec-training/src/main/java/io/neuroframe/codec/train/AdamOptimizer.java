package io.neuroframe.codec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.neuroframe.codec.weights.Tensor;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba) over named DJL parameters, with its moments kept here so a checkpoint can
 * save and restore them exactly (DJL's own {@code Adam} keeps them private). Every trainer here
 * uses it: the codec's, the world model's and the adapter's.
 *
 * <p>Each {@link #update} applies DJL's fused PyTorch Adam kernel per parameter:
 * {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * w -= lr * sqrt(1-b2^t)/(1-b1^t) * m / (sqrt(v) + eps)}, then zeroes the gradient.
 */
public final class AdamOptimizer implements AutoCloseable {
    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-8f;
    private static final String MEAN_PREFIX = "adam.m.";
    private static final String VARIANCE_PREFIX = "adam.v.";

    /** Times a step's loss and gradients are computed before it is skipped as not finite. */
    public static final int PASSES = 2;
    /** Skipped steps in a row that stop training: more than a rare bad kernel result, the run has diverged. */
    public static final int MAX_CONSECUTIVE_SKIPS = 20;

    /**
     * One training step's computation: the forward pass and, when its loss is finite, the backward pass that
     * accumulates the parameters' gradients.
     */
    @FunctionalInterface
    public interface Pass {
        /** @return the step's loss */
        float run();
    }

    private final Map<String, NDArray> parameters;
    private final NDManager manager;
    private final Map<String, NDArray> means = new LinkedHashMap<>();
    private final Map<String, NDArray> variances = new LinkedHashMap<>();
    private long steps;
    private int skippedSteps;
    private int consecutiveSkips;

    /** Starts with zero moments for every parameter (which must track gradients). */
    public AdamOptimizer(Map<String, NDArray> parameters, NDManager parent) {
        this.parameters = parameters;
        this.manager = parent.newSubManager();
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            means.put(entry.getKey(), manager.zeros(entry.getValue().getShape()));
            variances.put(entry.getKey(), manager.zeros(entry.getValue().getShape()));
        }
    }

    /**
     * Runs one training step: {@code pass} computes the loss and gradients; when they are not usable (see
     * {@link #gradientsFinite()}) they are computed once more, and a step still not usable is skipped
     * ({@link #skip()}), as mixed-precision trainers skip a step that overflowed. Otherwise {@link #update} applies
     * it with learning rate {@code lr}.
     *
     * @return the loss of the last pass
     * @throws IllegalStateException when more than {@value #MAX_CONSECUTIVE_SKIPS} steps in a row were skipped
     *     (training diverged)
     */
    public float step(float lr, Pass pass) {
        float loss = Float.NaN;
        boolean usable = false;
        for (int attempt = 0; attempt < PASSES && !usable; attempt++) {
            if (attempt > 0) {
                zeroGradients();
            }
            loss = pass.run();
            usable = Float.isFinite(loss) && gradientsFinite();
        }
        if (usable) {
            update(lr);
            consecutiveSkips = 0;
        } else {
            skip();
            skippedSteps++;
            if (++consecutiveSkips > MAX_CONSECUTIVE_SKIPS) {
                throw new IllegalStateException("training diverged at step " + steps + ": the last "
                        + consecutiveSkips + " steps had a non-finite loss or gradient (loss " + loss
                        + "); lower the learning rate");
            }
        }
        return loss;
    }

    /**
     * Steps {@link #step} skipped since this optimizer was created (a resumed run counts from its restart): they
     * changed neither weights nor moments.
     */
    public int skippedSteps() {
        return skippedSteps;
    }

    /** Updates every parameter from its accumulated gradient with learning rate {@code lr}. */
    public void update(float lr) {
        steps++;
        double correction = Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps));
        float correctedLr = (float) (lr * correction);
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            NDArray weight = entry.getValue();
            try (NDArray grad = weight.getGradient()) {
                weight.getNDArrayInternal().adamUpdate(
                        new NDList(weight, grad, means.get(entry.getKey()), variances.get(entry.getKey())),
                        new NDList(weight), lr, correctedLr, 0f, 1f, -1f, BETA1, BETA2, EPSILON, false, false);
            }
        }
    }

    /**
     * Whether every accumulated gradient is usable: finite, and small enough that its square (which
     * goes into Adam's second moment) is finite too. PyTorch's CPU kernels here now and then return
     * a non-finite or enormous (above 1e19) gradient for an ordinary batch, not reproducibly (the
     * same step rerun is fine); {@link #step} checks this before {@link #update}.
     */
    public boolean gradientsFinite() {
        return gradientsFinite(parameters.values());
    }

    /** Whether every gradient of {@code weights} is usable, as {@link #gradientsFinite()} checks. */
    public static boolean gradientsFinite(Collection<NDArray> weights) {
        for (NDArray weight : weights) {
            try (NDArray grad = weight.getGradient(); NDArray squares = grad.square(); NDArray sum = squares.sum()) {
                if (!Float.isFinite(sum.getFloat())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Counts a step without changing weights or moments (its loss or gradients were not finite)
     * and zeroes the gradients, so the trainer moves on to the next step's batch.
     */
    public void skip() {
        steps++;
        zeroGradients();
    }

    /** Sets every parameter's gradient to zero, as before a step's first backward pass. */
    public void zeroGradients() {
        for (NDArray weight : parameters.values()) {
            try (NDArray grad = weight.getGradient()) {
                grad.set(new NDIndex("..."), 0f);
            }
        }
    }

    /** Steps counted so far: updates applied and steps skipped. */
    public long steps() {
        return steps;
    }

    /**
     * The moments as flat tensors named {@link #meanName} and {@link #varianceName} of each
     * parameter, parameter by parameter.
     */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : parameters.keySet()) {
            float[] m = means.get(name).toFloatArray();
            float[] v = variances.get(name).toFloatArray();
            out.put(meanName(name), new Tensor(meanName(name), new int[] {m.length}, m));
            out.put(varianceName(name), new Tensor(varianceName(name), new int[] {v.length}, v));
        }
        return out;
    }

    /** Key of parameter {@code parameter}'s first moment in {@link #state()}: {@code adam.m.<parameter>}. */
    public static String meanName(String parameter) {
        return MEAN_PREFIX + parameter;
    }

    /** Key of parameter {@code parameter}'s second moment in {@link #state()}: {@code adam.v.<parameter>}. */
    public static String varianceName(String parameter) {
        return VARIANCE_PREFIX + parameter;
    }

    /**
     * Restores moments written by {@link #state()} (under its keys; only their values count, not
     * their shapes) and the step count.
     *
     * @throws IllegalArgumentException naming a missing or wrongly sized moment
     */
    public void restore(Map<String, Tensor> state, long stepCount) {
        for (String name : parameters.keySet()) {
            copyInto(state, meanName(name), means.get(name));
            copyInto(state, varianceName(name), variances.get(name));
        }
        this.steps = stepCount;
    }

    private static void copyInto(Map<String, Tensor> state, String key, NDArray target) {
        Tensor t = state.get(key);
        if (t == null) {
            throw new IllegalArgumentException("optimizer state: tensor '" + key + "' is missing");
        }
        if (t.data().length != target.size()) {
            throw new IllegalArgumentException("optimizer state: tensor '" + t.name() + "' has " + t.data().length
                    + " values (shape " + Arrays.toString(t.shape()) + "), expected " + target.size());
        }
        target.set(t.data());
    }

    /** Names of the state tensors: whether {@code name} belongs to this optimizer's state. */
    public static boolean isStateTensor(String name) {
        return name.startsWith(MEAN_PREFIX) || name.startsWith(VARIANCE_PREFIX);
    }

    @Override
    public void close() {
        manager.close();
    }
}
