package io.neuroframe.games;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.asset.AssetManager;
import com.jme3.renderer.Camera;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Node;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.Split;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedWalkerTest {
    private static final WalkArea AREA = new WalkArea(-20, 20, -10, 10);

    /** An empty level with a pillar of radius 3 at the origin. */
    private static final GameScene FIELD = new GameScene() {
        @Override
        public void build(AssetManager assets, Node root, ViewPort viewPort, Split split, long levelSeed) {
            throw new UnsupportedOperationException("not rendered");
        }

        @Override
        public WalkArea area(Split split) {
            return AREA;
        }

        @Override
        public boolean blocks(float x, float z) {
            return x * x + z * z < 9;
        }

        @Override
        public float walkSpeed() {
            return 4f;
        }

        @Override
        public CameraPose show(PlayerState state, float seconds, Camera camera) {
            throw new UnsupportedOperationException("not rendered");
        }
    };

    private record Step(OasisAction action, PlayerState state) {
    }

    private static List<Step> walk(long seed, int steps) {
        ScriptedWalker walker = new ScriptedWalker(seed, AREA, FIELD);
        List<Step> walk = new ArrayList<>();
        walk.add(new Step(OasisAction.NONE, walker.state()));
        for (int i = 0; i < steps; i++) {
            OasisAction.Builder action = OasisAction.builder();
            PlayerState state = walker.step(action);
            walk.add(new Step(action.build(), state));
        }
        return walk;
    }

    @Test
    void theSameSeedWalksTheSameWayAndAnotherSeedDoesNot() {
        assertEquals(walk(3, 400), walk(3, 400));
        assertTrue(!walk(3, 400).equals(walk(4, 400)));
    }

    @Test
    void staysInItsAreaAndOutOfSolidThings() {
        for (long seed = 0; seed < 20; seed++) {
            for (Step step : walk(seed, 600)) {
                PlayerState s = step.state();
                assertTrue(AREA.contains(s.x(), s.z()), "seed " + seed + " left the area at " + s);
                assertTrue(!FIELD.blocks(s.x(), s.z()), "seed " + seed + " walked into the pillar at " + s);
                assertTrue(Math.abs(s.pitchDegrees()) <= 30, "seed " + seed + " looks too far up or down: " + s);
            }
        }
    }

    @Test
    void theRecordedActionsDescribeTheMotion() {
        List<Step> walk = walk(5, 600);
        int moves = 0;
        int turns = 0;
        for (int i = 1; i < walk.size(); i++) {
            PlayerState before = walk.get(i - 1).state();
            PlayerState after = walk.get(i).state();
            OasisAction action = walk.get(i).action();
            float turned = after.yawDegrees() - before.yawDegrees();
            turned = turned > 180 ? turned - 360 : turned < -180 ? turned + 360 : turned;
            assertEquals(action.yawDegrees(), turned, 1e-3, "step " + i + ": " + action);
            assertEquals(action.pitchDegrees(), after.pitchDegrees() - before.pitchDegrees(), 1e-3, "step " + i);
            boolean keys = action.isPressed(OasisAction.FORWARD) || action.isPressed(OasisAction.BACK)
                    || action.isPressed(OasisAction.LEFT) || action.isPressed(OasisAction.RIGHT);
            if (after.moving()) {
                assertTrue(keys, "step " + i + " moved without a movement key: " + action);
                moves++;
            }
            turns += turned != 0 ? 1 : 0;
        }
        assertTrue(moves > 100 && turns > 100, moves + " moving and " + turns + " turning steps of 600");
    }
}
