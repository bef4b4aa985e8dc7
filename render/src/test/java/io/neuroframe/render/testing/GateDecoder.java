package io.neuroframe.render.testing;

import java.nio.FloatBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/** A {@link LinearTokenDecoder} that can be held inside {@code decode} until the test opens the gate. */
public final class GateDecoder extends LinearTokenDecoder {
    private volatile CountDownLatch gate;
    /** Released once each time a decode starts. */
    public final Semaphore entered = new Semaphore(0);

    public GateDecoder(String name) {
        super(name);
    }

    /** Decodes started after this wait until {@link #open()}. */
    public void closeGate() {
        gate = new CountDownLatch(1);
    }

    public void open() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    @Override
    public void decode(FloatBuffer latent, FloatBuffer image) {
        entered.release();
        CountDownLatch g = gate;
        while (g != null) {
            try {
                g.await();
                g = null;
            } catch (InterruptedException e) {
                // a hung native call ignores interrupts too
            }
        }
        super.decode(latent, image);
    }
}
