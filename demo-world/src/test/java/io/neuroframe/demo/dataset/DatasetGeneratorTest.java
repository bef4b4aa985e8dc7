package io.neuroframe.demo.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.capture.CaptureSettings;
import io.neuroframe.capture.DatasetCapture;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.codec.data.Split;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import io.neuroframe.demo.style.Styles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders tiny datasets for real (needs a display; run under xvfb-run). */
@Tag("gl")
class DatasetGeneratorTest {
    private static final DatasetSettings TINY = new DatasetSettings(Styles.parseList("meadow,desert"), 12, 5, 3, 2);

    private static DatasetCapture.Result generate(Path dir, DatasetSettings settings) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DatasetCapture.Result result = DatasetGenerator.generate(dir, settings, new PrintStream(progress, true,
                StandardCharsets.UTF_8));
        if (result.framesWritten() > 0) {
            assertTrue(progress.toString(StandardCharsets.UTF_8).contains("ETA"), "progress with an ETA");
        }
        return result;
    }

    @Test
    void writesATinyDatasetWithAValidManifestAndResumesIdentically(@TempDir Path dir) throws Exception {
        DatasetCapture.Result first = generate(dir, TINY);
        assertEquals(12, first.framesWritten());

        DatasetManifest manifest = DatasetManifest.read(dir);
        List<DatasetFrame> rows = manifest.frames();
        assertEquals(12, rows.size());
        assertEquals(List.of("desert", "meadow"), manifest.styles());
        assertEquals(4, manifest.trajectories().size());
        Set<String> files = new HashSet<>();
        for (DatasetFrame row : rows) {
            assertTrue(files.add(row.file()), "unique file " + row.file());
            float[] rgb = ImageIo.readPlanarRgb(manifest.imagePath(row));
            assertEquals(3 * 360 * 640, rgb.length);
            assertTrue(Float.isFinite(row.pose().x()) && Math.abs(row.pose().pitchDegrees()) <= 90);
        }
        for (List<DatasetFrame> trajectory : manifest.trajectories().values()) {
            assertEquals(1, trajectory.stream().map(DatasetFrame::split).distinct().count(), "one split per trajectory");
        }
        assertEquals(2, manifest.frames(Split.VALIDATION).stream().map(DatasetFrame::trajectory).distinct().count());

        // interrupt in the middle of the last trajectory (rows 9..11 are its frames 0..2): its last two rows are
        // lost, one of their frames is gone, a half-written file and a torn row are left
        assertEquals(0, rows.get(9).frame());
        List<String> lines = Files.readAllLines(dir.resolve(DatasetManifest.FILE_NAME));
        DatasetFrame lost = rows.get(11);
        byte[] lostBytes = Files.readAllBytes(manifest.imagePath(lost));
        Files.write(dir.resolve(DatasetManifest.FILE_NAME), lines.subList(0, 10));
        Files.writeString(dir.resolve(DatasetManifest.FILE_NAME), "{\"file\":\"frames/des", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Files.delete(manifest.imagePath(lost));
        Files.writeString(manifest.imagePath(lost).resolveSibling("000002.png.tmp"), "partial");

        DatasetCapture.Result resumed = generate(dir, TINY);
        assertEquals(2, resumed.framesWritten());
        assertEquals(10, resumed.framesAlreadyPresent());
        DatasetManifest after = DatasetManifest.read(dir);
        assertEquals(12, after.frames().size());
        assertEquals(new HashSet<>(files), after.frames().stream().map(DatasetFrame::file).collect(
                java.util.stream.Collectors.toSet()));
        assertEquals(rows.subList(10, 12), after.frames().subList(10, 12), "same actions and poses after resuming");
        assertArrayEquals(lostBytes, Files.readAllBytes(after.imagePath(lost)), "the same pixels after resuming");
        try (Stream<Path> all = Files.walk(dir)) {
            assertFalse(all.anyMatch(p -> p.toString().endsWith(".tmp")), "no temporary files left");
        }

        assertEquals(0, generate(dir, TINY).framesWritten(), "a complete dataset has nothing left to do");
    }

    @Test
    void refusesToResumeWithOtherSettings(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(CaptureSettings.FILE_NAME), new DatasetSettings(Styles.parseList("neon"), 8, 1, 4,
                2).toJson().toString());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DatasetCapture.checkFolder(dir, TINY));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
    }
}
