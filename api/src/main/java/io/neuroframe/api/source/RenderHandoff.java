package io.neuroframe.api.source;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.frame.RgbaPacker;
import io.neuroframe.api.frame.RowOrder;
import io.neuroframe.api.frame.TripleBuffer;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * Hands the engine's rendered frames to an encoder-loopback source without allocation and
 * without waiting: a triple buffer of planar RGB images ({@code (3, 360, 640)} in [0, 1]).
 *
 * <p>Engine thread, once per rendered frame: fill {@link #image()} (or pass RGBA8 bytes to
 * {@link #publishRgba}) and {@link #publish(long)}. The source takes the newest image with
 * {@link #takeNew()}; images it never got to are replaced ("newest wins"). An engine that reads its
 * frames back itself publishes with {@link #publish(long, long, long, long, long)}, so the read-back
 * times travel with the image into the pipeline's latency breakdown.
 */
public final class RenderHandoff {

    /** One rendered image, when the player input it reflects was sampled, and how it was read back. */
    public static final class RenderedImage {
        private final FloatBuffer image = NativeBuffers.floats(LatentContract.IMAGE_FLOATS);
        private long inputSampleNanos = LatentFrame.NO_INPUT;
        private final ReadbackTimes readback = new ReadbackTimes();

        /** The planar image, {@link LatentContract#IMAGE_FLOATS} floats, position 0. */
        public FloatBuffer image() {
            return image;
        }

        /** When the input behind this image was sampled, or {@link LatentFrame#NO_INPUT}. */
        public long inputSampleNanos() {
            return inputSampleNanos;
        }

        /** How the engine read this image back and resampled it (the image was published right after), if it said. */
        public ReadbackTimes readback() {
            return readback;
        }
    }

    private final TripleBuffer<RenderedImage> buffer = new TripleBuffer<>(RenderedImage::new);

    /** Engine thread: the planar image to fill for the next {@link #publish}; absolute or relative puts. */
    public FloatBuffer image() {
        return buffer.back().image;
    }

    /** Engine thread: offers the filled {@link #image()} to the source. */
    public void publish(long inputSampleNanos) {
        publish(inputSampleNanos, LatentFrame.NO_INPUT, LatentFrame.NO_INPUT, LatentFrame.NO_INPUT,
                LatentFrame.NO_INPUT);
    }

    /**
     * Engine thread: offers the filled {@link #image()} to the source, with the times (on the
     * pipeline's time source) of reading it back from the GPU and of resampling it into the image.
     * A read-back through pixel buffers ends when the copy is issued; the copy completes while the
     * engine renders on, and resampling starts once it has.
     *
     * @throws IllegalArgumentException if an interval ends before it starts
     */
    public void publish(long inputSampleNanos, long readbackStartNanos, long readbackEndNanos,
                        long resampleStartNanos, long resampleEndNanos) {
        RenderedImage slot = buffer.back();
        slot.readback.set(readbackStartNanos, readbackEndNanos, resampleStartNanos, resampleEndNanos);
        slot.image.clear();
        slot.inputSampleNanos = inputSampleNanos;
        buffer.publish();
    }

    /** Engine thread: unpacks an RGBA8 640x360 frame into {@link #image()} and publishes it. */
    public void publishRgba(ByteBuffer rgba, RowOrder order, long inputSampleNanos) {
        RgbaPacker.unpack(rgba, order, buffer.back().image);
        publish(inputSampleNanos);
    }

    /** Source thread: forgets the image published since the last {@link #takeNew}, if any. */
    public void dropPending() {
        if (buffer.hasFresh()) {
            buffer.latest();
        }
    }

    /**
     * Source thread: the newest image if one was published since the last call, else {@code null}.
     * The image stays valid until the next call.
     */
    public RenderedImage takeNew() {
        if (!buffer.hasFresh()) {
            return null;
        }
        RenderedImage latest = buffer.latest();
        latest.image.clear();
        return latest;
    }
}
