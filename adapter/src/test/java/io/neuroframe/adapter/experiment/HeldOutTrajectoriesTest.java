package io.neuroframe.adapter.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldOutTrajectoriesTest {

    @TempDir
    Path dir;

    @Test
    void holdsOutTheLastTrajectoriesOfEachGameWhole() throws IOException {
        List<DatasetFrame> frames = new ArrayList<>();
        addTrajectory(frames, "arena", "arena-002", 3);
        addTrajectory(frames, "arena", "arena-000", 3);
        addTrajectory(frames, "night", "night-000", 2);
        addTrajectory(frames, "arena", "arena-001", 3);
        addTrajectory(frames, "night", "night-001", 2);
        int[] selected = {0, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12};

        HeldOutTrajectories split = HeldOutTrajectories.choose(frames, selected, 1, dir);

        assertEquals(List.of("arena-002", "night-001"), split.trajectories());
        assertArrayEquals(new int[] {0, 1, 9, 10}, split.heldOut(), "positions of frames 0, 2 (arena-002), 11, 12");
        assertArrayEquals(new int[] {2, 3, 4, 5, 6, 7, 8}, split.fit());
    }

    @Test
    void refusesAGameWithoutATrajectoryToSpare() {
        List<DatasetFrame> frames = new ArrayList<>();
        addTrajectory(frames, "arena", "arena-000", 2);
        addTrajectory(frames, "arena", "arena-001", 2);
        addTrajectory(frames, "night", "night-000", 2);

        IOException e = assertThrows(IOException.class,
                () -> HeldOutTrajectories.choose(frames, new int[] {0, 1, 2, 3, 4, 5}, 1, dir));
        assertTrue(e.getMessage().contains("'night' has 1 training trajectory"), e.getMessage());
    }

    private static void addTrajectory(List<DatasetFrame> frames, String game, String trajectory, int count) {
        for (int i = 0; i < count; i++) {
            frames.add(new DatasetFrame("frames/" + trajectory + "/" + i + ".png", game, 1L, trajectory, i, Split.TRAIN,
                    OasisAction.NONE, new CameraPose(0f, 0f, 0f, 0f, 0f)));
        }
    }
}
