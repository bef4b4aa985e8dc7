package io.neuroframe.render.source;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes latent frames to a recording in the {@link LatentRecording} format, for
 * {@link ReplaySource}. The frame count goes into the header on {@link #close()}; a recording that
 * was never closed is rejected by the reader. Not thread-safe; one record buffer is reused, so
 * {@link #append} allocates nothing.
 */
public final class LatentRecorder implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer record = ByteBuffer.allocateDirect(LatentRecording.RECORD_BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
    private long frames;
    private long lastTimestamp = Long.MIN_VALUE;

    private LatentRecorder(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates (or replaces) {@code file} and writes the header. */
    public static LatentRecorder create(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writeFully(channel, LatentRecording.header(0), 0);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new LatentRecorder(file, channel);
    }

    /**
     * Appends one frame.
     *
     * @param timestampNanos when the frame was made; not before the previous frame's
     * @param action {@link OasisAction#SIZE} floats from its position (not moved)
     * @param latent {@link LatentContract#LATENT_FLOATS} finite scaled floats from its position (not moved)
     * @throws IllegalArgumentException naming the frame and the problem, for a buffer that is too
     *     short, a non-finite value or a timestamp that goes back
     */
    public void append(long timestampNanos, FloatBuffer action, FloatBuffer latent) throws IOException {
        if (timestampNanos < lastTimestamp) {
            throw new IllegalArgumentException(file + ": frame " + frames + ": timestamp " + timestampNanos
                    + " is before the previous frame's " + lastTimestamp);
        }
        requireFloats("action", action, OasisAction.SIZE);
        requireFloats("latent", latent, LatentContract.LATENT_FLOATS);
        record.clear();
        record.putLong(timestampNanos);
        putFinite("action", action, OasisAction.SIZE);
        putFinite("latent", latent, LatentContract.LATENT_FLOATS);
        record.flip();
        writeFully(channel, record, LatentRecording.recordOffset(frames));
        frames++;
        lastTimestamp = timestampNanos;
    }

    /** Frames appended so far. */
    public long frames() {
        return frames;
    }

    /** Writes the frame count into the header, flushes and closes the file. */
    @Override
    public void close() throws IOException {
        try (channel) {
            ByteBuffer count = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(frames);
            writeFully(channel, count.flip(), LatentRecording.FRAME_COUNT_OFFSET);
            channel.force(true);
        }
    }

    private void requireFloats(String what, FloatBuffer buffer, int count) {
        if (buffer.remaining() < count) {
            throw new IllegalArgumentException(file + ": frame " + frames + ": " + what + " has " + buffer.remaining()
                    + " floats remaining, expected " + count);
        }
    }

    private void putFinite(String what, FloatBuffer buffer, int count) {
        int start = buffer.position();
        for (int i = 0; i < count; i++) {
            float v = buffer.get(start + i);
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(file + ": frame " + frames + ": " + what + " value " + v
                        + " at index " + i + " is not finite");
            }
            record.putFloat(v);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long offset) throws IOException {
        long position = offset;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }
}
