package io.neuroframe.capture;

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
 * Writes grabbed frames off the render thread: each frame is copied into one of a few reused buffers, encoded as a
 * PNG on a writer thread, moved into place atomically, and only then appended to the manifest, so the manifest
 * never names a missing or partial file. When every buffer is busy, {@link #accept} waits; a renderer that must
 * not block checks {@link #hasFreeBuffer} first.
 */
public final class FrameWriter implements AutoCloseable {
    private static final int BUFFERS = 4;
    private static final int WIDTH = CaptureSettings.WIDTH;
    private static final int HEIGHT = CaptureSettings.HEIGHT;

    private final Path folder;
    private final ManifestWriter manifest;
    private final Progress progress;
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dataset-writer");
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

    /** Whether a frame can be accepted now without waiting. */
    public boolean hasFreeBuffer() {
        return !free.isEmpty();
    }

    /** The first error of the writer thread, or null. */
    public Exception failure() {
        return failure;
    }

    /**
     * Copies a grabbed frame (BGRA, bottom row first, as {@link FrameGrabber} hands it over) and queues it for
     * writing with its manifest row; waits while every buffer is busy.
     */
    public void accept(ByteBuffer bgraBottomUp, int width, int height, DatasetFrame frame) {
        if (width != WIDTH || height != HEIGHT) {
            throw new IllegalStateException("grabbed a " + width + "x" + height + " frame for " + frame.file()
                    + ", expected " + WIDTH + "x" + HEIGHT);
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
                FrameGrabber.toImage(pixels, WIDTH, HEIGHT, image, row);
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

    /** Waits for queued frames to be written and stops the writer thread. */
    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.MINUTES);
    }
}
