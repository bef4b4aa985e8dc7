package io.neuroframe.adapter.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFiguresTest {
    @TempDir
    Path dir;

    @Test
    void sweepHeatMapDrawsCellsAtTheTopOfItsRange() throws IOException {
        // Ten cells at the largest value and one below: the first full-protocol report failed on this with
        // XChart's own colour range (an index past its colour array).
        double[][] percent = {{-0.0, -0.0, -0.0}, {-0.0, -0.0, -0.0}, {-0.0, -0.0, Double.NaN}, {-0.0, -0.0, -0.9}};
        Path file = dir.resolve("sweep.png");
        ReportFigures.sweepHeatMap(new double[] {0.5, 1, 2, 4}, new float[] {0.25f, 1, 4}, percent, file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(700, image.getWidth());
        assertEquals(520, image.getHeight());
    }
}
