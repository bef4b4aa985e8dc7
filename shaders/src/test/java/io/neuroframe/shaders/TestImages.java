package io.neuroframe.shaders;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The synthetic test image the GL tests upscale: 640 x 360 with smooth gradients, a zone plate,
 * hard and anti-aliased edges at many angles, thin lines, checkerboards and seeded noise. The
 * committed fixture {@value #FIXTURE} was written by {@link #main}.
 */
final class TestImages {
    static final String FIXTURE = "NeuroFrame/Test/upscale-source.png";

    private TestImages() {
    }

    /** Loads the committed fixture from the test classpath. */
    static BufferedImage fixture() {
        try (InputStream in = TestImages.class.getClassLoader().getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException("test fixture " + FIXTURE + " is not on the classpath");
            }
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test fixture " + FIXTURE, e);
        }
    }

    /** Draws the test image. */
    static BufferedImage draw(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 60, 160), width, height, new Color(240, 200, 90)));
        g.fillRect(0, 0, width, height);

        // zone plate: rings whose frequency rises with the radius
        int cx = width / 6;
        int cy = height / 2;
        int radius = Math.min(width / 6, height / 2) - 4;
        for (int y = cy - radius; y < cy + radius; y++) {
            for (int x = cx - radius; x < cx + radius; x++) {
                double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                if (r2 < radius * radius) {
                    int v = (int) Math.round(127.5 + 127.5 * Math.cos(r2 * Math.PI / (2.5 * radius)));
                    image.setRGB(x, y, v << 16 | v << 8 | v);
                }
            }
        }

        // lines at many angles, hard-edged then anti-aliased
        for (int aa = 0; aa < 2; aa++) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                    aa == 0 ? RenderingHints.VALUE_ANTIALIAS_OFF : RenderingHints.VALUE_ANTIALIAS_ON);
            double ox = width * 0.42;
            double oy = height * (aa == 0 ? 0.27 : 0.73);
            for (int i = 0; i < 12; i++) {
                double angle = Math.PI * i / 12;
                g.setStroke(new BasicStroke(1 + i % 3));
                g.setColor(i % 2 == 0 ? Color.WHITE : new Color(20, 20, 20));
                g.draw(new Line2D.Double(ox, oy, ox + 80 * Math.cos(angle), oy - 80 * Math.sin(angle)));
            }
            g.setColor(new Color(200, 30, 40));
            g.fill(new Ellipse2D.Double(width * 0.55, height * (aa == 0 ? 0.08 : 0.55), 70, 55));
        }

        // checkerboards of 1, 2, 3 and 5 pixel squares
        int[] sizes = {1, 2, 3, 5};
        for (int s = 0; s < sizes.length; s++) {
            int x0 = (int) (width * 0.70) + s * 48;
            int y0 = 20;
            for (int y = 0; y < 60; y++) {
                for (int x = 0; x < 40; x++) {
                    boolean on = ((x / sizes[s]) + (y / sizes[s])) % 2 == 0;
                    image.setRGB(x0 + x, y0 + y, on ? 0xF0F0F0 : 0x101830);
                }
            }
        }

        // seeded colour noise and a smooth hue ramp
        Random random = new Random(20261123);
        for (int y = 100; y < 200; y++) {
            for (int x = (int) (width * 0.70); x < width - 12; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        for (int y = 220; y < height - 12; y++) {
            for (int x = (int) (width * 0.70); x < width - 12; x++) {
                float hue = (x - width * 0.70f) / (width * 0.30f);
                image.setRGB(x, y, Color.HSBtoRGB(hue, 0.8f, 0.3f + 0.7f * (y - 220) / (height - 232f)));
            }
        }
        g.dispose();
        return image;
    }

    /** Writes the fixture: {@code TestImages <path to upscale-source.png>}. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(draw(640, 360), "png", out.toFile());
    }
}
