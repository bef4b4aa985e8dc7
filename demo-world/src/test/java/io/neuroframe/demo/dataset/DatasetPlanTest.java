package io.neuroframe.demo.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.codec.data.Split;
import io.neuroframe.demo.style.Styles;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetPlanTest {

    @Test
    void theDefaultPlanSharesFiveThousandFramesOverTheStylesWithWholeTrajectoriesPerSplit() {
        List<TrajectoryPlan> plan = DatasetPlan.of(new DatasetSettings(Styles.all(), 5000, 1, 100, 5));
        assertEquals(5000, plan.stream().mapToInt(TrajectoryPlan::frames).sum());
        for (String style : Styles.names()) {
            List<TrajectoryPlan> ofStyle = plan.stream().filter(t -> t.style().name().equals(style)).toList();
            assertEquals(10, ofStyle.size());
            assertEquals(1, ofStyle.stream().filter(t -> t.split() == Split.VALIDATION).count(), style);
        }
        Set<String> names = new HashSet<>();
        plan.forEach(t -> names.add(t.name()));
        assertEquals(plan.size(), names.size());
    }

    @Test
    void aStyleWithASingleTrajectoryIsNamedAsHavingNoValidationSplit() {
        DatasetSettings small = new DatasetSettings(Styles.parseList("meadow,desert"), 201, 1, 100, 5);
        assertEquals(List.of(Styles.byName("desert")), DatasetPlan.stylesWithoutValidation(DatasetPlan.of(small)),
                "meadow gets 101 frames (2 trajectories of 100), desert 100 (1 trajectory)");
    }

    @Test
    void trajectoriesStartFarApart() {
        List<TrajectoryPlan> plan = DatasetPlan.of(new DatasetSettings(Styles.parseList("meadow"), 2000, 9, 100, 5));
        for (int i = 0; i < plan.size(); i++) {
            for (int j = i + 1; j < plan.size(); j++) {
                double d = Math.hypot(plan.get(i).spawnX() - plan.get(j).spawnX(),
                        plan.get(i).spawnZ() - plan.get(j).spawnZ());
                assertTrue(d > 1000, "trajectories " + i + " and " + j + " start " + d + " blocks apart");
            }
        }
    }

    @Test
    void thePlanIsDeterministicAndUnevenCountsAreShared() {
        DatasetSettings settings = new DatasetSettings(Styles.parseList("desert,neon"), 13, 4, 5, 3);
        assertEquals(DatasetPlan.of(settings), DatasetPlan.of(settings));
        List<TrajectoryPlan> plan = DatasetPlan.of(settings);
        assertEquals(7, plan.stream().filter(t -> t.style().name().equals("desert")).mapToInt(TrajectoryPlan::frames).sum());
        assertEquals(6, plan.stream().filter(t -> t.style().name().equals("neon")).mapToInt(TrajectoryPlan::frames).sum());
        assertEquals("frames/desert/desert-001/000002.png", plan.get(1).framePath(2));
    }
}
