package io.neuroframe.render.upscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.frame.RowOrder;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuUpscalerTest {

    private static RgbaImage image(int w, int h, PixelFunction f) {
        RgbaImage image = new RgbaImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 4; c++) {
                    image.data()[(y * w + x) * 4 + c] = f.value(x, y, c);
                }
            }
        }
        return image;
    }

    private interface PixelFunction {
        float value(int x, int y, int c);
    }

    private static RgbaImage upscale(Upscaler kind, RgbaImage source, int w, int h) {
        RgbaImage target = new RgbaImage(w, h);
        kind.newCpuUpscaler(Upscaler.DEFAULT_SHARPNESS).upscale(source, target);
        return target;
    }

    @Test
    void everyPassKeepsAFlatImageFlat() {
        // 8-bit levels, which the edge-adaptive path's RGBA8 intermediate keeps exactly
        RgbaImage flat = image(7, 5, (x, y, c) -> c == 3 ? 1f : (51 + 77 * c) / 255f);
        for (Upscaler kind : Upscaler.values()) {
            RgbaImage out = upscale(kind, flat, 19, 11);
            for (int i = 0; i < out.data().length; i++) {
                assertEquals(flat.data()[i % 4], out.data()[i], 1e-6f, kind + " at value " + i);
            }
        }
    }

    @Test
    void bilinearInterpolatesBetweenTexelCentresAndClampsAtEdges() {
        RgbaImage ramp = image(4, 1, (x, y, c) -> x / 3f);
        RgbaImage out = upscale(Upscaler.BILINEAR, ramp, 8, 1);
        // target centres map to -0.25, 0.25, 0.75, ... 3.25; outside the image the edge texel repeats
        float[] expected = {0f, 0.25f / 3, 0.75f / 3, 1.25f / 3, 1.75f / 3, 2.25f / 3, 2.75f / 3, 1f};
        for (int x = 0; x < 8; x++) {
            assertEquals(expected[x], out.data()[x * 4], 1e-6f, "pixel " + x);
        }
    }

    @Test
    void catmullRomAndLanczosReproduceALinearRampAwayFromTheBorder() {
        RgbaImage ramp = image(16, 16, (x, y, c) -> (x + 2 * y) / 64f);
        for (Upscaler kind : new Upscaler[] {Upscaler.BICUBIC, Upscaler.LANCZOS}) {
            RgbaImage out = upscale(kind, ramp, 32, 32);
            for (int y = 8; y < 24; y++) {
                for (int x = 8; x < 24; x++) {
                    float sx = (x + 0.5f) / 2 - 0.5f;
                    float sy = (y + 0.5f) / 2 - 0.5f;
                    float tolerance = kind == Upscaler.BICUBIC ? 1e-5f : 2e-3f;
                    assertEquals((sx + 2 * sy) / 64f, out.data()[(y * 32 + x) * 4], tolerance, kind + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void edgeAdaptivePassNeverOvershootsAStepEdge() {
        float dark = 26 / 255f;
        float bright = 230 / 255f;
        RgbaImage step = image(24, 24, (x, y, c) -> c == 3 ? 1f : (x + 0.6f * y > 14 ? bright : dark));
        for (Upscaler kind : Upscaler.values()) {
            RgbaImage out = upscale(kind, step, 48, 48);
            float lo = 1f;
            float hi = 0f;
            for (int i = 0; i < out.data().length; i += 4) {
                lo = Math.min(lo, out.data()[i]);
                hi = Math.max(hi, out.data()[i]);
            }
            if (kind == Upscaler.EDGE_ADAPTIVE || kind == Upscaler.BILINEAR) {
                assertTrue(lo >= dark - 1e-6f && hi <= bright + 1e-6f, kind + " range " + lo + ".." + hi);
            } else {
                assertTrue(lo < dark - 1e-3f || hi > bright + 1e-3f, kind + " has negative lobes and should ring");
            }
        }
    }

    @Test
    void sharpeningStaysInsideTheLocalRangeAndSteepensRamps() {
        Random random = new Random(3);
        RgbaImage noisy = image(32, 32, (x, y, c) -> c == 3 ? 1f : random.nextFloat());
        RgbaImage out = new RgbaImage(32, 32);
        new ContrastAdaptiveSharpener(1f).upscale(noisy, out);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                for (int c = 0; c < 3; c++) {
                    float lo = Math.min(noisy.clamped(x, y, c), Math.min(Math.min(noisy.clamped(x - 1, y, c),
                            noisy.clamped(x + 1, y, c)), Math.min(noisy.clamped(x, y - 1, c), noisy.clamped(x, y + 1, c))));
                    float hi = Math.max(noisy.clamped(x, y, c), Math.max(Math.max(noisy.clamped(x - 1, y, c),
                            noisy.clamped(x + 1, y, c)), Math.max(noisy.clamped(x, y - 1, c), noisy.clamped(x, y + 1, c))));
                    float v = out.data()[(y * 32 + x) * 4 + c];
                    assertTrue(v >= lo - 1e-6f && v <= hi + 1e-6f, "pixel " + x + "," + y + " channel " + c);
                }
            }
        }
        // a blurred step: 0, 0, 0.2, 0.5, 0.8, 1, 1 gets steeper
        float[] profile = {0f, 0f, 0.2f, 0.5f, 0.8f, 1f, 1f};
        RgbaImage ramp = image(7, 1, (x, y, c) -> c == 3 ? 1f : profile[x]);
        RgbaImage sharp = new RgbaImage(7, 1);
        new ContrastAdaptiveSharpener(1f).upscale(ramp, sharp);
        assertTrue(sharp.data()[2 * 4] < 0.2f && sharp.data()[4 * 4] > 0.8f, "ramp shoulders move apart");
        assertEquals(0.5f, sharp.data()[3 * 4], 1e-6f, "the middle of a straight ramp stays");
        new ContrastAdaptiveSharpener(0f).upscale(noisy, out);
        for (int i = 0; i < out.data().length; i++) {
            assertEquals(noisy.data()[i], out.data()[i], 0f, "sharpness 0 is the identity");
        }
    }

    @Test
    void rejectsSharpnessOutsideTheUnitRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Upscaler.EDGE_ADAPTIVE.newCpuUpscaler(1.5f));
        assertTrue(e.getMessage().contains("sharpness"), e.getMessage());
    }

    @Test
    void rgba8RoundTripsAndRoundsToTheNearestLevel() {
        ByteBuffer bytes = ByteBuffer.allocate(3 * 2 * 4);
        for (int i = 0; i < bytes.capacity(); i++) {
            bytes.put(i, (byte) (i * 37));
        }
        RgbaImage image = RgbaImage.fromRgba8(bytes, 3, 2, RowOrder.BOTTOM_UP);
        assertEquals((3 * 4 * 37 & 0xFF) / 255f, image.data()[0], 0f, "bottom-up: first memory row is the last image row");
        ByteBuffer back = ByteBuffer.allocate(bytes.capacity());
        image.writeRgba8(back, RowOrder.BOTTOM_UP);
        assertEquals(bytes, back);
        image.data()[0] = 0.5f / 255f + 1e-4f;
        image.data()[1] = Float.NaN;
        image.data()[2] = 2f;
        image.writeRgba8(back, RowOrder.TOP_DOWN);
        assertEquals(1, back.get(0));
        assertEquals(0, back.get(1));
        assertEquals((byte) 255, back.get(2));
    }

    @Test
    void materialPathsAndParameterNamesArePinned() {
        assertEquals("NeuroFrame/MatDefs/Upscale/Bilinear.j3md", Upscaler.BILINEAR.materialDefinition());
        assertEquals("NeuroFrame/MatDefs/Upscale/Bicubic.j3md", Upscaler.BICUBIC.materialDefinition());
        assertEquals("NeuroFrame/MatDefs/Upscale/Lanczos.j3md", Upscaler.LANCZOS.materialDefinition());
        assertEquals("NeuroFrame/MatDefs/Upscale/EdgeAdaptive.j3md", Upscaler.EDGE_ADAPTIVE.materialDefinition());
        assertEquals("NeuroFrame/MatDefs/Upscale/Sharpen.j3md", Upscaler.SHARPEN_MATERIAL);
        assertTrue(Upscaler.EDGE_ADAPTIVE.sharpens());
        assertEquals(0.5f, Upscaler.DEFAULT_SHARPNESS);
    }
}
