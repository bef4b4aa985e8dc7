package io.neuroframe.demo.render;

import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.Texture2D;
import com.jme3.texture.image.ColorSpace;
import com.jme3.util.BufferUtils;
import io.neuroframe.demo.world.BlockTexture;
import java.nio.ByteBuffer;

/**
 * All block tiles painted into one RGBA8 sRGB texture of {@link BlockTexture#ATLAS_TILES_PER_SIDE} x
 * {@link BlockTexture#ATLAS_TILES_PER_SIDE} tiles of 16 pixels, sampled with nearest filtering for crisp pixels.
 * Tile (column, row) has row 0 at the top of the atlas; texture coordinate v grows upwards.
 */
public final class TextureAtlas {
    /** Atlas width and height in pixels. */
    public static final int SIZE = BlockTexture.ATLAS_TILES_PER_SIDE * BlockTexturePainter.TILE;

    private final int[] argb = new int[SIZE * SIZE];

    public TextureAtlas() {
        for (BlockTexture tile : BlockTexture.values()) {
            int[] pixels = BlockTexturePainter.paint(tile);
            int x0 = tile.atlasColumn() * BlockTexturePainter.TILE;
            int y0 = tile.atlasRow() * BlockTexturePainter.TILE;
            for (int y = 0; y < BlockTexturePainter.TILE; y++) {
                System.arraycopy(pixels, y * BlockTexturePainter.TILE, argb, (y0 + y) * SIZE + x0,
                        BlockTexturePainter.TILE);
            }
        }
    }

    /** The ARGB pixels of one tile, row 0 at the top (a copy). */
    public int[] tilePixels(BlockTexture tile) {
        int[] out = new int[BlockTexturePainter.TILE * BlockTexturePainter.TILE];
        int x0 = tile.atlasColumn() * BlockTexturePainter.TILE;
        int y0 = tile.atlasRow() * BlockTexturePainter.TILE;
        for (int y = 0; y < BlockTexturePainter.TILE; y++) {
            System.arraycopy(argb, (y0 + y) * SIZE + x0, out, y * BlockTexturePainter.TILE, BlockTexturePainter.TILE);
        }
        return out;
    }

    /** A new GPU texture of the atlas (sRGB, nearest filtering, no mipmaps). */
    public Texture2D createTexture() {
        ByteBuffer data = BufferUtils.createByteBuffer(SIZE * SIZE * 4);
        // OpenGL images start at the bottom row
        for (int y = SIZE - 1; y >= 0; y--) {
            for (int x = 0; x < SIZE; x++) {
                int c = argb[y * SIZE + x];
                data.put((byte) (c >> 16)).put((byte) (c >> 8)).put((byte) c).put((byte) (c >>> 24));
            }
        }
        data.flip();
        Image image = new Image(Image.Format.RGBA8, SIZE, SIZE, data, ColorSpace.sRGB);
        Texture2D texture = new Texture2D(image);
        texture.setMagFilter(Texture.MagFilter.Nearest);
        texture.setMinFilter(Texture.MinFilter.NearestNoMipMaps);
        texture.setWrap(Texture.WrapMode.EdgeClamp);
        return texture;
    }
}
