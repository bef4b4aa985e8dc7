package io.neuroframe.render;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.frame.RgbaPacker;
import io.neuroframe.api.frame.RowOrder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.render.budget.Rung;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * One finished frame in a preallocated slot of the pipeline's triple buffer: the decoded planar
 * image (for CPU upscalers and tests) and the same image packed to RGBA8 for texture upload.
 *
 * <p>Obtained from {@link FramePipeline#latestFrame()}; its contents stay unchanged until the
 * next call to {@code latestFrame()}. Treat the buffers as read-only; use absolute access or
 * rewind them (the pipeline resets their positions before handing the slot over). Compare
 * {@link #frameId()} with the last one you uploaded to know whether the frame is new.
 */
public final class DecodedFrame {
    private final FloatBuffer image = NativeBuffers.floats(LatentContract.IMAGE_FLOATS);
    private final ByteBuffer rgba = NativeBuffers.bytes(RgbaPacker.RGBA_BYTES);
    private final RowOrder rowOrder;
    private long frameId;
    private long inputSampleNanos;
    private long finishedNanos;
    private Rung rung = Rung.FULL_QUALITY;

    DecodedFrame(RowOrder rowOrder) {
        this.rowOrder = rowOrder;
    }

    /** The pipeline's id of this frame, increasing from 1; pass it to {@code StageClock.record} for engine stages. */
    public long frameId() {
        return frameId;
    }

    /** The decoded image, planar {@code (3, 360, 640)} in [0, 1], position 0. */
    public FloatBuffer image() {
        return image;
    }

    /** The image as RGBA8, {@code width * height * 4} bytes in {@link #rowOrder()}, position 0. */
    public ByteBuffer rgba() {
        return rgba;
    }

    /** Row order of {@link #rgba()}, as configured on the pipeline. */
    public RowOrder rowOrder() {
        return rowOrder;
    }

    /** Width in pixels (640). */
    public int width() {
        return LatentContract.IMAGE_WIDTH;
    }

    /** Height in pixels (360). */
    public int height() {
        return LatentContract.IMAGE_HEIGHT;
    }

    /** When the player input behind this frame was sampled, or {@code LatentFrame.NO_INPUT}. */
    public long inputSampleNanos() {
        return inputSampleNanos;
    }

    /** When packing finished, on the pipeline's time source. */
    public long finishedNanos() {
        return finishedNanos;
    }

    /** The budget rung this frame was made under. */
    public Rung rung() {
        return rung;
    }

    /** Producer side: copies the decoded image in, packs it, and records the frame's facts. */
    void fill(FloatBuffer decoded, long frameId, long inputSampleNanos, Rung rung) {
        image.clear();
        image.put(0, decoded, 0, LatentContract.IMAGE_FLOATS);
        rgba.clear();
        RgbaPacker.pack(decoded, rgba, rowOrder);
        this.frameId = frameId;
        this.inputSampleNanos = inputSampleNanos;
        this.rung = rung;
    }

    void finishedAt(long nanos) {
        this.finishedNanos = nanos;
    }
}
