package io.neuroframe.render.testing;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source the test drives: {@link #emit} releases frames whose latent decodes (with
 * {@link LinearTokenDecoder}) to a uniform grey of the given level; {@link #mode} injects faults.
 */
public final class ControlledSource implements LatentSource {

    public enum Mode { NORMAL, NAN, SHORT, OVERFLOW, THROW, ENDED }

    private final AtomicInteger pending = new AtomicInteger();
    public final AtomicInteger pulls = new AtomicInteger();
    public final AtomicInteger frames = new AtomicInteger();
    /** Calls of {@link #dropPending}, and the frames they dropped. */
    public final AtomicInteger dropCalls = new AtomicInteger();
    public final AtomicInteger droppedFrames = new AtomicInteger();
    public volatile Mode mode = Mode.NORMAL;
    public volatile float level = 0.5f;
    public volatile boolean unlimited;
    /** Without a pending frame, say the source waits for input rather than that nothing is ready. */
    public volatile boolean waitingForInput;
    public volatile boolean closed;
    public volatile String closedOnThread;

    /** Releases one frame of grey {@code level}. */
    public void emit(float level) {
        this.level = level;
        pending.incrementAndGet();
    }

    @Override
    public Pull pull(LatentFrame frame) {
        pulls.incrementAndGet();
        Mode m = mode;
        if (m == Mode.ENDED) {
            return Pull.ENDED;
        }
        if (m == Mode.THROW) {
            throw new IllegalStateException("injected source failure");
        }
        if (!unlimited) {
            if (pending.get() == 0) {
                return waitingForInput ? Pull.WAITING : Pull.NONE_READY;
            }
            pending.decrementAndGet();
        }
        FloatBuffer latent = frame.latent();
        int floats = m == Mode.SHORT ? 100 : m == Mode.OVERFLOW ? LatentContract.LATENT_FLOATS + 1
                : LatentContract.LATENT_FLOATS;
        float v = level - 0.5f;
        for (int i = 0; i < floats; i++) {
            int channel = i % LatentContract.CHANNELS;
            latent.put(channel < 3 ? v : 0f);
        }
        if (m == Mode.NAN) {
            latent.put(1234, Float.NaN);
        }
        frames.incrementAndGet();
        return Pull.FRAME;
    }

    @Override
    public void dropPending() {
        droppedFrames.addAndGet(pending.getAndSet(0));
        dropCalls.incrementAndGet();
    }

    @Override
    public String describe() {
        return "controlled";
    }

    @Override
    public void close() {
        closed = true;
        closedOnThread = Thread.currentThread().getName();
    }
}
