package io.neuroframe.games;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.codec.data.ManifestWriter;
import io.neuroframe.codec.data.Split;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearDuplicateCheckTest {

    /** Writes a frame of coarse random blocks (a different picture for every seed) and its manifest row. */
    private static void writeFrame(Path dir, ManifestWriter manifest, String trajectory, int frame, Split split,
                                   long seed) throws Exception {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        for (int by = 0; by < 18; by++) {
            for (int bx = 0; bx < 32; bx++) {
                int rgb = random.nextInt(0x1000000);
                for (int y = by * 20; y < by * 20 + 20; y++) {
                    for (int x = bx * 20; x < bx * 20 + 20; x++) {
                        image.setRGB(x, y, rgb);
                    }
                }
            }
        }
        String file = String.format("frames/atrium/%s/%06d.png", trajectory, frame);
        ImageIo.writePngAtomically(image, dir.resolve(file));
        manifest.append(new DatasetFrame(file, "atrium", 1, trajectory, frame, split, OasisAction.NONE,
                new CameraPose(0, 0, 0, 0, 0)));
    }

    private static void writeDataset(Path dir) throws Exception {
        try (ManifestWriter manifest = ManifestWriter.open(dir)) {
            for (int f = 0; f < 3; f++) {
                writeFrame(dir, manifest, "atrium-000", f, Split.TRAIN, f);
            }
            for (int f = 0; f < 2; f++) {
                writeFrame(dir, manifest, "atrium-001", f, Split.VALIDATION, 100 + f);
            }
        }
    }

    @Test
    void acceptsValidationFramesThatDifferFromEveryTrainingFrame(@TempDir Path dir) throws Exception {
        writeDataset(dir);
        Map<String, NearDuplicateCheck.Closest> closest = NearDuplicateCheck.verify(DatasetManifest.read(dir));
        assertEquals(1, closest.size());
        assertTrue(closest.get("atrium").distance() > NearDuplicateCheck.MIN_DISTANCE, closest.toString());
    }

    @Test
    void rejectsAValidationFrameThatDuplicatesATrainingFrame(@TempDir Path dir) throws Exception {
        writeDataset(dir);
        Files.copy(dir.resolve("frames/atrium/atrium-000/000002.png"), dir.resolve("frames/atrium/atrium-001/000001.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NearDuplicateCheck.verify(DatasetManifest.read(dir)));
        assertTrue(e.getMessage().contains("frames/atrium/atrium-001/000001.png")
                && e.getMessage().contains("frames/atrium/atrium-000/000002.png"), e.getMessage());
    }

    @Test
    void refusesAGameWithoutValidationFrames(@TempDir Path dir) throws Exception {
        try (ManifestWriter manifest = ManifestWriter.open(dir)) {
            writeFrame(dir, manifest, "atrium-000", 0, Split.TRAIN, 1);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NearDuplicateCheck.verify(DatasetManifest.read(dir)));
        assertTrue(e.getMessage().contains("0 validation frames"), e.getMessage());
    }
}
