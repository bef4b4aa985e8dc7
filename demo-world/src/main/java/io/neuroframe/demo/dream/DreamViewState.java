package io.neuroframe.demo.dream;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.input.KeyInput;
import io.neuroframe.codec.OasisAction;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.neural.DemoWeights;
import io.neuroframe.demo.neural.ViewControls;
import io.neuroframe.demo.player.PlayerInput;
import io.neuroframe.demo.player.PlayerSimulation;
import io.neuroframe.jme.NeuroFrameAppState;
import io.neuroframe.jme.ProfilerOverlayState;
import io.neuroframe.render.budget.Rung;
import io.neuroframe.render.source.RenderHandoff;
import io.neuroframe.render.timing.TimeSource;
import io.neuroframe.render.upscale.Upscaler;
import io.neuroframe.world.DreamSource;
import io.neuroframe.world.WorldStepper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

/**
 * Dream mode: the screen shows what the world model imagines. The dream starts from the engine's
 * frame once the terrain has loaded (encoded by the codec); from then on the player's keys and mouse
 * drive the world model ({@link DreamSource}), whose latents are decoded and upscaled by
 * {@link NeuroFrameAppState}. R restarts the dream from the engine's current frame, N cycles the
 * view (the engine keeps simulating the player, so side by side compares both), F3 shows the
 * profiler overlay with the world-step stage.
 */
public final class DreamViewState extends BaseAppState {
    /** World steps a second at most: the frame rate of the training data. */
    public static final double STEPS_PER_SECOND = 20;
    private static final String RESET = "Dream.Reset";
    private static final String CYCLE_VIEW = "Dream.CycleView";
    private static final Duration BUDGET = Duration.ofMillis(50);
    /** The engine is read back every few frames, so a reset finds a recent frame without a read-back each frame. */
    private static final int CAPTURE_INTERVAL = 4;

    private final DreamSource dream;
    private final NeuroFrameAppState neuroFrame;
    private final ProfilerOverlayState overlay;
    private final boolean followPlayer;
    private final String description;
    private final ViewControls controls = new ViewControls(this::onKey,
            Map.of(RESET, KeyInput.KEY_R, CYCLE_VIEW, KeyInput.KEY_N));
    private final FloatBuffer action = ByteBuffer.allocateDirect(OasisAction.SIZE * Float.BYTES)
            .order(ByteOrder.nativeOrder()).asFloatBuffer();
    private final PlayerSimulation.StepObserver submitter = this::submit;
    private boolean started;

    /**
     * @param codec the codec weights (encoder for the start frame, decoder for the dream)
     * @param stepper the world model; owned by this state from now on
     * @param followPlayer whether the player's inputs drive the dream; a scripted run submits its own
     *     and shows every dreamed step (the budget ladder may not skip decodes)
     * @param traceFolder where F4 writes the overlay's trace
     */
    public DreamViewState(DemoWeights codec, WorldStepper stepper, boolean followPlayer, Path traceFolder) {
        super("DreamView");
        RenderHandoff engineFrames = new RenderHandoff();
        this.description = stepper.describe() + ", codec " + codec.description();
        this.dream = new DreamSource(stepper, OrtEncoder.create(codec.weights()), engineFrames, STEPS_PER_SECOND,
                TimeSource.SYSTEM);
        this.neuroFrame = NeuroFrameAppState.builder()
                .source(dream)
                .captureEngine(engineFrames, CAPTURE_INTERVAL)
                .decoder(() -> OrtDecoder.create(codec.weights()))
                .upscaler(Upscaler.EDGE_ADAPTIVE)
                .budget(BUDGET)
                .budgetRungs(followPlayer ? EnumSet.allOf(Rung.class)
                        : EnumSet.complementOf(EnumSet.of(Rung.DECODE_EVERY_OTHER_FRAME)))
                .build();
        this.overlay = new ProfilerOverlayState(neuroFrame, traceFolder);
        this.followPlayer = followPlayer;
    }

    /** The dream's latent source (reset, counters, scripted actions). */
    public DreamSource dream() {
        return dream;
    }

    /** The NeuroFrame state that shows the dream. */
    public NeuroFrameAppState neuroFrame() {
        return neuroFrame;
    }

    /** The profiler overlay (F3). */
    public ProfilerOverlayState overlay() {
        return overlay;
    }

    /** Whether the dream has been started from the engine's frame. */
    public boolean started() {
        return started;
    }

    @Override
    protected void initialize(Application app) {
        app.getStateManager().attach(neuroFrame);
        app.getStateManager().attach(overlay);
        controls.bind(app);
        refreshHelp();
    }

    @Override
    protected void cleanup(Application app) {
        controls.unbind(app);
        app.getStateManager().detach(overlay);
        app.getStateManager().detach(neuroFrame);
    }

    @Override
    protected void onEnable() {
        controls.show(((SimpleApplication) getApplication()).getGuiNode());
        neuroFrame.setEnabled(true);
        if (followPlayer) {
            game().player().setStepObserver(submitter);
        }
    }

    @Override
    protected void onDisable() {
        controls.hide();
        neuroFrame.setEnabled(false);
        overlay.setEnabled(false);
        game().player().setStepObserver(null);
    }

    @Override
    public void update(float tpf) {
        if (!started && game().player().isPlaced() && game().streamer().isSettled()) {
            dream.resetFromEngine();
            started = true;
        }
    }

    /** Restarts the dream from the engine's next frame. */
    public void resetFromEngine() {
        dream.resetFromEngine();
    }

    private void submit(PlayerInput input, float dt) {
        if (started) {
            input.writeAction(action);
            dream.submitAction(action, System.nanoTime());
        }
    }

    private void onKey(String name, boolean pressed, float tpf) {
        if (!pressed || !isEnabled()) {
            return;
        }
        if (RESET.equals(name)) {
            dream.resetFromEngine();
        } else {
            neuroFrame.setView(neuroFrame.view().next());
        }
        refreshHelp();
    }

    private void refreshHelp() {
        controls.setHelp("DREAM  WASD/mouse drive the world model   R restart from the engine   N view: "
                + neuroFrame.view().label() + "   F3 profiler   |   " + description);
    }

    private VoxelGame game() {
        return (VoxelGame) getApplication();
    }
}
