package io.neuroframe.codec.train;

import io.neuroframe.api.LatentContract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.IntFunction;

/**
 * Scaled latents of a set of frames, computed once and cached in a file (little-endian floats
 * after a 24-byte header: magic {@code NFLATENT}, int frame count, int floats per frame, long
 * fingerprint of the source), held in memory while in use (36,864 bytes a frame). The file is
 * written next to its destination and moved into place.
 */
public final class LatentStore {
    private static final long MAGIC = 0x4E46_4C41_5445_4E54L; // "NFLATENT"
    private static final int HEADER_BYTES = 24;

    private final float[] latents;
    private final int count;

    private LatentStore(float[] latents, int count) {
        this.latents = latents;
        this.count = count;
    }

    /**
     * Reads the cache at {@code file} if it holds {@code count} latents of the source with
     * {@code fingerprint}; otherwise computes them with {@code loader} (index to one scaled
     * latent) and writes the cache, reporting progress.
     */
    public static LatentStore openOrBuild(Path file, int count, long fingerprint, IntFunction<float[]> loader,
                                          FrameStore.Progress progress) throws IOException {
        long bytes = HEADER_BYTES + (long) count * LatentContract.LATENT_FLOATS * Float.BYTES;
        if (Files.isRegularFile(file) && Files.size(file) == bytes) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
                channel.read(header, 0);
                header.flip();
                if (header.getLong() == MAGIC && header.getInt() == count
                        && header.getInt() == LatentContract.LATENT_FLOATS && header.getLong() == fingerprint) {
                    ByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, HEADER_BYTES, bytes - HEADER_BYTES)
                            .order(ByteOrder.LITTLE_ENDIAN);
                    float[] latents = new float[count * LatentContract.LATENT_FLOATS];
                    data.asFloatBuffer().get(latents);
                    return new LatentStore(latents, count);
                }
            }
        }
        float[] latents = new float[count * LatentContract.LATENT_FLOATS];
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putLong(MAGIC).putInt(count)
                        .putInt(LatentContract.LATENT_FLOATS).putLong(fingerprint);
                out.write(header.array());
                ByteBuffer frame = ByteBuffer.allocate(LatentContract.LATENT_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < count; i++) {
                    float[] latent = loader.apply(i);
                    if (latent.length != LatentContract.LATENT_FLOATS) {
                        throw new IllegalArgumentException("latent " + i + ": expected " + LatentContract.LATENT_FLOATS
                                + " floats, got " + latent.length);
                    }
                    System.arraycopy(latent, 0, latents, i * LatentContract.LATENT_FLOATS, latent.length);
                    frame.clear();
                    frame.asFloatBuffer().put(latent);
                    out.write(frame.array());
                    progress.accept(i + 1, count);
                }
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new LatentStore(latents, count);
    }

    /** Latents in the store. */
    public int size() {
        return count;
    }

    /** Copies latent {@code index} (scaled, {@code (576, 16)}) into {@code dst} from {@code offset}. */
    public void read(int index, float[] dst, int offset) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("latent " + index + " of " + count);
        }
        System.arraycopy(latents, index * LatentContract.LATENT_FLOATS, dst, offset, LatentContract.LATENT_FLOATS);
    }
}
