package io.neuroframe.render.source;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The binary format of a latent recording ({@code .nflat}), written by {@link LatentRecorder} and
 * played by {@link ReplaySource}. All numbers are little-endian; {@code docs/latent-recording.md}
 * describes it for other tools.
 *
 * <pre>
 * header, 36 bytes
 *   0  8 bytes  magic "NFLATENT" (ASCII)
 *   8  int32    format version, 1
 *  12  int32    tokens per frame, 576 (18 x 32)
 *  16  int32    channels per token, 16
 *  20  int32    floats per action vector, 25 (Oasis layout)
 *  24  float32  scaling factor the latents carry, 0.07843137255 (Oasis)
 *  28  int64    number of frames (written when the recording is closed)
 * frame record, 8 + 4 * (25 + 576 * 16) = 36,972 bytes, repeated
 *   0  int64    timestamp in nanoseconds (any origin; non-decreasing)
 *   8  float32  x 25, the action vector
 * 108  float32  x 9216, the scaled latent, token-major (token = row * 32 + col), channel fastest
 * </pre>
 *
 * @param file where the header was read from (for messages)
 * @param frames number of frame records
 * @param scalingFactor the scaling factor the stored latents carry
 */
public record LatentRecording(Path file, long frames, float scalingFactor) {
    /** The first 8 bytes of every recording. */
    public static final String MAGIC = "NFLATENT";
    /** The format version this code reads and writes. */
    public static final int VERSION = 1;
    /** Bytes before the first frame record. */
    public static final int HEADER_BYTES = 36;
    /** Bytes of one frame record. */
    public static final int RECORD_BYTES = Long.BYTES + Float.BYTES * (OasisAction.SIZE + LatentContract.LATENT_FLOATS);

    static final int FRAME_COUNT_OFFSET = 28;
    static final int ACTION_OFFSET = Long.BYTES;
    static final int LATENT_OFFSET = ACTION_OFFSET + Float.BYTES * OasisAction.SIZE;

    /** A header for {@code frames} frames of scaled latents following {@link LatentContract}. */
    static ByteBuffer header(long frames) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC.getBytes(StandardCharsets.US_ASCII));
        header.putInt(VERSION);
        header.putInt(LatentContract.TOKENS);
        header.putInt(LatentContract.CHANNELS);
        header.putInt(OasisAction.SIZE);
        header.putFloat(LatentContract.SCALING_FACTOR);
        header.putLong(frames);
        return header.flip();
    }

    /**
     * Reads and checks the header of an open recording: magic, version, shape, action size,
     * scaling factor, and that the file length matches the frame count exactly.
     *
     * @throws LatentRecordingException naming the file and the field or offset that is wrong
     */
    static LatentRecording read(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (size < HEADER_BYTES) {
            throw new LatentRecordingException(file + ": truncated header: " + size + " bytes, a header has "
                    + HEADER_BYTES);
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, header, 0, file);
        header.flip();
        byte[] magic = new byte[MAGIC.length()];
        header.get(magic);
        String found = new String(magic, StandardCharsets.ISO_8859_1);
        if (!MAGIC.equals(found)) {
            throw new LatentRecordingException(file + ": bad magic at byte 0: expected \"" + MAGIC + "\", found \""
                    + printable(found) + "\" (not a NeuroFrame latent recording)");
        }
        int version = header.getInt();
        if (version != VERSION) {
            throw new LatentRecordingException(file + ": unsupported format version " + version + " at byte 8 (this "
                    + "reader knows version " + VERSION + ")");
        }
        int tokens = header.getInt();
        int channels = header.getInt();
        if (tokens != LatentContract.TOKENS || channels != LatentContract.CHANNELS) {
            throw new LatentRecordingException(file + ": latent shape (" + tokens + ", " + channels + ") at bytes 12-19 "
                    + "does not match the latent contract (" + LatentContract.TOKENS + ", " + LatentContract.CHANNELS + ")");
        }
        int actionFloats = header.getInt();
        if (actionFloats != OasisAction.SIZE) {
            throw new LatentRecordingException(file + ": action vector of " + actionFloats + " floats at byte 20, "
                    + "expected " + OasisAction.SIZE + " (Oasis layout)");
        }
        float scaling = header.getFloat();
        if (!(scaling > 0) || Float.isInfinite(scaling)) {
            throw new LatentRecordingException(file + ": scaling factor " + scaling + " at byte 24 must be a positive "
                    + "finite number");
        }
        long frames = header.getLong();
        if (frames < 0) {
            throw new LatentRecordingException(file + ": negative frame count " + frames + " at byte 28");
        }
        long expected = HEADER_BYTES + frames * RECORD_BYTES;
        if (size < expected) {
            long complete = (size - HEADER_BYTES) / RECORD_BYTES;
            throw new LatentRecordingException(file + ": truncated: the header promises " + frames + " frames ("
                    + expected + " bytes) but the file has " + size + " bytes; frame " + complete + " at byte "
                    + (HEADER_BYTES + complete * RECORD_BYTES) + " is incomplete");
        }
        if (size > expected) {
            throw new LatentRecordingException(file + ": " + (size - expected) + " bytes after the " + frames
                    + " frames the header counts (byte " + expected + " on); was the recording closed?");
        }
        return new LatentRecording(file, frames, scaling);
    }

    /** Byte offset of frame record {@code index}. */
    static long recordOffset(long index) {
        return HEADER_BYTES + index * RECORD_BYTES;
    }

    /** Reads {@code into.remaining()} bytes at {@code offset}; a short file is an error naming the offset. */
    static void readFully(FileChannel channel, ByteBuffer into, long offset, Path file) throws IOException {
        long position = offset;
        while (into.hasRemaining()) {
            int n = channel.read(into, position);
            if (n < 0) {
                throw new LatentRecordingException(file + ": unexpected end of file at byte " + position);
            }
            position += n;
        }
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= 32 && c < 127 ? c : '?');
        }
        return out.toString();
    }
}
