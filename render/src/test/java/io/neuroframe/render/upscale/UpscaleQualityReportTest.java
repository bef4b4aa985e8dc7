package io.neuroframe.render.upscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpscaleQualityReportTest {
    @TempDir
    Path folder;

    @Test
    void boxHalvingAveragesEachTwoByTwoBlock() {
        RgbaImage image = new RgbaImage(4, 2);
        for (int x = 0; x < 4; x++) {
            image.data()[x * 4] = x;
            image.data()[(4 + x) * 4] = 10 + x;
        }
        RgbaImage half = UpscaleQualityReport.boxHalve(image);
        assertEquals(2, half.width());
        assertEquals(1, half.height());
        assertEquals((0 + 1 + 10 + 11) / 4f, half.data()[0], 1e-6f);
        assertEquals((2 + 3 + 12 + 13) / 4f, half.data()[4], 1e-6f);
    }

    @Test
    void tablesEveryPassAndBilinearLosesOnSmoothShapes() throws Exception {
        for (int i = 0; i < 2; i++) {
            BufferedImage frame = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = frame.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(40, 90, 160));
            g.fillRect(0, 0, 96, 64);
            g.setColor(new Color(230, 200, 60));
            g.fillOval(10 + 7 * i, 8, 50, 40);
            g.dispose();
            ImageIO.write(frame, "png", folder.resolve("frame" + i + ".png").toFile());
        }
        Files.writeString(folder.resolve("notes.txt"), "not a frame");

        List<Path> frames = UpscaleQualityReport.pngs(folder);
        assertEquals(2, frames.size(), "only PNG files count");
        List<UpscaleQualityReport.Score> scores = UpscaleQualityReport.measure(frames,
                UpscaleQualityReport.variants(Upscaler.DEFAULT_SHARPNESS));
        assertEquals(5, scores.size());
        double bilinear = scores.get(0).psnr();
        for (UpscaleQualityReport.Score s : scores) {
            assertTrue(Double.isFinite(s.psnr()) && s.ssim() > 0 && s.ssim() <= 1, s.toString());
            if (s.variant().kind() != Upscaler.BILINEAR) {
                assertTrue(s.psnr() > bilinear, s.variant().label() + " should beat bilinear: " + s.psnr() + " vs "
                        + bilinear);
            }
        }

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        UpscaleQualityReport.printTable(new PrintStream(text, true, StandardCharsets.UTF_8), folder, 2, scores);
        String table = text.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("| Lanczos (a = 3) |"), table);
        assertEquals(2 + 5, table.lines().filter(l -> l.startsWith("|")).count(), table);
    }

    @Test
    void choosesEvenlySpacedFramesAndRejectsAnEmptyFolder() throws Exception {
        List<Path> files = List.of(Path.of("a"), Path.of("b"), Path.of("c"), Path.of("d"));
        assertEquals(List.of(Path.of("a"), Path.of("c")), UpscaleQualityReport.choose(files, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UpscaleQualityReport.pngs(folder));
        assertTrue(e.getMessage().contains("no PNG"), e.getMessage());
    }
}
