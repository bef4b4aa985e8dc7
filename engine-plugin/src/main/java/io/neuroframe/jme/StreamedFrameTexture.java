package io.neuroframe.jme;

import com.jme3.renderer.Renderer;
import com.jme3.renderer.opengl.GLRenderer;
import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.Texture2D;
import com.jme3.texture.image.ColorSpace;
import com.jme3.util.BufferUtils;
import java.nio.ByteBuffer;

/**
 * A GPU texture that shows a stream of RGBA8 frames of one fixed size.
 *
 * <p>The texture is allocated on the GPU once; each new frame is copied into it with
 * {@code glTexSubImage2D} straight from the caller's buffer ({@link #show} then
 * {@link #upload}), so streaming allocates nothing per frame on either side. Frame buffers hold
 * rows bottom-up, as GL expects, and sRGB-encoded colour.
 */
public final class StreamedFrameTexture {
    private final int width;
    private final int height;
    private final Texture2D texture;
    private final Image frame;
    private boolean pending;

    /** Creates a {@code width x height} texture, initially black. */
    public StreamedFrameTexture(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        ByteBuffer black = BufferUtils.createByteBuffer(width * height * 4);
        this.texture = new Texture2D(new Image(Image.Format.RGBA8, width, height, black, ColorSpace.sRGB));
        texture.setMinFilter(Texture.MinFilter.NearestNoMipMaps);
        texture.setMagFilter(Texture.MagFilter.Nearest);
        texture.setWrap(Texture.WrapMode.EdgeClamp);
        this.frame = new Image(Image.Format.RGBA8, width, height, black, ColorSpace.sRGB);
    }

    /** The texture to bind in materials. */
    public Texture2D texture() {
        return texture;
    }

    /** Frame width in pixels. */
    public int width() {
        return width;
    }

    /** Frame height in pixels. */
    public int height() {
        return height;
    }

    /**
     * Makes {@code rgba} the next content; it is copied to the GPU by {@link #upload}. The buffer
     * must hold exactly {@code width * height * 4} bytes and stay unchanged until then.
     */
    public void show(ByteBuffer rgba) {
        if (rgba.capacity() != width * height * 4) {
            throw new IllegalArgumentException("frame holds " + rgba.capacity() + " bytes, expected "
                    + (width * height * 4) + " for " + width + "x" + height + " RGBA8");
        }
        frame.setData(0, rgba);
        pending = true;
    }

    /** Copies the frame given to {@link #show} into the texture now; does nothing if none is pending. */
    public void upload(Renderer renderer) {
        if (!pending) {
            return;
        }
        if (!(renderer instanceof GLRenderer gl)) {
            throw new IllegalStateException("streaming frames needs jME's OpenGL renderer, not "
                    + renderer.getClass().getName());
        }
        gl.modifyTexture(texture, frame, 0, 0, 0, 0, width, height);
        pending = false;
    }

    /** Releases the GPU texture (deleted by the renderer at its next frame); the object may not be used afterwards. */
    public void dispose() {
        texture.getImage().dispose();
    }
}
