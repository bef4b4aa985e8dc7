package io.neuroframe.render.source;

import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.api.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Plays a latent recording ({@link LatentRecording} format, made by {@link LatentRecorder}).
 * The file is checked completely when it is opened; frames are read one at a time into a reused
 * buffer. Latents stored with another scaling factor are rescaled to
 * {@link LatentContract#SCALING_FACTOR}. The action of each frame is passed on in
 * {@link LatentFrame#action()}.
 */
public final class ReplaySource implements LatentSource {

    /** When frames are handed out. */
    public enum Pacing {
        /**
         * At their recorded times, counted from the first pull: a frame is due once as much time
         * has passed as separates it from the first frame; frames that fell behind are skipped so
         * the newest due frame is shown.
         */
        RECORDED,
        /** Every frame, in order, one per pull. */
        EVERY_FRAME
    }

    private final Path file;
    private final FileChannel channel;
    private final LatentRecording recording;
    private final long[] timestamps;
    private final Pacing pacing;
    private final boolean loop;
    private final TimeSource time;
    private final float rescale;
    private final long loopPeriodNanos;
    private final String description;
    private final ByteBuffer record = ByteBuffer.allocateDirect(LatentRecording.RECORD_BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
    private int next;
    private long originNanos;
    private boolean started;
    private long skipped;

    private ReplaySource(Path file, FileChannel channel, LatentRecording recording, long[] timestamps, Pacing pacing,
                         boolean loop, TimeSource time) {
        this.file = file;
        this.channel = channel;
        this.recording = recording;
        this.timestamps = timestamps;
        this.pacing = pacing;
        this.loop = loop;
        this.time = time;
        this.rescale = LatentContract.SCALING_FACTOR / recording.scalingFactor();
        int n = timestamps.length;
        long span = n == 0 ? 0 : timestamps[n - 1] - timestamps[0];
        this.loopPeriodNanos = n < 2 ? span : span + span / (n - 1);
        this.description = "replay " + file.getFileName() + " (" + n + " frames)";
    }

    /** Opens {@code file} paced at its recorded times, played once, on the system clock. */
    public static ReplaySource open(Path file) throws IOException {
        return open(file, Pacing.RECORDED, false, TimeSource.SYSTEM);
    }

    /**
     * Opens and checks a recording.
     *
     * @param pacing when frames are handed out
     * @param loop start again from the first frame after the last instead of ending
     * @param time the clock that paces {@link Pacing#RECORDED}
     * @throws LatentRecordingException for a malformed file (bad magic, version, shape, scaling
     *     factor, truncation, timestamps going back), naming the file and the offset
     */
    public static ReplaySource open(Path file, Pacing pacing, boolean loop, TimeSource time) throws IOException {
        if (pacing == null || time == null) {
            throw new IllegalArgumentException("pacing and time must not be null");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            LatentRecording recording = LatentRecording.read(channel, file);
            if (recording.frames() > Integer.MAX_VALUE) {
                throw new LatentRecordingException(file + ": " + recording.frames() + " frames is more than this "
                        + "reader supports");
            }
            long[] timestamps = readTimestamps(channel, file, (int) recording.frames());
            return new ReplaySource(file, channel, recording, timestamps, pacing, loop, time);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static long[] readTimestamps(FileChannel channel, Path file, int frames) throws IOException {
        long[] timestamps = new long[frames];
        ByteBuffer stamp = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            stamp.clear();
            LatentRecording.readFully(channel, stamp, LatentRecording.recordOffset(i), file);
            timestamps[i] = stamp.getLong(0);
            if (i > 0 && timestamps[i] < timestamps[i - 1]) {
                throw new LatentRecordingException(file + ": frame " + i + " at byte " + LatentRecording.recordOffset(i)
                        + ": timestamp " + timestamps[i] + " is before the previous frame's " + timestamps[i - 1]);
            }
        }
        return timestamps;
    }

    /** Frames in the recording. */
    public int frameCount() {
        return timestamps.length;
    }

    /** Frames skipped because they fell behind their recorded time ({@link Pacing#RECORDED} only). */
    public long skippedFrames() {
        return skipped;
    }

    /** The scaling factor stored in the file. */
    public float recordedScalingFactor() {
        return recording.scalingFactor();
    }

    @Override
    public Pull pull(LatentFrame frame) {
        int n = timestamps.length;
        if (n == 0) {
            return Pull.ENDED;
        }
        long now = time.nanoTime();
        if (!started) {
            started = true;
            originNanos = now;
        }
        if (next >= n) {
            if (!loop) {
                return Pull.ENDED;
            }
            next = 0;
            originNanos += loopPeriodNanos;
        }
        int index = next;
        if (pacing == Pacing.RECORDED) {
            long elapsed = now - originNanos;
            if (timestamps[index] - timestamps[0] > elapsed) {
                return Pull.NONE_READY;
            }
            while (index + 1 < n && timestamps[index + 1] - timestamps[0] <= elapsed) {
                index++;
            }
            skipped += index - next;
        }
        read(index, frame);
        next = index + 1;
        return Pull.FRAME;
    }

    private void read(int index, LatentFrame frame) {
        record.clear();
        try {
            LatentRecording.readFully(channel, record, LatentRecording.recordOffset(index), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FloatBuffer action = frame.action();
        for (int i = 0; i < OasisAction.SIZE; i++) {
            action.put(i, record.getFloat(LatentRecording.ACTION_OFFSET + i * Float.BYTES));
        }
        FloatBuffer latent = frame.latent();
        for (int i = 0; i < LatentContract.LATENT_FLOATS; i++) {
            latent.put(record.getFloat(LatentRecording.LATENT_OFFSET + i * Float.BYTES) * rescale);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": close failed", e);
        }
    }
}
