package io.neuroframe.render;

import io.neuroframe.api.Decoder;
import io.neuroframe.render.budget.Rung;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The factories of the decoders the budget ladder switches between: the main decoder, and optionally the
 * quantized one of {@link Rung#QUANTIZED_DECODER} and the fallback of {@link Rung#FALLBACK_DECODER}. A decode
 * worker makes one {@link Set} and uses it alone.
 */
final class RungDecoders {
    private static final Logger LOG = Logger.getLogger(FramePipeline.class.getName());

    private final DecoderFactory main;
    private final DecoderFactory quantized;
    private final DecoderFactory fallback;

    /** @param quantized the quantized decoder's factory, or null; likewise {@code fallback} */
    RungDecoders(DecoderFactory main, DecoderFactory quantized, DecoderFactory fallback) {
        this.main = main;
        this.quantized = quantized;
        this.fallback = fallback;
    }

    boolean hasQuantized() {
        return quantized != null;
    }

    boolean hasFallback() {
        return fallback != null;
    }

    /**
     * Makes one decoder of each factory; if one fails, closes those already made.
     *
     * @throws IllegalStateException naming the factory whose supplier failed, with its exception as the cause
     */
    Set make() {
        Decoder madeMain = make(main);
        Decoder madeQuantized = null;
        try {
            madeQuantized = quantized == null ? null : make(quantized);
            return new Set(madeMain, madeQuantized, fallback == null ? null : make(fallback));
        } catch (RuntimeException e) {
            closeQuietly(madeQuantized);
            closeQuietly(madeMain);
            throw e;
        }
    }

    private static Decoder make(DecoderFactory factory) {
        try {
            return factory.make();
        } catch (RuntimeException e) {
            throw new IllegalStateException(factory.name() + ": making the decoder failed: " + e.getMessage(), e);
        }
    }

    static void closeQuietly(Decoder decoder) {
        if (decoder == null) {
            return;
        }
        try {
            decoder.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "NeuroFrame pipeline: closing " + decoder.describe() + " failed", e);
        }
    }

    /** One decoder of each kind, owned by one thread; {@link #close()} closes each quietly. */
    static final class Set implements AutoCloseable {
        private final Decoder main;
        private final Decoder quantized;
        private final Decoder fallback;

        private Set(Decoder main, Decoder quantized, Decoder fallback) {
            this.main = main;
            this.quantized = quantized;
            this.fallback = fallback;
        }

        Decoder main() {
            return main;
        }

        /** The decoder of {@code rung}: the fallback, else the quantized one, else the main, as the rung says. */
        Decoder forRung(Rung rung) {
            if (rung.usesFallbackDecoder() && fallback != null) {
                return fallback;
            }
            return rung.usesQuantizedDecoder() && quantized != null ? quantized : main;
        }

        /** The main decoder's description, with the other decoders in parentheses. */
        String describe() {
            return main.describe() + (quantized == null ? "" : " (quantized " + quantized.describe() + ")")
                    + (fallback == null ? "" : " (fallback " + fallback.describe() + ")");
        }

        @Override
        public void close() {
            closeQuietly(main);
            closeQuietly(quantized);
            closeQuietly(fallback);
        }
    }
}
