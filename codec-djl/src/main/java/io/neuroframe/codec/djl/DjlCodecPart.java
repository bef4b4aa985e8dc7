package io.neuroframe.codec.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

import java.util.function.Function;

/**
 * What each DJL encoder and decoder holds: a network on a base manager of its own, in which each
 * call makes and closes a sub-manager.
 *
 * @param <N> the network
 */
abstract class DjlCodecPart<N extends DjlNet<?>> implements AutoCloseable {
    final NDManager manager;
    final N net;

    /** Opens a base manager on {@code engine} and builds the network in it. */
    DjlCodecPart(Engine engine, Function<NDManager, N> net) {
        this.manager = engine.newBaseManager();
        this.net = net.apply(manager);
    }

    /** The preset's name and the runtime. */
    public String describe() {
        return net.name() + " (djl pytorch, cpu)";
    }

    @Override
    public void close() {
        net.close();
        manager.close();
    }
}
