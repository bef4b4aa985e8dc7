package io.neuroframe.codec.train;

import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.djl.TokenWindow;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.IntFunction;

/**
 * Frames for training and evaluation, decoded once and kept as 8-bit planar RGB in a
 * memory-mapped cache file (691,200 bytes a frame; the dataset's PNGs are 8-bit, so nothing is
 * lost). Later runs open the file instead of decoding every PNG again.
 *
 * <p>File layout: a 40-byte big-endian header (magic {@code NFFRAMES}, then int version, frame
 * count, channels, height, width and a reserved zero, then a long fingerprint of the source) followed
 * by the frames. The file is written next to its destination and moved into place, so an
 * interrupted build leaves no half-written cache.
 */
public final class FrameStore {
    private static final long MAGIC = 0x4E46_4652_414D_4553L; // "NFFRAMES"
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 40;
    static final int FRAME_BYTES = LatentContract.IMAGE_FLOATS;
    private static final int FRAMES_PER_MAPPING = 2048;

    private final int count;
    private final MappedByteBuffer[] mappings;

    private FrameStore(int count, MappedByteBuffer[] mappings) {
        this.count = count;
        this.mappings = mappings;
    }

    /**
     * Opens the cache at {@code file} if it holds {@code count} frames of the source with
     * {@code fingerprint}; otherwise builds it with {@code loader} (frame index to planar floats
     * in [0, 1]), reporting each finished frame to {@code progress}.
     */
    public static FrameStore openOrBuild(Path file, int count, long fingerprint, IntFunction<float[]> loader,
                                         Progress progress) throws IOException {
        if (count <= 0) {
            throw new IllegalArgumentException("a frame store needs at least one frame, got " + count);
        }
        if (!matches(file, count, fingerprint)) {
            build(file, count, fingerprint, loader, progress);
        }
        return open(file, count);
    }

    /** Called after each frame of a build: {@code (done, total)}. */
    @FunctionalInterface
    public interface Progress {
        void accept(int done, int total);
    }

    private static boolean matches(Path file, int count, long fingerprint) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != HEADER_BYTES + (long) count * FRAME_BYTES) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            channel.read(header, 0);
            header.flip();
            return header.getLong() == MAGIC && header.getInt() == VERSION && header.getInt() == count
                    && header.getInt() == LatentContract.IMAGE_CHANNELS && header.getInt() == LatentContract.IMAGE_HEIGHT
                    && header.getInt() == LatentContract.IMAGE_WIDTH && header.getInt() == 0
                    && header.getLong() == fingerprint;
        }
    }

    private static void build(Path file, int count, long fingerprint, IntFunction<float[]> loader,
                              Progress progress) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
                header.putLong(MAGIC).putInt(VERSION).putInt(count).putInt(LatentContract.IMAGE_CHANNELS)
                        .putInt(LatentContract.IMAGE_HEIGHT).putInt(LatentContract.IMAGE_WIDTH).putInt(0)
                        .putLong(fingerprint);
                out.write(header.array());
                byte[] bytes = new byte[FRAME_BYTES];
                for (int i = 0; i < count; i++) {
                    float[] frame = loader.apply(i);
                    if (frame.length != FRAME_BYTES) {
                        throw new IllegalArgumentException("frame " + i + ": expected " + FRAME_BYTES
                                + " planar floats, got " + frame.length);
                    }
                    for (int k = 0; k < FRAME_BYTES; k++) {
                        bytes[k] = (byte) Math.round(Math.min(1f, Math.max(0f, frame[k])) * 255f);
                    }
                    out.write(bytes);
                    progress.accept(i + 1, count);
                }
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FrameStore open(Path file, int count) throws IOException {
        int mappingCount = (count + FRAMES_PER_MAPPING - 1) / FRAMES_PER_MAPPING;
        MappedByteBuffer[] mappings = new MappedByteBuffer[mappingCount];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int m = 0; m < mappingCount; m++) {
                int frames = Math.min(FRAMES_PER_MAPPING, count - m * FRAMES_PER_MAPPING);
                mappings[m] = channel.map(FileChannel.MapMode.READ_ONLY,
                        HEADER_BYTES + (long) m * FRAMES_PER_MAPPING * FRAME_BYTES, (long) frames * FRAME_BYTES);
            }
        }
        return new FrameStore(count, mappings);
    }

    /** Frames in the store. */
    public int size() {
        return count;
    }

    /**
     * Writes the pixels of {@code window} of frame {@code index} as planar floats in model space
     * [-1, 1] into {@code dst} from {@code offset} (3 x window height x window width values).
     */
    public void readWindow(int index, TokenWindow window, float[] dst, int offset) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("frame " + index + " of " + count);
        }
        MappedByteBuffer mapping = mappings[index / FRAMES_PER_MAPPING];
        int base = (index % FRAMES_PER_MAPPING) * FRAME_BYTES;
        int y0 = window.row() * LatentContract.PATCH_SIZE;
        int x0 = window.col() * LatentContract.PATCH_SIZE;
        int h = window.pixelHeight();
        int w = window.pixelWidth();
        int out = offset;
        for (int c = 0; c < LatentContract.IMAGE_CHANNELS; c++) {
            for (int y = 0; y < h; y++) {
                int src = base + LatentContract.imageIndex(c, y0 + y, x0);
                for (int x = 0; x < w; x++) {
                    dst[out++] = (mapping.get(src + x) & 0xFF) / 127.5f - 1f;
                }
            }
        }
    }

    /** Frame {@code index} as planar floats in [0, 1] (the latent contract's image format). */
    public float[] frame(int index) {
        float[] planar = new float[FRAME_BYTES];
        readWindow(index, TokenWindow.FULL, planar, 0);
        for (int i = 0; i < planar.length; i++) {
            planar[i] = (planar[i] + 1f) * 0.5f;
        }
        return planar;
    }
}
