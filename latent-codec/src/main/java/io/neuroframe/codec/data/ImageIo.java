package io.neuroframe.codec.data;

import io.neuroframe.api.LatentContract;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * PNG frames to and from the codec's planar float layout: {@code (3, 360, 640)}, channel-major, values in [0, 1],
 * index {@link LatentContract#imageIndex(int, int, int)}.
 */
public final class ImageIo {
    private ImageIo() {
    }

    /** Reads a 640x360 PNG as a new planar RGB array. */
    public static float[] readPlanarRgb(Path png) throws IOException {
        float[] dst = new float[LatentContract.IMAGE_FLOATS];
        readPlanarRgb(png, dst);
        return dst;
    }

    /**
     * Reads a 640x360 PNG into {@code dst} (length {@link LatentContract#IMAGE_FLOATS}).
     *
     * @throws IOException naming the file when it is missing, unreadable, truncated or not 640x360
     */
    public static void readPlanarRgb(Path png, float[] dst) throws IOException {
        if (!Files.isRegularFile(png)) {
            throw new NoSuchFileException(png.toString(), null, "image file not found");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(png.toFile());
        } catch (IOException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException(png + ": unreadable or truncated image (" + e.getMessage()
                    + (cause != e ? ": " + cause : "") + ")", e);
        }
        if (image == null) {
            throw new IOException(png + ": not a readable image");
        }
        if (image.getWidth() != LatentContract.IMAGE_WIDTH || image.getHeight() != LatentContract.IMAGE_HEIGHT) {
            throw new IOException(png + ": expected " + LatentContract.IMAGE_WIDTH + "x" + LatentContract.IMAGE_HEIGHT
                    + " pixels, got " + image.getWidth() + "x" + image.getHeight());
        }
        toPlanarRgb(image, dst);
    }

    /** Converts a 640x360 image to planar RGB in [0, 1] in {@code dst}. */
    public static void toPlanarRgb(BufferedImage image, float[] dst) {
        int w = LatentContract.IMAGE_WIDTH;
        int h = LatentContract.IMAGE_HEIGHT;
        if (image.getWidth() != w || image.getHeight() != h) {
            throw new IllegalArgumentException("expected a " + w + "x" + h + " image, got "
                    + image.getWidth() + "x" + image.getHeight());
        }
        if (dst.length != LatentContract.IMAGE_FLOATS) {
            throw new IllegalArgumentException("destination must hold " + LatentContract.IMAGE_FLOATS
                    + " floats, got " + dst.length);
        }
        int[] row = new int[w];
        int plane = w * h;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                dst[base + x] = ((argb >>> 16) & 0xFF) / 255f;
                dst[plane + base + x] = ((argb >>> 8) & 0xFF) / 255f;
                dst[2 * plane + base + x] = (argb & 0xFF) / 255f;
            }
        }
    }

    /** Converts planar RGB in [0, 1] (values outside are clamped) to a 640x360 RGB image. */
    public static BufferedImage fromPlanarRgb(float[] src) {
        if (src.length != LatentContract.IMAGE_FLOATS) {
            throw new IllegalArgumentException("source must hold " + LatentContract.IMAGE_FLOATS
                    + " floats, got " + src.length);
        }
        int w = LatentContract.IMAGE_WIDTH;
        int h = LatentContract.IMAGE_HEIGHT;
        int plane = w * h;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            int base = y * w;
            for (int x = 0; x < w; x++) {
                row[x] = (toByte(src[base + x]) << 16) | (toByte(src[plane + base + x]) << 8)
                        | toByte(src[2 * plane + base + x]);
            }
            image.setRGB(0, y, w, 1, row, 0, w);
        }
        return image;
    }

    private static int toByte(float v) {
        float c = Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
        return Math.round(c * 255f);
    }

    /**
     * Writes a PNG so that {@code target} either does not exist or is complete: the image goes to a temporary file
     * beside it ({@code name.tmp}) that is then moved into place atomically.
     */
    public static void writePngAtomically(BufferedImage image, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve(target.getFileName() + ".tmp");
        if (!ImageIO.write(image, "png", temp.toFile())) {
            throw new IOException("no PNG writer available for " + target);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
