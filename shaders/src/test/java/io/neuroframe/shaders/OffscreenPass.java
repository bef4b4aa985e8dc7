package io.neuroframe.shaders;

import com.jme3.material.Material;
import com.jme3.renderer.Camera;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.texture.FrameBuffer;
import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.Texture2D;
import com.jme3.ui.Picture;
import com.jme3.util.BufferUtils;
import io.neuroframe.api.frame.RowOrder;
import io.neuroframe.render.upscale.RgbaImage;
import java.nio.ByteBuffer;

/**
 * Draws one material over a {@code width x height} RGBA8 render texture every frame, in a pre
 * view (pre views render in creation order, so one pass can read the previous pass's texture).
 * Use on the render thread.
 */
final class OffscreenPass {
    private final RenderManager renderManager;
    private final ViewPort view;
    private final FrameBuffer frameBuffer;
    private final Texture2D output;

    OffscreenPass(RenderManager renderManager, Material material, int width, int height) {
        this.renderManager = renderManager;
        output = nearest(new Texture2D(width, height, Image.Format.RGBA8));
        frameBuffer = new FrameBuffer(width, height, 1);
        frameBuffer.addColorTarget(FrameBuffer.FrameBufferTarget.newTarget(output));
        view = renderManager.createPreView("upscale pass", new Camera(width, height));
        view.setClearFlags(true, true, true);
        view.setOutputFrameBuffer(frameBuffer);
        Picture picture = new Picture("upscale pass");
        picture.setWidth(width);
        picture.setHeight(height);
        picture.setMaterial(material);
        Node scene = new Node("upscale pass");
        scene.setCullHint(Spatial.CullHint.Never);
        scene.attachChild(picture);
        scene.updateGeometricState();
        view.attachScene(scene);
    }

    Texture2D output() {
        return output;
    }

    /** Reads the rendered texture back (as BGRA8, the format jME converts reliably) into an image. */
    RgbaImage read() {
        int width = frameBuffer.getWidth();
        int height = frameBuffer.getHeight();
        ByteBuffer bgra = BufferUtils.createByteBuffer(width * height * 4);
        renderManager.getRenderer().readFrameBufferWithFormat(frameBuffer, bgra, Image.Format.BGRA8);
        for (int i = 0; i < bgra.capacity(); i += 4) {
            byte blue = bgra.get(i);
            bgra.put(i, bgra.get(i + 2));
            bgra.put(i + 2, blue);
        }
        return RgbaImage.fromRgba8(bgra, width, height, RowOrder.BOTTOM_UP);
    }

    void dispose() {
        renderManager.removePreView(view);
        frameBuffer.dispose();
        output.getImage().dispose();
    }

    /** A texture holding {@code image} (uploaded bottom row first, as GL expects), nearest filtering. */
    static Texture2D texture(RgbaImage image) {
        ByteBuffer rgba = BufferUtils.createByteBuffer(image.width() * image.height() * 4);
        image.writeRgba8(rgba, RowOrder.BOTTOM_UP);
        return nearest(new Texture2D(new Image(Image.Format.RGBA8, image.width(), image.height(), rgba,
                com.jme3.texture.image.ColorSpace.Linear)));
    }

    private static Texture2D nearest(Texture2D texture) {
        texture.setMinFilter(Texture.MinFilter.NearestNoMipMaps);
        texture.setMagFilter(Texture.MagFilter.Nearest);
        texture.setWrap(Texture.WrapMode.EdgeClamp);
        return texture;
    }
}
