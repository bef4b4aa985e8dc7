package io.neuroframe.demo.frametime;

import io.neuroframe.codec.Decoder;
import java.nio.FloatBuffer;

/** An injected slowdown made of real work: every decode runs the wrapped decoder {@code times} times. */
final class RepeatedDecoder implements Decoder {
    private final Decoder decoder;
    private final int times;

    RepeatedDecoder(Decoder decoder, int times) {
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
