package io.neuroframe.codec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.OasisAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetManifestTest {

    private static DatasetFrame row(String trajectory, int frame, Split split) {
        OasisAction action = OasisAction.builder().forward().jump().look(-1.5f, 4f).build();
        return new DatasetFrame("frames/meadow/" + trajectory + "/" + frame + ".png", "meadow", 7L, trajectory, frame,
                split, action, new CameraPose(1.5f, 70.25f, -3f, 90f, -10f));
    }

    @Test
    void rowsRoundTripThroughTheManifest(@TempDir Path dir) throws IOException {
        try (ManifestWriter writer = ManifestWriter.open(dir)) {
            writer.append(row("meadow-000", 1, Split.TRAIN));
            writer.append(row("meadow-000", 0, Split.TRAIN));
            writer.append(row("meadow-001", 0, Split.VALIDATION));
        }
        DatasetManifest manifest = DatasetManifest.read(dir);
        assertEquals(3, manifest.frames().size());
        assertEquals(row("meadow-000", 1, Split.TRAIN), manifest.frames().get(0));
        assertEquals(1, manifest.frames(Split.VALIDATION).size());
        assertEquals(List.of("meadow"), manifest.styles());
        List<DatasetFrame> first = manifest.trajectories().get("meadow-000");
        assertEquals(0, first.get(0).frame());
        assertEquals(1, first.get(1).frame());
        assertEquals(dir.resolve("frames/meadow/meadow-001/0.png"), manifest.imagePath(manifest.frames().get(2)));
    }

    @Test
    void anUnterminatedLastLineIsIgnoredAndCutOffWhenAppendingAgain(@TempDir Path dir) throws IOException {
        try (ManifestWriter writer = ManifestWriter.open(dir)) {
            writer.append(row("meadow-000", 0, Split.TRAIN));
        }
        Path file = dir.resolve(DatasetManifest.FILE_NAME);
        Files.writeString(file, "{\"file\":\"frames/x", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(1, DatasetManifest.read(dir).frames().size());
        try (ManifestWriter writer = ManifestWriter.open(dir)) {
            writer.append(row("meadow-000", 1, Split.TRAIN));
        }
        assertEquals(2, DatasetManifest.read(dir).frames().size());
    }

    @Test
    void malformedRowsNameTheLineAndField(@TempDir Path dir) throws IOException {
        String good = DatasetManifest.toJsonLine(row("meadow-000", 0, Split.TRAIN));
        Files.writeString(dir.resolve(DatasetManifest.FILE_NAME), good + "\n" + good.replace("\"style\"", "\"stile\"")
                + "\n", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> DatasetManifest.read(dir));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("'style'"), e.getMessage());

        Files.writeString(dir.resolve(DatasetManifest.FILE_NAME), good.replace("\"train\"", "\"test\"") + "\n");
        e = assertThrows(IOException.class, () -> DatasetManifest.read(dir));
        assertTrue(e.getMessage().contains("unknown split 'test'"), e.getMessage());
    }

    @Test
    void pathsThatLeaveTheDatasetFolderAreRefusedWithTheLine(@TempDir Path dir) throws IOException {
        String good = DatasetManifest.toJsonLine(row("meadow-000", 0, Split.TRAIN));
        for (String escaping : List.of("/etc/passwd", "../other-set/frames/0.png", "frames/../../0.png")) {
            String bad = DatasetManifest.toJsonLine(new DatasetFrame(escaping, "meadow", 7L, "meadow-000", 1, Split.TRAIN,
                    row("meadow-000", 1, Split.TRAIN).action(), row("meadow-000", 1, Split.TRAIN).pose()));
            Files.writeString(dir.resolve(DatasetManifest.FILE_NAME), good + "\n" + bad + "\n");
            IOException e = assertThrows(IOException.class, () -> DatasetManifest.read(dir));
            assertTrue(e.getMessage().contains("line 2: file '" + escaping + "' leaves the dataset folder"),
                    e.getMessage());
        }
    }

    @Test
    void aPathThatStaysInsideTheFolderIsAccepted(@TempDir Path dir) throws IOException {
        DatasetFrame row = new DatasetFrame("frames/meadow/../meadow/0.png", "meadow", 7L, "meadow-000", 0, Split.TRAIN,
                row("meadow-000", 0, Split.TRAIN).action(), row("meadow-000", 0, Split.TRAIN).pose());
        Files.writeString(dir.resolve(DatasetManifest.FILE_NAME), DatasetManifest.toJsonLine(row) + "\n");
        assertEquals(1, DatasetManifest.read(dir).frames().size());
    }

    @Test
    void duplicateRowsAreRefusedWithBothLineNumbers(@TempDir Path dir) throws IOException {
        String first = DatasetManifest.toJsonLine(row("meadow-000", 0, Split.TRAIN));
        String second = DatasetManifest.toJsonLine(row("meadow-000", 1, Split.TRAIN));
        Path manifest = dir.resolve(DatasetManifest.FILE_NAME);
        Files.writeString(manifest, first + "\n" + second + "\n" + first + "\n");
        IOException e = assertThrows(IOException.class, () -> DatasetManifest.read(dir));
        assertTrue(e.getMessage().contains("line 3: repeats line 1 (file frames/meadow/meadow-000/0.png)"),
                e.getMessage());

        String sameFrameOtherFile = first.replace("meadow-000/0.png", "meadow-000/0-again.png");
        Files.writeString(manifest, first + "\n" + second + "\n" + sameFrameOtherFile + "\n");
        e = assertThrows(IOException.class, () -> DatasetManifest.read(dir));
        assertTrue(e.getMessage().contains("line 3: repeats line 1 (trajectory meadow-000 frame 0)"), e.getMessage());
    }

    @Test
    void aMissingManifestIsNamed(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> DatasetManifest.read(dir));
        assertTrue(e.getMessage().contains(DatasetManifest.FILE_NAME), e.getMessage());
    }
}
