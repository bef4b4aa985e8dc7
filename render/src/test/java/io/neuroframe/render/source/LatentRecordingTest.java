package io.neuroframe.render.source;

import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.api.TimeSource;
import io.neuroframe.render.timing.VirtualTimeSource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentRecordingTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private static float latentValue(int frame, int i) {
        return (frame * 0.25f) + i * 1e-4f - 0.5f;
    }

    /** Records {@code frames} frames 50 ms apart with distinct latents and actions. */
    private Path record(int frames) throws IOException {
        Path file = dir.resolve("walk.nflat");
        FloatBuffer action = FloatBuffer.allocate(OasisAction.SIZE);
        FloatBuffer latent = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
        try (LatentRecorder recorder = LatentRecorder.create(file)) {
            for (int f = 0; f < frames; f++) {
                for (int i = 0; i < OasisAction.SIZE; i++) {
                    action.put(i, i == OasisAction.FORWARD ? 1f : i == OasisAction.CAMERA_YAW ? f / 40f : 0f);
                }
                for (int i = 0; i < LatentContract.LATENT_FLOATS; i++) {
                    latent.put(i, latentValue(f, i));
                }
                recorder.append(5_000 * MS + f * 50 * MS, action, latent);
            }
            assertEquals(frames, recorder.frames());
        }
        return file;
    }

    @Test
    void replaysEveryRecordedValueInOrder() throws IOException {
        Path file = record(3);
        assertEquals(LatentRecording.HEADER_BYTES + 3L * LatentRecording.RECORD_BYTES, Files.size(file));
        try (ReplaySource replay = ReplaySource.open(file, ReplaySource.Pacing.EVERY_FRAME, false, TimeSource.SYSTEM)) {
            LatentFrame frame = new LatentFrame();
            for (int f = 0; f < 3; f++) {
                frame.clear();
                assertEquals(LatentSource.Pull.FRAME, replay.pull(frame));
                assertEquals(LatentContract.LATENT_FLOATS, frame.latent().position());
                assertEquals(latentValue(f, 0), frame.latent().get(0));
                assertEquals(latentValue(f, 9215), frame.latent().get(9215));
                assertEquals(f / 40f, frame.action().get(OasisAction.CAMERA_YAW));
                assertEquals(1f, frame.action().get(OasisAction.FORWARD));
            }
            assertEquals(LatentSource.Pull.ENDED, replay.pull(frame));
            assertEquals("replay walk.nflat (3 frames)", replay.describe());
        }
    }

    @Test
    void recordedPacingWaitsForEachFrameAndSkipsFramesThatFellBehind() throws IOException {
        Path file = record(6);
        VirtualTimeSource time = new VirtualTimeSource();
        try (ReplaySource replay = ReplaySource.open(file, ReplaySource.Pacing.RECORDED, false, time)) {
            LatentFrame frame = new LatentFrame();
            assertEquals(LatentSource.Pull.FRAME, pull(replay, frame), "the first frame is due at once");
            assertEquals(latentValue(0, 0), frame.latent().get(0));
            time.advanceMillis(49);
            assertEquals(LatentSource.Pull.NONE_READY, pull(replay, frame));
            time.advanceMillis(1);
            assertEquals(LatentSource.Pull.FRAME, pull(replay, frame));
            assertEquals(latentValue(1, 0), frame.latent().get(0));
            time.advanceMillis(120);
            assertEquals(LatentSource.Pull.FRAME, pull(replay, frame), "at 170 ms frames 2 and 3 are due");
            assertEquals(latentValue(3, 0), frame.latent().get(0));
            assertEquals(1, replay.skippedFrames());
        }
    }

    @Test
    void loopingStartsOverOneFrameIntervalAfterTheLastFrame() throws IOException {
        Path file = record(2);
        VirtualTimeSource time = new VirtualTimeSource();
        try (ReplaySource replay = ReplaySource.open(file, ReplaySource.Pacing.RECORDED, true, time)) {
            LatentFrame frame = new LatentFrame();
            assertEquals(LatentSource.Pull.FRAME, pull(replay, frame));
            time.advanceMillis(50);
            assertEquals(LatentSource.Pull.FRAME, pull(replay, frame));
            time.advanceMillis(49);
            assertEquals(LatentSource.Pull.NONE_READY, pull(replay, frame));
            time.advanceMillis(1);
            assertEquals(LatentSource.Pull.FRAME, pull(replay, frame));
            assertEquals(latentValue(0, 0), frame.latent().get(0));
        }
    }

    @Test
    void rescalesLatentsStoredWithAnotherScalingFactor() throws IOException {
        Path file = record(1);
        patch(file, 24, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, 1f));
        try (ReplaySource replay = ReplaySource.open(file, ReplaySource.Pacing.EVERY_FRAME, false, TimeSource.SYSTEM)) {
            LatentFrame frame = new LatentFrame();
            replay.pull(frame);
            assertEquals(1f, replay.recordedScalingFactor());
            assertEquals(latentValue(0, 7) * LatentContract.SCALING_FACTOR, frame.latent().get(7), 1e-7f);
        }
    }

    @Test
    void rejectsBadMagic() throws IOException {
        Path file = record(1);
        patch(file, 0, ByteBuffer.wrap("PNGxxxxx".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertOpenFails(file, "bad magic at byte 0: expected \"NFLATENT\", found \"PNGxxxxx\" (not a NeuroFrame latent recording)");
    }

    @Test
    void rejectsUnknownVersion() throws IOException {
        Path file = record(1);
        patch(file, 8, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 7));
        assertOpenFails(file, "unsupported format version 7 at byte 8 (this reader knows version 1)");
    }

    @Test
    void rejectsAnotherLatentShape() throws IOException {
        Path file = record(1);
        patch(file, 16, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 4));
        assertOpenFails(file, "latent shape (576, 4) at bytes 12-19 does not match the latent contract (576, 16)");
    }

    @Test
    void rejectsATruncatedFileNamingTheIncompleteFrame() throws IOException {
        Path file = record(3);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 10);
        }
        assertOpenFails(file, "truncated: the header promises 3 frames (" + (36 + 3 * 36972) + " bytes) but the file has "
                + (36 + 3 * 36972 - 10) + " bytes; frame 2 at byte " + (36 + 2 * 36972) + " is incomplete");
    }

    @Test
    void rejectsARecordingThatWasNeverClosed() throws IOException {
        Path file = record(2);
        patch(file, 28, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 0));
        assertOpenFails(file, (2 * 36972) + " bytes after the 0 frames the header counts (byte 36 on); was the "
                + "recording closed?");
    }

    @Test
    void rejectsATruncatedHeader() throws IOException {
        Path file = dir.resolve("short.nflat");
        Files.write(file, new byte[10]);
        assertOpenFails(file, "truncated header: 10 bytes, a header has 36");
    }

    @Test
    void recorderRefusesNonFiniteValuesAndTimeGoingBack() throws IOException {
        Path file = dir.resolve("bad.nflat");
        try (LatentRecorder recorder = LatentRecorder.create(file)) {
            FloatBuffer action = FloatBuffer.allocate(OasisAction.SIZE);
            FloatBuffer latent = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
            latent.put(42, Float.NaN);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> recorder.append(0, action, latent));
            assertTrue(e.getMessage().endsWith("frame 0: latent value NaN at index 42 is not finite"), e.getMessage());
            latent.put(42, 0f);
            recorder.append(100, action, latent);
            e = assertThrows(IllegalArgumentException.class, () -> recorder.append(99, action, latent));
            assertTrue(e.getMessage().endsWith("frame 1: timestamp 99 is before the previous frame's 100"),
                    e.getMessage());
        }
        try (ReplaySource replay = ReplaySource.open(file)) {
            assertEquals(1, replay.frameCount(), "refused frames are not written");
        }
    }

    private static LatentSource.Pull pull(ReplaySource replay, LatentFrame frame) {
        frame.clear();
        return replay.pull(frame);
    }

    private static void patch(Path file, long offset, ByteBuffer bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            raf.write(bytes.array());
        }
    }

    private static void assertOpenFails(Path file, String expectedMessageTail) {
        LatentRecordingException e = assertThrows(LatentRecordingException.class, () -> ReplaySource.open(file));
        assertEquals(file + ": " + expectedMessageTail, e.getMessage());
    }
}
