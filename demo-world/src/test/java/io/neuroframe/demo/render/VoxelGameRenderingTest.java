package io.neuroframe.demo.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.math.ColorRGBA;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import io.neuroframe.demo.app.GameConfig;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.player.PlayerBody;
import io.neuroframe.demo.player.PlayerSimulation;
import io.neuroframe.demo.player.VoxelRaycast;
import io.neuroframe.demo.style.DayCycle;
import io.neuroframe.demo.style.Style;
import io.neuroframe.demo.style.Styles;
import io.neuroframe.demo.world.BlockType;
import io.neuroframe.demo.world.ChunkPos;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Renders the real game offscreen (needs a display; run under xvfb-run) and checks what it draws. The frames are
 * sRGB (gamma correction on), so expected colours are computed in linear light and encoded to sRGB.
 */
@Tag("gl")
class VoxelGameRenderingTest {
    private static final int MAX_SETTLE_FRAMES = 20_000;
    private static GameHarness harness;

    @BeforeAll
    static void start() throws InterruptedException {
        harness = new GameHarness(new GameConfig(Styles.byName("meadow"), 11, 3, 320, 180, false));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (harness != null) {
            harness.close();
        }
    }

    private static void loadAndSettle(Style style, long seed) throws Exception {
        harness.call(() -> {
            harness.game().loadWorld(style, seed);
            harness.game().sky().setFrozen(true);
            return null;
        });
        assertTrue(harness.settle(MAX_SETTLE_FRAMES) > 0, "terrain of " + style.name() + " settled");
    }

    /** Mean sRGB colour of a centred square of side {@code size}. */
    private static float[] centreMean(BufferedImage image, int size) {
        float[] sum = new float[3];
        int x0 = image.getWidth() / 2 - size / 2;
        int y0 = image.getHeight() / 2 - size / 2;
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                int rgb = image.getRGB(x, y);
                sum[0] += (rgb >> 16) & 0xFF;
                sum[1] += (rgb >> 8) & 0xFF;
                sum[2] += rgb & 0xFF;
            }
        }
        for (int c = 0; c < 3; c++) {
            sum[c] /= size * size;
        }
        return sum;
    }

    private static void assertColour(float[] expected, float[] actual, float tolerance, String what) {
        for (int c = 0; c < 3; c++) {
            assertEquals(expected[c], actual[c], tolerance, what + " channel " + c + ": expected "
                    + java.util.Arrays.toString(expected) + " got " + java.util.Arrays.toString(actual));
        }
    }

    private static float[] srgb(ColorRGBA linear) {
        return new float[] {DayCycle.toSrgb(linear.r), DayCycle.toSrgb(linear.g), DayCycle.toSrgb(linear.b)};
    }

    /** Mean sRGB of a tile's texels lit by {@code light} (linear), as the terrain shader computes it. */
    private static float[] litTile(BlockType block, ColorRGBA light) {
        int[] texels = new TextureAtlas().tilePixels(block.top());
        float[] sum = new float[3];
        float[] lightRgb = {light.r, light.g, light.b};
        for (int texel : texels) {
            for (int c = 0; c < 3; c++) {
                float linear = DayCycle.toLinear((texel >> (16 - 8 * c)) & 0xFF);
                float lit = linear * (lightRgb[c] + (1 - lightRgb[c]) * block.emission());
                sum[c] += DayCycle.toSrgb(lit);
            }
        }
        for (int c = 0; c < 3; c++) {
            sum[c] /= texels.length;
        }
        return sum;
    }

    @Test
    void eachStyleDrawsItsSkyAndGroundColours() throws Exception {
        for (Style style : Styles.all()) {
            loadAndSettle(style, 5);
            BufferedImage up = harness.grab(g -> {
                g.player().body().setLook(0, -89.5f);
                g.player().applyTo(g.getCamera());
                return true;
            });
            float[] expectedSky = srgb(DayCycle.zenith(style, style.timeOfDay(), new ColorRGBA()));
            assertColour(expectedSky, centreMean(up, 12), 6, style.name() + " sky");

            BlockType[] ground = new BlockType[1];
            BufferedImage down = harness.grab(g -> {
                PlayerBody body = g.player().body();
                ground[0] = g.world().blockAt((int) Math.floor(body.position().x),
                        (int) Math.floor(body.position().y) - 1, (int) Math.floor(body.position().z));
                body.setLook(0, 89.5f);
                g.player().applyTo(g.getCamera());
                return true;
            });
            float[] expectedGround = litTile(ground[0], DayCycle.light(style, style.timeOfDay(), new ColorRGBA()));
            assertColour(expectedGround, centreMean(down, 8), 14, style.name() + " ground (" + ground[0] + ")");
        }
    }

    private static int triangles(Node chunkNode) {
        int count = 0;
        for (Spatial child : chunkNode.getChildren()) {
            count += ((Geometry) child).getMesh().getTriangleCount();
        }
        return count;
    }

    @Test
    void breakingABlockChangesTheChunkMesh() throws Exception {
        loadAndSettle(Styles.byName("meadow"), 21);
        int[] target = new int[3];
        int before = harness.call(() -> {
            VoxelGame g = harness.game();
            g.player().body().setLook(0, 89.5f);
            VoxelRaycast.Hit hit = g.player().blockInView();
            assertNotNull(hit, "the ground is within reach");
            target[0] = hit.x();
            target[1] = hit.y();
            target[2] = hit.z();
            return triangles(g.streamer().chunkNode(ChunkPos.ofBlock(hit.x(), hit.z())));
        });
        Node[] nodeBefore = new Node[1];
        harness.call(() -> {
            nodeBefore[0] = harness.game().streamer().chunkNode(ChunkPos.ofBlock(target[0], target[2]));
            assertTrue(harness.game().player().breakBlockInView());
            assertEquals(BlockType.AIR, harness.game().world().blockAt(target[0], target[1], target[2]));
            return null;
        });
        assertTrue(harness.settle(MAX_SETTLE_FRAMES) > 0);
        int after = harness.call(() -> {
            Node node = harness.game().streamer().chunkNode(ChunkPos.ofBlock(target[0], target[2]));
            assertNotEquals(nodeBefore[0], node, "a new mesh replaced the old one");
            return triangles(node);
        });
        assertNotEquals(before, after, "triangles before and after breaking the block");
    }

    @Test
    void chunkStreamingKeepsUpWithAPlayerRunningStraight() throws Exception {
        loadAndSettle(Styles.byName("meadow"), 31);
        int radius = harness.call(() -> harness.game().streamer().radius());
        int maxLoaded = (2 * (radius + 2) + 1) * (2 * (radius + 2) + 1);
        float speed = PlayerBody.SPRINT_SPEED * 2 / 60f;
        int[] worstLag = {0};
        int[] lag = {0};
        int[] mostLoaded = {0};
        float[] start = new float[1];
        int frames = harness.runFrames(g -> {
            PlayerSimulation player = g.player();
            if (start[0] == 0) {
                start[0] = player.body().position().x;
            }
            // run east at twice sprint speed (60 steps per simulated second), above the terrain
            player.body().teleport(player.body().position().x + speed, 100f, player.body().position().z);
            lag[0] = g.streamer().missingMeshes(radius - 1) > 0 ? lag[0] + 1 : 0;
            worstLag[0] = Math.max(worstLag[0], lag[0]);
            mostLoaded[0] = Math.max(mostLoaded[0], g.streamer().loadedChunks());
            return player.body().position().x - start[0] > 8 * 16;
        }, 100_000);
        assertTrue(frames > 0, "ran 8 chunks");
        assertTrue(worstLag[0] <= 60, "chunks near the player missing for at most 60 frames in a row, was "
                + worstLag[0]);
        assertTrue(mostLoaded[0] <= maxLoaded, "chunks behind the player are unloaded: " + mostLoaded[0]
                + " loaded, bound " + maxLoaded);
    }
}
