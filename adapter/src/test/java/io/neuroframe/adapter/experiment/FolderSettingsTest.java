package io.neuroframe.adapter.experiment;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSettingsTest {

    @TempDir
    Path dir;

    @Test
    void aFolderKeepsTheSplitAndTrainingItWasMadeWith() throws IOException {
        new FolderSettings(OodProtocol.full(), List.of("arena-011")).recordOrCheck(dir);
        new FolderSettings(OodProtocol.full(), List.of("arena-011")).recordOrCheck(dir);

        IllegalStateException split = assertThrows(IllegalStateException.class,
                () -> new FolderSettings(OodProtocol.full(), List.of("arena-010")).recordOrCheck(dir));
        assertTrue(split.getMessage().contains("held_out_trajectories: recorded 'arena-011', this run 'arena-010'")
                && split.getMessage().contains("new --out"), split.getMessage());
        IllegalStateException steps = assertThrows(IllegalStateException.class,
                () -> new FolderSettings(OodProtocol.full().withSteps(300), List.of("arena-011")).recordOrCheck(dir));
        assertTrue(steps.getMessage().contains("steps: recorded '1500', this run '300'"), steps.getMessage());
    }

    @Test
    void refusesToResumeResultsOfAnEarlierProtocol() throws IOException {
        Files.writeString(dir.resolve(LearningRateProbes.SHORT_FILE), LearningRateProbes.SHORT_HEADER + "\n");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new FolderSettings(OodProtocol.full(), List.of("arena-011")).recordOrCheck(dir));
        assertTrue(e.getMessage().contains(LearningRateProbes.SHORT_FILE) && e.getMessage().contains("earlier protocol"),
                e.getMessage());
        assertTrue(Files.notExists(dir.resolve(FolderSettings.FILE)));
    }
}
