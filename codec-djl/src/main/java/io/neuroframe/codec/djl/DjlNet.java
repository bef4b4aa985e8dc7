package io.neuroframe.codec.djl;

import ai.djl.ndarray.NDArray;

import java.util.Map;

/**
 * A network written with DJL NDArray operations whose parameters live in a manager of its own:
 * what a trainer needs of it (the parameters, gradient tracking, a copy of the weights) and what a
 * codec needs (its preset's name, closing it).
 *
 * @param <W> the weights the network copies out
 */
public interface DjlNet<W> extends AutoCloseable {

    /** The preset's name. */
    String name();

    /** The parameters by tensor name, in the order of the network's weights. */
    Map<String, NDArray> parameters();

    /** Copies the parameters out as weights. */
    W toWeights();

    /** Turns gradient tracking of every parameter on (training) or off (inference). */
    default void setTrainable(boolean trainable) {
        for (NDArray p : parameters().values()) {
            p.setRequiresGradient(trainable);
        }
    }

    /** The values of {@code parameter}, read without its gradient when it tracks one. */
    static float[] values(NDArray parameter) {
        if (!parameter.hasGradient()) {
            return parameter.toFloatArray();
        }
        try (NDArray detached = parameter.stopGradient()) {
            return detached.toFloatArray();
        }
    }

    /** Frees the parameters. */
    @Override
    void close();
}
