package io.neuroframe.shaders;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.material.Material;
import com.jme3.math.Vector2f;
import com.jme3.texture.Texture2D;
import io.neuroframe.render.upscale.RgbaImage;
import io.neuroframe.render.upscale.Upscaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Renders every upscaling pass with real OpenGL (jME, LWJGL 3; Mesa under a virtual display in CI)
 * from 640 x 360 to 1280 x 720 and compares it with its CPU reference. The GPU outputs are written
 * to {@code target/upscale-gl/} for inspection.
 */
@Tag("gl")
class UpscalePassesGlTest {
    private static final int TARGET_WIDTH = 1280;
    private static final int TARGET_HEIGHT = 720;
    private static final double TOLERANCE = 2.0 / 255;

    private static GlRig gl;
    private static RgbaImage source;
    private static Texture2D sourceTexture;
    private static final Map<Upscaler, RgbaImage> references = new EnumMap<>(Upscaler.class);

    @BeforeAll
    static void start() throws Exception {
        source = RgbaImage.fromImage(TestImages.fixture());
        for (Upscaler kind : Upscaler.values()) {
            RgbaImage reference = new RgbaImage(TARGET_WIDTH, TARGET_HEIGHT);
            kind.newCpuUpscaler(Upscaler.DEFAULT_SHARPNESS).upscale(source, reference);
            references.put(kind, reference);
        }
        gl = GlRig.start();
        sourceTexture = gl.call(() -> OffscreenPass.texture(source));
    }

    @AfterAll
    static void stop() {
        if (gl != null) {
            gl.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Upscaler.class)
    void gpuPassMatchesItsCpuReference(Upscaler kind) throws Exception {
        RgbaImage gpu = renderOnGpu(kind);
        writePng(gpu, kind.name().toLowerCase() + "-gpu.png");

        double own = meanAbsoluteDifference(gpu, references.get(kind));
        System.out.printf("%s: GPU vs CPU reference, mean |difference| %.4f/255, largest %.0f/255%n", kind, own * 255,
                largestDifference(gpu, references.get(kind)) * 255);
        assertTrue(own <= TOLERANCE, kind + ": mean absolute difference to the CPU reference is " + own * 255
                + "/255, allowed 2/255");
        for (Upscaler other : Upscaler.values()) {
            if (other != kind) {
                double theirs = meanAbsoluteDifference(gpu, references.get(other));
                assertTrue(own < theirs, kind + " on the GPU should be closest to its own reference: " + own * 255
                        + "/255 against " + other + "'s " + theirs * 255 + "/255");
            }
        }
    }

    @Test
    void everyUpscalingMaterialCompilesAndLinks() throws Exception {
        for (Upscaler kind : Upscaler.values()) {
            ShaderProbe.Result result = probe(kind.materialDefinition());
            assertTrue(result.compiled(), kind + ": " + result.problem());
        }
        ShaderProbe.Result sharpen = probe(Upscaler.SHARPEN_MATERIAL);
        assertTrue(sharpen.compiled(), sharpen.problem());
    }

    @Test
    void aShaderThatFailsToCompileIsReportedNotThrown() throws Exception {
        ShaderProbe.Result result = probe("NeuroFrame/Test/Broken.j3md");
        assertFalse(result.compiled());
        assertTrue(result.problem().contains("Broken.frag"), result.problem());
        // the application keeps rendering afterwards
        assertTrue(probe(Upscaler.BILINEAR.materialDefinition()).compiled());
    }

    @Test
    void aMissingMaterialDefinitionIsReportedByName() throws Exception {
        ShaderProbe.Result result = probe("NeuroFrame/MatDefs/Upscale/Nowhere.j3md");
        assertFalse(result.compiled());
        assertTrue(result.problem().contains("Nowhere.j3md"), result.problem());
    }

    private static ShaderProbe.Result probe(String definition) throws Exception {
        return gl.call(() -> ShaderProbe.probe(gl.app().getAssetManager(), gl.app().getRenderManager(), definition));
    }

    /** Sets the pass up, lets one frame render it, reads it back and removes it. */
    private static RgbaImage renderOnGpu(Upscaler kind) throws Exception {
        OffscreenPass[] passes = gl.call(() -> {
            var assets = gl.app().getAssetManager();
            Material upscale = new Material(assets, kind.materialDefinition());
            upscale.setTexture(Upscaler.PARAM_SOURCE, sourceTexture);
            upscale.setVector2(Upscaler.PARAM_SOURCE_SIZE, new Vector2f(source.width(), source.height()));
            upscale.setVector2(Upscaler.PARAM_TARGET_SIZE, new Vector2f(TARGET_WIDTH, TARGET_HEIGHT));
            OffscreenPass first = new OffscreenPass(gl.app().getRenderManager(), upscale, TARGET_WIDTH, TARGET_HEIGHT);
            if (!kind.sharpens()) {
                return new OffscreenPass[] {first};
            }
            Material sharpen = new Material(assets, Upscaler.SHARPEN_MATERIAL);
            sharpen.setTexture(Upscaler.PARAM_SOURCE, first.output());
            sharpen.setVector2(Upscaler.PARAM_SOURCE_SIZE, new Vector2f(TARGET_WIDTH, TARGET_HEIGHT));
            sharpen.setFloat(Upscaler.PARAM_SHARPNESS, Upscaler.DEFAULT_SHARPNESS);
            return new OffscreenPass[] {first,
                new OffscreenPass(gl.app().getRenderManager(), sharpen, TARGET_WIDTH, TARGET_HEIGHT)};
        });
        gl.awaitFrames(2);
        return gl.call(() -> {
            RgbaImage result = passes[passes.length - 1].read();
            for (OffscreenPass pass : passes) {
                pass.dispose();
            }
            return result;
        });
    }

    /** Mean over all pixels and colour channels of |a - b|, in [0, 1]. */
    static double meanAbsoluteDifference(RgbaImage a, RgbaImage b) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < a.data().length; i++) {
            if (i % 4 != 3) {
                sum += Math.abs(a.data()[i] - b.data()[i]);
                count++;
            }
        }
        return sum / count;
    }

    private static double largestDifference(RgbaImage a, RgbaImage b) {
        double largest = 0;
        for (int i = 0; i < a.data().length; i++) {
            largest = Math.max(largest, Math.abs(a.data()[i] - b.data()[i]));
        }
        return largest;
    }

    private static void writePng(RgbaImage image, String name) throws IOException {
        Path folder = Path.of("target", "upscale-gl");
        Files.createDirectories(folder);
        ImageIO.write(image.toImage(), "png", folder.resolve(name).toFile());
    }
}
