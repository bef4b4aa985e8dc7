package io.neuroframe.perf;

import io.neuroframe.api.Decoder;
import java.nio.FloatBuffer;

/**
 * A slowdown made of real work, for regression tests that check a frame-time check fails: every decode
 * runs the wrapped decoder {@code times} times. Closing it closes the wrapped decoder.
 */
public final class RepeatedDecoder implements Decoder {
    private final Decoder decoder;
    private final int times;

    /**
     * @param decoder the decoder to repeat; this takes ownership of it
     * @param times how many times each decode runs it, at least 1
     */
    public RepeatedDecoder(Decoder decoder, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("RepeatedDecoder: times must be at least 1, got " + times);
        }
        this.decoder = decoder;
        this.times = times;
    }

    @Override
    public void decode(FloatBuffer latent, FloatBuffer image) {
        for (int i = 0; i < times; i++) {
            decoder.decode(latent, image);
        }
    }

    @Override
    public String describe() {
        return decoder.describe() + " x" + times;
    }

    @Override
    public void close() {
        decoder.close();
    }
}
