package io.neuroframe.demo.neural;

import io.neuroframe.api.NativeBuffers;
import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import io.neuroframe.api.OasisAction;
import io.neuroframe.demo.app.DemoApplication;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.player.PlayerInput;
import io.neuroframe.demo.player.PlayerSimulation;
import io.neuroframe.jme.NeuroFrameAppState;
import io.neuroframe.jme.ProfilerOverlayState;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * A demo view that shows the plugin's output: it owns a {@link NeuroFrameAppState}, its profiler
 * overlay (F3) and the view's keys and help line, and attaches, enables and detaches them with
 * itself. A view whose latents come from a world model starts that world from the engine's frame
 * once the game's scene is ready ({@link DemoApplication#sceneReady()}, {@link #startFromEngine()})
 * and, when it {@link #forwardsPlayerActions() forwards the player's actions} (the voxel game's
 * player only), sends each player step's Oasis action to it ({@link #submitAction}) from a buffer
 * reused for every step.
 */
public abstract class PluginViewState extends BaseAppState {
    private final NeuroFrameAppState neuroFrame;
    private final ProfilerOverlayState overlay;
    private final ViewControls controls;
    private final FloatBuffer action = NativeBuffers.floats(OasisAction.SIZE);
    private final PlayerSimulation.StepObserver submitter = this::submit;
    private boolean started;

    /**
     * @param id the app state's id
     * @param neuroFrame the plugin state this view shows; attached and detached with this view
     * @param traceFolder where F4 writes the overlay's trace
     * @param keys the view's own keys: key code ({@link com.jme3.input.KeyInput}) by action name;
     *     a press goes to {@link #onKey(String)} while the view is enabled
     */
    protected PluginViewState(String id, NeuroFrameAppState neuroFrame, Path traceFolder, Map<String, Integer> keys) {
        super(id);
        this.neuroFrame = neuroFrame;
        this.overlay = new ProfilerOverlayState(neuroFrame, traceFolder);
        this.controls = new ViewControls(this::onAction, keys);
    }

    /** The NeuroFrame state this view drives. */
    public final NeuroFrameAppState neuroFrame() {
        return neuroFrame;
    }

    /** The profiler overlay (F3). */
    public final ProfilerOverlayState overlay() {
        return overlay;
    }

    /** Whether the view has started from the engine's frame (the game's scene was ready). */
    public final boolean started() {
        return started;
    }

    /** Starts the view's world from the engine's frame; called once, when the game's scene is ready. */
    protected abstract void startFromEngine();

    /** Whether each player step's action goes to {@link #submitAction} once the view has started. */
    protected abstract boolean forwardsPlayerActions();

    /** Sends one player step's Oasis action (valid during the call only), taken at {@code nanoTime}. */
    protected abstract void submitAction(FloatBuffer action, long nanoTime);

    /** Handles a press of one of the view's keys; the help line is refreshed afterwards. */
    protected abstract void onKey(String name);

    /** The help line's text. */
    protected abstract String help();

    /** Shows {@link #help()} again, after something it describes changed. */
    protected final void refreshHelp() {
        controls.setHelp(help());
    }

    /** Called once per frame while the view is enabled, after the start check; allocates nothing. */
    protected void updateView() {
        // most views change only on key presses
    }

    /** The voxel game this view is attached to (for views that forward the player's actions). */
    protected final VoxelGame game() {
        return (VoxelGame) getApplication();
    }

    @Override
    protected final void initialize(Application app) {
        app.getStateManager().attach(neuroFrame);
        app.getStateManager().attach(overlay);
        controls.bind(app);
        refreshHelp();
    }

    @Override
    protected final void cleanup(Application app) {
        controls.unbind(app);
        app.getStateManager().detach(overlay);
        app.getStateManager().detach(neuroFrame);
    }

    @Override
    protected final void onEnable() {
        controls.show(((SimpleApplication) getApplication()).getGuiNode());
        neuroFrame.setEnabled(true);
        if (forwardsPlayerActions()) {
            game().player().setStepObserver(submitter);
        }
    }

    @Override
    protected final void onDisable() {
        controls.hide();
        neuroFrame.setEnabled(false);
        overlay.setEnabled(false);
        if (forwardsPlayerActions()) {
            game().player().setStepObserver(null);
        }
    }

    @Override
    public final void update(float tpf) {
        if (!started && ((DemoApplication) getApplication()).sceneReady()) {
            startFromEngine();
            started = true;
        }
        updateView();
    }

    private void submit(PlayerInput input, float dt) {
        if (started) {
            input.writeAction(action);
            submitAction(action, System.nanoTime());
        }
    }

    private void onAction(String name, boolean pressed, float tpf) {
        if (pressed && isEnabled()) {
            onKey(name);
            refreshHelp();
        }
    }
}
