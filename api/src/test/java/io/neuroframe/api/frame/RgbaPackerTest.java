package io.neuroframe.api.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neuroframe.api.LatentContract;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class RgbaPackerTest {

    private static FloatBuffer planar() {
        return FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
    }

    @Test
    void packsClampsAndRoundsWithOpaqueAlpha() {
        FloatBuffer image = planar();
        image.put(LatentContract.imageIndex(0, 0, 0), 1.5f);
        image.put(LatentContract.imageIndex(1, 0, 0), Float.NaN);
        image.put(LatentContract.imageIndex(2, 0, 0), 0.5f);
        image.put(LatentContract.imageIndex(0, 0, 1), -0.2f);
        ByteBuffer rgba = ByteBuffer.allocate(RgbaPacker.RGBA_BYTES);
        RgbaPacker.pack(image, rgba, RowOrder.TOP_DOWN);
        assertEquals(255, rgba.get(0) & 0xFF);
        assertEquals(0, rgba.get(1) & 0xFF, "NaN packs to 0");
        assertEquals(128, rgba.get(2) & 0xFF, "0.5 rounds to 128");
        assertEquals(255, rgba.get(3) & 0xFF);
        assertEquals(0, rgba.get(4) & 0xFF);
    }

    @Test
    void packedBytesDoNotDependOnTheBufferByteOrder() {
        FloatBuffer image = planar();
        for (int i = 0; i < LatentContract.IMAGE_FLOATS; i++) {
            image.put(i, ((i * 13) % 256) / 255f);
        }
        ByteBuffer big = ByteBuffer.allocate(RgbaPacker.RGBA_BYTES).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer little = ByteBuffer.allocateDirect(RgbaPacker.RGBA_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        RgbaPacker.pack(image, big, RowOrder.TOP_DOWN);
        RgbaPacker.pack(image, little, RowOrder.TOP_DOWN);
        assertEquals(big.rewind(), little.rewind());
        assertEquals((13 % 256), big.get(4) & 0xFF, "red of pixel 1");
    }

    @Test
    void bottomUpPutsTheTopRowLast() {
        FloatBuffer image = planar();
        image.put(LatentContract.imageIndex(0, 0, 0), 1f);
        ByteBuffer rgba = ByteBuffer.allocate(RgbaPacker.RGBA_BYTES);
        RgbaPacker.pack(image, rgba, RowOrder.BOTTOM_UP);
        int lastRow = (LatentContract.IMAGE_HEIGHT - 1) * LatentContract.IMAGE_WIDTH * 4;
        assertEquals(255, rgba.get(lastRow) & 0xFF);
        assertEquals(0, rgba.get(0) & 0xFF);
    }

    @Test
    void unpackInvertsPackForByteValues() {
        FloatBuffer image = planar();
        for (int i = 0; i < LatentContract.IMAGE_FLOATS; i++) {
            image.put(i, ((i * 31) % 256) / 255f);
        }
        ByteBuffer rgba = ByteBuffer.allocate(RgbaPacker.RGBA_BYTES);
        RgbaPacker.pack(image, rgba, RowOrder.BOTTOM_UP);
        FloatBuffer back = planar();
        RgbaPacker.unpack(rgba, RowOrder.BOTTOM_UP, back);
        for (int i = 0; i < LatentContract.IMAGE_FLOATS; i++) {
            assertEquals(image.get(i), back.get(i), 1e-6f, "float " + i);
        }
    }

    @Test
    void rejectsShortBuffersNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RgbaPacker.pack(planar(), ByteBuffer.allocate(16), RowOrder.TOP_DOWN));
        assertEquals("rgba: expected " + RgbaPacker.RGBA_BYTES + " bytes, limit is 16", e.getMessage());
    }
}
