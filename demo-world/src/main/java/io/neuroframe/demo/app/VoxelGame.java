package io.neuroframe.demo.app;

import com.jme3.app.SimpleApplication;
import com.jme3.app.state.AppState;
import com.jme3.input.InputManager;
import com.jme3.input.dummy.DummyKeyInput;
import com.jme3.input.dummy.DummyMouseInput;
import com.jme3.system.JmeContext;
import com.jme3.texture.Texture2D;
import io.neuroframe.demo.player.PlayerSimulation;
import io.neuroframe.demo.render.ChunkStreamer;
import io.neuroframe.demo.render.SkyState;
import io.neuroframe.demo.render.TerrainMaterials;
import io.neuroframe.demo.render.TextureAtlas;
import io.neuroframe.demo.style.Style;
import io.neuroframe.demo.world.TerrainGenerator;
import io.neuroframe.demo.world.World;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The voxel game: one world at a time (terrain, chunk streaming, sky and a player) plus the app states that drive
 * the player (keyboard and mouse, or a script). {@link #loadWorld} swaps the world for another style or seed.
 *
 * <p>Start it with {@link #launch} and wait with {@link #awaitTermination}: on Linux jME renders on its own
 * thread and {@code start()} returns at once. Errors on the render thread stop the game and are rethrown by
 * {@link #awaitTermination}.
 */
public final class VoxelGame extends SimpleApplication {
    private static final Logger LOG = Logger.getLogger(VoxelGame.class.getName());
    private static final int UPLOADS_PER_FRAME = 2;

    private final GameConfig config;
    private final List<AppState> drivers;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Throwable failure;
    private TerrainMaterials materials;
    private Style style;
    private World world;
    private PlayerSimulation player;
    private ChunkStreamer streamer;
    private SkyState sky;

    /** A game for {@code config}, driven by {@code drivers} (app states attached after the world). */
    public VoxelGame(GameConfig config, AppState... drivers) {
        super(new AppState[0]);
        this.config = config;
        this.drivers = List.of(drivers);
        setSettings(config.settings());
        setShowSettings(false);
        setPauseOnLostFocus(false);
    }

    /** Starts rendering on jME's thread in a window ({@code Display}) or an invisible surface; returns at once. */
    public void launch(JmeContext.Type type) {
        start(type);
    }

    /**
     * Waits until the game has stopped.
     *
     * @throws IllegalStateException when the render thread failed (the failure is the cause)
     * @throws InterruptedException when interrupted while waiting
     */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
        if (failure != null) {
            throw new IllegalStateException("the game stopped with an error: " + failure, failure);
        }
    }

    /** Waits at most {@code seconds}; returns whether the game stopped. */
    public boolean awaitTermination(long seconds) throws InterruptedException {
        return terminated.await(seconds, TimeUnit.SECONDS);
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

    @Override
    public void simpleInitApp() {
        if (inputManager == null) {
            // offscreen surfaces have no input devices; a manager without devices lets app states map their keys
            inputManager = new InputManager(new DummyMouseInput(), new DummyKeyInput(), null, null);
        }
        if (inputManager.hasMapping(INPUT_MAPPING_EXIT)) {
            inputManager.deleteMapping(INPUT_MAPPING_EXIT);
        }
        cam.setFrustumPerspective(70f, (float) cam.getWidth() / cam.getHeight(), 0.08f, config.viewDistance() + 48f);
        Texture2D atlas = new TextureAtlas().createTexture();
        materials = new TerrainMaterials(assetManager, atlas);
        loadWorld(config.style(), config.seed());
        for (AppState driver : drivers) {
            stateManager.attach(driver);
        }
        started.countDown();
    }

    /**
     * Starts a game on an offscreen surface and returns it once it runs. GLFW on a virtual display
     * now and then finds no monitor right after another GL context of the process was destroyed,
     * and jME then fails with "Failed to create display": the display is made once more before
     * giving up.
     *
     * @throws IllegalStateException naming the failure when the display could not be made twice
     */
    public static VoxelGame startOffscreen(GameConfig config, AppState... drivers) throws InterruptedException {
        VoxelGame game = new VoxelGame(config, drivers);
        game.launch(JmeContext.Type.OffscreenSurface);
        if (game.awaitStart()) {
            return game;
        }
        LOG.warning("the display could not be created (" + game.failure + "); trying once more");
        game = new VoxelGame(config, drivers);
        game.launch(JmeContext.Type.OffscreenSurface);
        if (!game.awaitStart()) {
            throw new IllegalStateException("the game did not start: " + game.failure, game.failure);
        }
        return game;
    }

    /** Waits until the game has initialised (true) or stopped before that (false). */
    private boolean awaitStart() throws InterruptedException {
        while (!started.await(100, TimeUnit.MILLISECONDS)) {
            if (terminated.getCount() == 0) {
                return false;
            }
        }
        return true;
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

    @Override
    public void handleError(String errMsg, Throwable t) {
        LOG.log(Level.SEVERE, errMsg, t);
        failure = t != null ? t : new IllegalStateException(errMsg);
        stop();
        // a context that failed to start never calls destroy()
        terminated.countDown();
    }

    @Override
    public void destroy() {
        try {
            super.destroy();
        } finally {
            terminated.countDown();
        }
    }
}
