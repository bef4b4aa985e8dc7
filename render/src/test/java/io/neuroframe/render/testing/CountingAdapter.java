package io.neuroframe.render.testing;

import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.LatentContract;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/** A real adapter: adds {@code offset} to channel 0 of every token (so it brightens red by that much). */
public final class CountingAdapter implements LatentAdapter {
    private final float offset;
    public final AtomicInteger calls = new AtomicInteger();
    public volatile boolean failing;
    public volatile boolean closed;
    public volatile String closedOnThread;

    public CountingAdapter(float offset) {
        this.offset = offset;
    }

    @Override
    public void apply(FloatBuffer input, FloatBuffer output) {
        calls.incrementAndGet();
        if (failing) {
            throw new IllegalStateException("injected adapter failure");
        }
        int in = input.position();
        int out = output.position();
        for (int i = 0; i < LatentContract.LATENT_FLOATS; i++) {
            output.put(out + i, input.get(in + i) + (i % LatentContract.CHANNELS == 0 ? offset : 0f));
        }
    }

    @Override
    public String describe() {
        return "red offset " + offset;
    }

    @Override
    public void close() {
        closed = true;
        closedOnThread = Thread.currentThread().getName();
    }
}
