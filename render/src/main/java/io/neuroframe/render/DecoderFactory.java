package io.neuroframe.render;

import io.neuroframe.api.Decoder;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Makes decoders from a user's supplier and insists that each is new: after a hang the old
 * instance may still be inside a native call, so handing it out again would share it between two
 * threads.
 */
final class DecoderFactory {
    private final String name;
    private final Supplier<? extends Decoder> supplier;
    private final Set<Decoder> made = Collections.newSetFromMap(new IdentityHashMap<>());

    DecoderFactory(String name, Supplier<? extends Decoder> supplier) {
        this.name = name;
        this.supplier = supplier;
    }

    String name() {
        return name;
    }

    /**
     * @throws IllegalStateException if the supplier returned {@code null} or an instance it returned before
     * @throws RuntimeException whatever the supplier throws
     */
    synchronized Decoder make() {
        Decoder decoder = supplier.get();
        if (decoder == null) {
            throw new IllegalStateException(name + " supplier returned null");
        }
        if (!made.add(decoder)) {
            throw new IllegalStateException(name + " supplier returned a decoder it had returned before ("
                    + decoder.describe() + "); it must make a new decoder on every call");
        }
        return decoder;
    }
}
