package io.neuroframe.api.frame;

import static io.neuroframe.api.LatentContract.IMAGE_FLOATS;
import static io.neuroframe.api.LatentContract.IMAGE_HEIGHT;
import static io.neuroframe.api.LatentContract.IMAGE_WIDTH;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Converts between the codec's planar RGB floats ({@code (3, 360, 640)} in [0, 1]) and RGBA8
 * bytes for textures ({@code 640 x 360 x 4}, alpha 255). Packing clamps to [0, 1], maps NaN to
 * 0 and rounds to the nearest byte. Both directions use absolute indices (positions are neither
 * read nor changed) and allocate nothing.
 */
public final class RgbaPacker {
    /** Bytes in one packed frame. */
    public static final int RGBA_BYTES = IMAGE_WIDTH * IMAGE_HEIGHT * 4;

    private static final int PLANE = IMAGE_WIDTH * IMAGE_HEIGHT;

    private RgbaPacker() {
    }

    /**
     * Packs a planar image into RGBA8.
     *
     * @param planar at least {@link io.neuroframe.api.LatentContract#IMAGE_FLOATS} floats from index 0
     * @param rgba at least {@link #RGBA_BYTES} bytes from index 0
     */
    public static void pack(FloatBuffer planar, ByteBuffer rgba, RowOrder order) {
        requireCapacity(planar, rgba);
        boolean littleEndian = rgba.order() == ByteOrder.LITTLE_ENDIAN;
        for (int y = 0; y < IMAGE_HEIGHT; y++) {
            int outRow = order == RowOrder.TOP_DOWN ? y : IMAGE_HEIGHT - 1 - y;
            int in = y * IMAGE_WIDTH;
            int out = outRow * IMAGE_WIDTH * 4;
            for (int x = 0; x < IMAGE_WIDTH; x++, in++, out += 4) {
                int r = toByte(planar.get(in));
                int g = toByte(planar.get(PLANE + in));
                int b = toByte(planar.get(2 * PLANE + in));
                rgba.putInt(out, littleEndian ? 0xFF000000 | b << 16 | g << 8 | r : r << 24 | g << 16 | b << 8 | 0xFF);
            }
        }
    }

    /**
     * Unpacks RGBA8 (alpha ignored) into a planar image with values {@code byte / 255}; the engine
     * uses it to hand its own render to an encoder.
     */
    public static void unpack(ByteBuffer rgba, RowOrder order, FloatBuffer planar) {
        requireCapacity(planar, rgba);
        for (int y = 0; y < IMAGE_HEIGHT; y++) {
            int inRow = order == RowOrder.TOP_DOWN ? y : IMAGE_HEIGHT - 1 - y;
            int in = inRow * IMAGE_WIDTH * 4;
            int out = y * IMAGE_WIDTH;
            for (int x = 0; x < IMAGE_WIDTH; x++, in += 4, out++) {
                planar.put(out, (rgba.get(in) & 0xFF) / 255f);
                planar.put(PLANE + out, (rgba.get(in + 1) & 0xFF) / 255f);
                planar.put(2 * PLANE + out, (rgba.get(in + 2) & 0xFF) / 255f);
            }
        }
    }

    /** [0, 1] to 0..255, rounded; NaN and negatives to 0. */
    private static int toByte(float v) {
        if (!(v > 0f)) {
            return 0;
        }
        if (v >= 1f) {
            return 0xFF;
        }
        return (int) (v * 255f + 0.5f);
    }

    private static void requireCapacity(FloatBuffer planar, ByteBuffer rgba) {
        if (planar.limit() < IMAGE_FLOATS) {
            throw new IllegalArgumentException("planar image: expected " + IMAGE_FLOATS + " floats, limit is "
                    + planar.limit());
        }
        if (rgba.limit() < RGBA_BYTES) {
            throw new IllegalArgumentException("rgba: expected " + RGBA_BYTES + " bytes, limit is " + rgba.limit());
        }
    }
}
