package io.neuroframe.render.upscale;

import io.neuroframe.api.frame.RowOrder;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

/**
 * A float RGBA image: values nominally in [0, 1], four interleaved channels per pixel, the top
 * row first. It is what the CPU upscalers read and write, and converts to and from RGBA8 bytes
 * (textures) and {@link BufferedImage}s (PNG files).
 */
public final class RgbaImage {
    private final int width;
    private final int height;
    private final float[] data;

    /** A black, transparent image of the given size. */
    public RgbaImage(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.data = new float[Math.multiplyExact(Math.multiplyExact(width, height), 4)];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixels, {@code data[(y * width + x) * 4 + channel]}, live (not a copy). */
    public float[] data() {
        return data;
    }

    /** Channel {@code c} (0 red .. 3 alpha) of pixel {@code (x, y)}, with x and y clamped to the image. */
    public float clamped(int x, int y, int c) {
        int cx = x < 0 ? 0 : (x >= width ? width - 1 : x);
        int cy = y < 0 ? 0 : (y >= height ? height - 1 : y);
        return data[(cy * width + cx) * 4 + c];
    }

    /** Reads RGBA8 bytes ({@code width * height * 4} from index 0) as values {@code byte / 255}. */
    public static RgbaImage fromRgba8(ByteBuffer rgba, int width, int height, RowOrder order) {
        RgbaImage image = new RgbaImage(width, height);
        image.readRgba8(rgba, order);
        return image;
    }

    /** Overwrites this image with RGBA8 bytes ({@code width * height * 4} from index 0). */
    public void readRgba8(ByteBuffer rgba, RowOrder order) {
        requireBytes(rgba);
        for (int y = 0; y < height; y++) {
            int in = rowIndex(y, order) * width * 4;
            int out = y * width * 4;
            for (int i = 0; i < width * 4; i++) {
                data[out + i] = (rgba.get(in + i) & 0xFF) / 255f;
            }
        }
    }

    /**
     * Writes this image as RGBA8 bytes: values are clamped to [0, 1] and rounded to the nearest
     * of the 256 levels (as a GPU writes a normalised 8-bit render target); NaN becomes 0.
     */
    public void writeRgba8(ByteBuffer rgba, RowOrder order) {
        requireBytes(rgba);
        for (int y = 0; y < height; y++) {
            int out = rowIndex(y, order) * width * 4;
            int in = y * width * 4;
            for (int i = 0; i < width * 4; i++) {
                rgba.put(out + i, (byte) toLevel(data[in + i]));
            }
        }
    }

    /** Rounds every value to the nearest 8-bit level in [0, 1], as storing the image in RGBA8 would. */
    public void quantizeToRgba8() {
        for (int i = 0; i < data.length; i++) {
            data[i] = toLevel(data[i]) / 255f;
        }
    }

    /** Reads any {@link BufferedImage} (alpha 1 where it has none). */
    public static RgbaImage fromImage(BufferedImage source) {
        RgbaImage image = new RgbaImage(source.getWidth(), source.getHeight());
        int[] row = new int[image.width];
        for (int y = 0; y < image.height; y++) {
            source.getRGB(0, y, image.width, 1, row, 0, image.width);
            for (int x = 0; x < image.width; x++) {
                int argb = row[x];
                int i = (y * image.width + x) * 4;
                image.data[i] = ((argb >>> 16) & 0xFF) / 255f;
                image.data[i + 1] = ((argb >>> 8) & 0xFF) / 255f;
                image.data[i + 2] = (argb & 0xFF) / 255f;
                image.data[i + 3] = (argb >>> 24) / 255f;
            }
        }
        return image;
    }

    /** This image as an 8-bit ARGB {@link BufferedImage}, rounded as by {@link #writeRgba8}. */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 4;
                row[x] = toLevel(data[i + 3]) << 24 | toLevel(data[i]) << 16 | toLevel(data[i + 1]) << 8
                        | toLevel(data[i + 2]);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    /** The colour channels as planar floats {@code (3, height, width)}, the layout the image metrics take. */
    public float[] toPlanarRgb() {
        int plane = width * height;
        float[] planar = new float[3 * plane];
        for (int p = 0; p < plane; p++) {
            planar[p] = data[p * 4];
            planar[plane + p] = data[p * 4 + 1];
            planar[2 * plane + p] = data[p * 4 + 2];
        }
        return planar;
    }

    static int toLevel(float v) {
        if (!(v > 0f)) {
            return 0;
        }
        if (v >= 1f) {
            return 255;
        }
        return (int) (v * 255f + 0.5f);
    }

    private int rowIndex(int y, RowOrder order) {
        return order == RowOrder.TOP_DOWN ? y : height - 1 - y;
    }

    private void requireBytes(ByteBuffer rgba) {
        long needed = (long) width * height * 4;
        if (rgba.limit() < needed) {
            throw new IllegalArgumentException("RGBA8 buffer for a " + width + "x" + height + " image needs " + needed
                    + " bytes, its limit is " + rgba.limit());
        }
    }
}
