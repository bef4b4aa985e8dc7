package io.neuroframe.demo.headless;

import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.capture.FrameGrabber;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Writes grabbed frames as PNG files on a thread of its own: the render thread only copies the pixels. */
final class ScreenshotWriter {
    private final ExecutorService pngWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "screenshot-writer");
        t.setDaemon(true);
        return t;
    });

    /** Copies a grabbed frame ({@link FrameGrabber.Listener}'s BGRA bytes, bottom row first) and writes it later. */
    void write(ByteBuffer bgraBottomUp, int width, int height, Path file) {
        ByteBuffer copy = ByteBuffer.allocate(bgraBottomUp.remaining()).put(bgraBottomUp);
        copy.flip();
        pngWriter.execute(() -> {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            FrameGrabber.toImage(copy, width, height, image, new int[width]);
            try {
                ImageIo.writePngAtomically(image, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Waits up to a minute for the files asked for so far; no more can be asked for afterwards. */
    void finish() throws InterruptedException {
        pngWriter.shutdown();
        pngWriter.awaitTermination(60, TimeUnit.SECONDS);
    }

    /** Stops the writer thread once the files asked for are written. */
    void close() {
        pngWriter.shutdown();
    }
}
