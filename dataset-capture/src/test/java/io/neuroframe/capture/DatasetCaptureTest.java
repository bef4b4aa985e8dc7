package io.neuroframe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.Split;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the resumable capture with a renderer that hands over made-up frames (no GL needed). */
class DatasetCaptureTest {
    private static final List<Walk> PLAN = List.of(new Walk("meadow", 0, 3, Split.TRAIN),
            new Walk("meadow", 1, 2, Split.VALIDATION));
    private static final Settings SETTINGS = new Settings(PLAN, 5);

    private record Walk(String styleName, int index, int frames, Split split) implements PlannedTrajectory {
    }

    private record Settings(List<Walk> plan, long seed) implements CaptureSettings {
        @Override
        public int totalFrames() {
            return plan.stream().mapToInt(Walk::frames).sum();
        }

        @Override
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("walks", plan.size());
            o.addProperty("seed", seed);
            CaptureSettings.addFrameFormat(o);
            return o;
        }
    }

    /** Hands every frame not yet written to the writer: black but for the top-left pixel, which is (30, 20, 10). */
    private static final class FakeRenderer implements DatasetCapture.Renderer {
        final List<String> handedOver = new ArrayList<>();

        @Override
        public void render(Set<String> done, FrameWriter writer) {
            ByteBuffer bgraBottomUp = ByteBuffer.allocate(CaptureSettings.WIDTH * CaptureSettings.HEIGHT * 4);
            int topLeft = (CaptureSettings.HEIGHT - 1) * CaptureSettings.WIDTH * 4;
            bgraBottomUp.put(topLeft, (byte) 10).put(topLeft + 1, (byte) 20).put(topLeft + 2, (byte) 30);
            for (Walk walk : PLAN) {
                for (int f = 0; f < walk.frames(); f++) {
                    DatasetFrame row = walk.row(f, SETTINGS.seed(), OasisAction.builder().build(),
                            new CameraPose(f, 0, 0, 0, 0));
                    if (!done.contains(row.file())) {
                        handedOver.add(row.file());
                        writer.accept(bgraBottomUp.rewind(), CaptureSettings.WIDTH, CaptureSettings.HEIGHT, row);
                    }
                }
            }
        }
    }

    private static DatasetCapture.Result run(Path dir, FakeRenderer renderer, ByteArrayOutputStream progress)
            throws Exception {
        return DatasetCapture.run(dir, SETTINGS, "test-dataset", new PrintStream(progress, true,
                StandardCharsets.UTF_8), renderer);
    }

    @Test
    void writesFramesSettingsAndManifestAndResumesOnlyWhatIsMissing(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DatasetCapture.Result first = run(dir, new FakeRenderer(), progress);
        assertEquals(5, first.framesWritten());
        assertEquals(0, first.framesAlreadyPresent());
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("test-dataset: 5/5 frames (100.0%), now meadow"),
                progress.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(dir.resolve(CaptureSettings.FILE_NAME)));
        List<DatasetFrame> rows = DatasetManifest.read(dir).frames();
        assertEquals(5, rows.size());
        assertEquals("frames/meadow/meadow-001/000001.png", rows.get(4).file());
        assertEquals("meadow-001", rows.get(4).trajectory());
        assertEquals(Split.VALIDATION, rows.get(4).split());
        BufferedImage image = ImageIO.read(dir.resolve(rows.get(0).file()).toFile());
        assertEquals(CaptureSettings.WIDTH, image.getWidth());
        assertEquals(CaptureSettings.HEIGHT, image.getHeight());
        assertEquals(0x1E140A, image.getRGB(0, 0) & 0xFFFFFF, "BGRA bottom row first becomes RGB top row first");
        assertEquals(0, image.getRGB(0, CaptureSettings.HEIGHT - 1) & 0xFFFFFF);

        // interrupted: the last row is lost, its frame is half-written
        Path manifest = dir.resolve(DatasetManifest.FILE_NAME);
        Files.write(manifest, Files.readAllLines(manifest).subList(0, 4));
        Path lost = dir.resolve(rows.get(4).file());
        Files.delete(lost);
        Files.writeString(lost.resolveSibling(lost.getFileName() + ".tmp"), "partial");
        ByteArrayOutputStream resumedProgress = new ByteArrayOutputStream();
        FakeRenderer resumedRenderer = new FakeRenderer();
        DatasetCapture.Result resumed = run(dir, resumedRenderer, resumedProgress);
        assertEquals(List.of(rows.get(4).file()), resumedRenderer.handedOver);
        assertEquals(1, resumed.framesWritten());
        assertEquals(4, resumed.framesAlreadyPresent());
        assertTrue(resumedProgress.toString(StandardCharsets.UTF_8).contains(
                "test-dataset: resuming, 4 of 5 frames already written"), resumedProgress.toString(StandardCharsets.UTF_8));
        assertEquals(rows, DatasetManifest.read(dir).frames());
        try (Stream<Path> all = Files.walk(dir)) {
            assertFalse(all.anyMatch(p -> p.toString().endsWith(".tmp")), "no temporary files left");
        }

        FakeRenderer idle = new FakeRenderer();
        DatasetCapture.Result complete = run(dir, idle, new ByteArrayOutputStream());
        assertEquals(0, complete.framesWritten());
        assertEquals(0, complete.millisPerFrame());
        assertTrue(idle.handedOver.isEmpty(), "a complete dataset is not rendered again");
    }

    @Test
    void refusesAFolderOfAnotherDataset(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(CaptureSettings.FILE_NAME), new Settings(PLAN, 6).toJson().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetCapture.checkFolder(dir, SETTINGS));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
    }

    @Test
    void refusesAFileInPlaceOfTheFolder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "not a folder");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetCapture.checkFolder(file, SETTINGS));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
