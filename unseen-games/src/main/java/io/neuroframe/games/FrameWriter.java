package io.neuroframe.games;

import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.codec.data.ManifestWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Writes read-back frames off the render thread: each frame is copied into one of a few reused buffers, encoded
 * as a PNG on a writer thread, moved into place atomically, and only then appended to the manifest, so the
 * manifest never names a missing or partial file. When every buffer is busy, {@link #accept} waits.
 */
final class FrameWriter implements AutoCloseable {
    private static final int BUFFERS = 3;
    private static final int WIDTH = GamesSettings.WIDTH;
    private static final int HEIGHT = GamesSettings.HEIGHT;

    private final Path folder;
    private final ManifestWriter manifest;
    private final Progress progress;
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "games-dataset-writer");
        t.setDaemon(true);
        return t;
    });
    private final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    private final int[] row = new int[WIDTH];
    private volatile Exception failure;

    FrameWriter(Path folder, ManifestWriter manifest, Progress progress) {
        this.folder = folder;
        this.manifest = manifest;
        this.progress = progress;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(ByteBuffer.allocate(WIDTH * HEIGHT * 4));
        }
    }

    /** The first error of the writer thread, or null. */
    Exception failure() {
        return failure;
    }

    /** Copies a read-back frame (BGRA, bottom row first) and queues it for writing with its manifest row. */
    void accept(ByteBuffer bgraBottomUp, DatasetFrame frame) {
        if (bgraBottomUp.remaining() != WIDTH * HEIGHT * 4) {
            throw new IllegalStateException("read back " + bgraBottomUp.remaining() + " bytes for " + frame.file()
                    + ", expected " + WIDTH + "x" + HEIGHT + " BGRA");
        }
        ByteBuffer copy;
        try {
            copy = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to write " + frame.file(), e);
        }
        copy.clear();
        copy.put(bgraBottomUp);
        copy.flip();
        thread.execute(() -> write(copy, frame));
    }

    private void write(ByteBuffer pixels, DatasetFrame frame) {
        try {
            if (failure == null) {
                toImage(pixels);
                ImageIo.writePngAtomically(image, folder.resolve(frame.file()));
                manifest.append(frame);
                progress.frameDone(frame.style());
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            free.add(pixels);
        }
    }

    private void toImage(ByteBuffer bgraBottomUp) {
        for (int y = 0; y < HEIGHT; y++) {
            int base = (HEIGHT - 1 - y) * WIDTH * 4;
            for (int x = 0; x < WIDTH; x++) {
                int i = base + x * 4;
                row[x] = (bgraBottomUp.get(i + 2) & 0xFF) << 16 | (bgraBottomUp.get(i + 1) & 0xFF) << 8
                        | bgraBottomUp.get(i) & 0xFF;
            }
            image.setRGB(0, y, WIDTH, 1, row, 0, WIDTH);
        }
    }

    /** Waits for queued frames to be written and stops the writer thread. */
    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.MINUTES);
    }
}
