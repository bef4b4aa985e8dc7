package io.neuroframe.demo.app;

import com.jme3.app.state.AppState;
import com.jme3.texture.Texture2D;
import io.neuroframe.demo.player.PlayerSimulation;
import io.neuroframe.demo.render.ChunkStreamer;
import io.neuroframe.demo.render.SkyState;
import io.neuroframe.demo.render.TerrainMaterials;
import io.neuroframe.demo.render.TextureAtlas;
import io.neuroframe.demo.style.Style;
import io.neuroframe.demo.world.TerrainGenerator;
import io.neuroframe.demo.world.World;

/**
 * The voxel game: one world at a time (terrain, chunk streaming, sky and a player) plus the app states that drive
 * the player (keyboard and mouse, or a script). {@link #loadWorld} swaps the world for another style or seed.
 * Started and awaited as every {@link DemoApplication}.
 */
public final class VoxelGame extends DemoApplication {
    private static final int UPLOADS_PER_FRAME = 2;

    private final GameConfig config;
    private TerrainMaterials materials;
    private Style style;
    private World world;
    private PlayerSimulation player;
    private ChunkStreamer streamer;
    private SkyState sky;

    /** A game for {@code config}, driven by {@code drivers} (app states attached after the world). */
    public VoxelGame(GameConfig config, AppState... drivers) {
        super(config.settings(), drivers);
        this.config = config;
    }

    /**
     * Starts a game on an offscreen surface and returns it once it runs, making the display a second time when
     * the first fails ({@link io.neuroframe.capture.OffscreenApplication#startOffscreen(java.util.function.Supplier)}).
     *
     * @throws IllegalStateException naming the failure when the display could not be made twice
     */
    public static VoxelGame startOffscreen(GameConfig config, AppState... drivers) throws InterruptedException {
        return startOffscreen(() -> new VoxelGame(config, drivers));
    }

    public GameConfig config() {
        return config;
    }

    public Style style() {
        return style;
    }

    public World world() {
        return world;
    }

    public PlayerSimulation player() {
        return player;
    }

    public ChunkStreamer streamer() {
        return streamer;
    }

    public SkyState sky() {
        return sky;
    }

    public TerrainMaterials materials() {
        return materials;
    }

    /** The player stands on loaded terrain and everything in view is drawn. */
    @Override
    public boolean sceneReady() {
        return player.isPlaced() && streamer.isSettled();
    }

    @Override
    protected void initScene() {
        if (inputManager.hasMapping(INPUT_MAPPING_EXIT)) {
            inputManager.deleteMapping(INPUT_MAPPING_EXIT);
        }
        cam.setFrustumPerspective(70f, (float) cam.getWidth() / cam.getHeight(), 0.08f, config.viewDistance() + 48f);
        Texture2D atlas = new TextureAtlas().createTexture();
        materials = new TerrainMaterials(assetManager, atlas);
        loadWorld(config.style(), config.seed());
    }

    /**
     * Replaces the current world with a fresh one of {@code style} and {@code seed}, the player waiting to be
     * placed near (0, 0). Render thread only.
     */
    public void loadWorld(Style newStyle, long seed) {
        if (streamer != null) {
            stateManager.detach(streamer);
            stateManager.detach(sky);
        }
        style = newStyle;
        world = new World();
        player = new PlayerSimulation(world);
        player.requestSpawn(0, 0, 0, 0);
        streamer = new ChunkStreamer(world, new TerrainGenerator(seed, newStyle.terrain()), materials,
                () -> player.body().position(), config.viewRadius(), UPLOADS_PER_FRAME);
        sky = new SkyState(newStyle, materials, config.viewDistance());
        stateManager.attach(sky);
        stateManager.attach(streamer);
    }

    @Override
    public void simpleUpdate(float tpf) {
        player.applyTo(cam);
    }
}
