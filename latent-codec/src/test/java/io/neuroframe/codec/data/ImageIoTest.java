package io.neuroframe.codec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageIoTest {

    @Test
    void pngRoundTripsAsPlanarRgb(@TempDir Path dir) throws IOException {
        float[] planar = new float[LatentContract.IMAGE_FLOATS];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < LatentContract.IMAGE_HEIGHT; y++) {
                for (int x = 0; x < LatentContract.IMAGE_WIDTH; x++) {
                    planar[LatentContract.imageIndex(c, y, x)] = ((x * (c + 1) + y * 3) % 256) / 255f;
                }
            }
        }
        Path png = dir.resolve("a/b/frame.png");
        ImageIo.writePngAtomically(ImageIo.fromPlanarRgb(planar), png);
        assertFalse(Files.exists(dir.resolve("a/b/frame.png.tmp")));
        assertArrayEquals(planar, ImageIo.readPlanarRgb(png), 1e-6f);
        assertEquals(2 / 255f, planar[LatentContract.imageIndex(1, 0, 1)], 1e-6f);
    }

    @Test
    void rejectsAnImageOfTheWrongSize(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("small.png");
        javax.imageio.ImageIO.write(new BufferedImage(32, 18, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        IOException e = assertThrows(IOException.class, () -> ImageIo.readPlanarRgb(png));
        assertTrue(e.getMessage().contains("small.png") && e.getMessage().contains("640x360"), e.getMessage());
    }

    @Test
    void aMissingImageIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("frames/meadow/000003.png");
        IOException e = assertThrows(IOException.class, () -> ImageIo.readPlanarRgb(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void aTruncatedPngIsNamedInsteadOfReadingAsAPartialFrame(@TempDir Path dir) throws IOException {
        float[] planar = new float[LatentContract.IMAGE_FLOATS];
        for (int i = 0; i < planar.length; i++) {
            planar[i] = (i * 7919 % 256) / 255f;
        }
        Path png = dir.resolve("frame.png");
        ImageIo.writePngAtomically(ImageIo.fromPlanarRgb(planar), png);
        byte[] bytes = Files.readAllBytes(png);
        Files.write(png, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> ImageIo.readPlanarRgb(png));
        assertTrue(e.getMessage().startsWith(png + ": unreadable or truncated image"), e.getMessage());
    }

    @Test
    void rejectsAFileThatIsNotAnImage(@TempDir Path dir) throws IOException {
        Path bogus = dir.resolve("bogus.png");
        Files.writeString(bogus, "not a png");
        IOException e = assertThrows(IOException.class, () -> ImageIo.readPlanarRgb(bogus));
        assertTrue(e.getMessage().contains("bogus.png"), e.getMessage());
    }
}
