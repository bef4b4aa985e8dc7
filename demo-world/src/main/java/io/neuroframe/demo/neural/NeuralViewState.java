package io.neuroframe.demo.neural;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.input.KeyInput;
import io.neuroframe.codec.Decoder;
import io.neuroframe.codec.OasisAction;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.demo.app.VoxelGame;
import io.neuroframe.demo.player.PlayerInput;
import io.neuroframe.demo.player.PlayerSimulation;
import io.neuroframe.jme.NeuralView;
import io.neuroframe.jme.NeuroFrameAppState;
import io.neuroframe.jme.ProfilerOverlayState;
import io.neuroframe.remote.RemoteConfig;
import io.neuroframe.remote.RemoteWorldModelSource;
import io.neuroframe.render.source.EncoderLoopbackSource;
import io.neuroframe.render.source.RenderHandoff;
import io.neuroframe.render.upscale.Upscaler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The demo's neural view: the game's own render is encoded to latents and decoded again by the
 * {@code nf-small} codec ({@link NeuroFrameAppState} with the encoder loopback), with the profiler
 * overlay; the budget ladder's last rung decodes with {@code nf-tiny} when its weights are there
 * ({@link DemoWeights#fallbackDecoder()}). N cycles the view (engine, neural, side by side), U cycles the upscalers, F3 shows the
 * overlay and F4 exports its trace. No adapter runs yet: none has been trained, and the help line
 * says so.
 *
 * <p>With a {@link RemoteConfig} the latents come from a world model served elsewhere
 * ({@link RemoteWorldModelSource}): once the terrain has loaded, the served world starts from the
 * encoded engine frame and each player step sends the player's Oasis action; while the server is
 * away the encoder loopback plays instead. The overlay (F3) shows the connection's line.
 */
public final class NeuralViewState extends BaseAppState {
    private static final String CYCLE_VIEW = "NeuralView.CycleView";
    private static final String CYCLE_UPSCALER = "NeuralView.CycleUpscaler";
    private static final Duration BUDGET = Duration.ofMillis(33);

    private final NeuroFrameAppState neuroFrame;
    private final ProfilerOverlayState overlay;
    private final String weightsDescription;
    private final RemoteWorldModelSource remote;
    private final ViewControls controls = new ViewControls(this::onKey,
            Map.of(CYCLE_VIEW, KeyInput.KEY_N, CYCLE_UPSCALER, KeyInput.KEY_U));
    private final FloatBuffer action = ByteBuffer.allocateDirect(OasisAction.SIZE * Float.BYTES)
            .order(ByteOrder.nativeOrder()).asFloatBuffer();
    private final PlayerSimulation.StepObserver submitter = this::submit;
    private boolean playing;

    /**
     * @param weights the codec weights for the encoder and the decoder
     * @param traceFolder where F4 writes the overlay's trace
     */
    public NeuralViewState(DemoWeights weights, Path traceFolder) {
        this(weights, traceFolder, null);
    }

    /**
     * A neural view whose latents come from the world model served at {@code remote}, with the
     * encoder loopback as the fallback while the server is away.
     *
     * @param weights the codec weights for the decoder and the fallback's encoder
     * @param traceFolder where F4 writes the overlay's trace
     * @param remote the served world model, or {@code null} for the encoder loopback alone
     */
    public NeuralViewState(DemoWeights weights, Path traceFolder, RemoteConfig remote) {
        this(weights, traceFolder, () -> OrtDecoder.create(weights.weights()), Upscaler.EDGE_ADAPTIVE, BUDGET, remote);
    }

    /**
     * A neural view with its own decoder, upscaler and frame budget (frame-time measurements use a budget no
     * frame reaches, so the budget ladder never changes what is measured).
     *
     * @param weights the codec weights for the encoder (and named in the help line)
     * @param traceFolder where F4 writes the overlay's trace
     * @param decoder makes a new decoder on each call
     * @param upscaler the upscaler at full quality
     * @param budget the frame budget of the ladder
     */
    public NeuralViewState(DemoWeights weights, Path traceFolder, Supplier<? extends Decoder> decoder,
            Upscaler upscaler, Duration budget) {
        this(weights, traceFolder, decoder, upscaler, budget, null);
    }

    private NeuralViewState(DemoWeights weights, Path traceFolder, Supplier<? extends Decoder> decoder,
            Upscaler upscaler, Duration budget, RemoteConfig remoteConfig) {
        super("NeuralView");
        this.weightsDescription = weights.description();
        NeuroFrameAppState.Builder builder = NeuroFrameAppState.builder();
        if (remoteConfig == null) {
            this.remote = null;
            builder.encoderLoopback(OrtEncoder.create(weights.weights()), 1);
        } else {
            RenderHandoff engineFrames = new RenderHandoff();
            this.remote = RemoteWorldModelSource.connect(remoteConfig,
                    new EncoderLoopbackSource(OrtEncoder.create(weights.weights()), engineFrames));
            builder.captureEngine(engineFrames, 1).source(remote);
        }
        builder.decoder(decoder)
                .upscaler(upscaler)
                .budget(budget);
        Supplier<Decoder> fallback = DemoWeights.fallbackDecoder();
        if (fallback != null) {
            builder.fallbackDecoder(fallback);
        }
        this.neuroFrame = builder.build();
        this.overlay = new ProfilerOverlayState(neuroFrame, traceFolder);
    }

    /** The NeuroFrame state this view drives. */
    public NeuroFrameAppState neuroFrame() {
        return neuroFrame;
    }

    /** The profiler overlay (F3). */
    public ProfilerOverlayState overlay() {
        return overlay;
    }

    /** The served world model the latents come from, or {@code null} when the encoder loopback alone plays. */
    public RemoteWorldModelSource remote() {
        return remote;
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
        if (remote != null) {
            game().player().setStepObserver(submitter);
        }
    }

    @Override
    protected void onDisable() {
        controls.hide();
        neuroFrame.setEnabled(false);
        overlay.setEnabled(false);
        if (remote != null) {
            game().player().setStepObserver(null);
        }
    }

    @Override
    public void update(float tpf) {
        if (remote != null && !playing && game().player().isPlaced() && game().streamer().isSettled()) {
            remote.restartFromFallback();
            playing = true;
        }
    }

    /** Shows {@code view} and updates the help line. */
    public void setView(NeuralView view) {
        neuroFrame.setView(view);
        refreshHelp();
    }

    private void submit(PlayerInput input, float dt) {
        if (playing) {
            input.writeAction(action);
            remote.submitAction(action, System.nanoTime());
        }
    }

    private VoxelGame game() {
        return (VoxelGame) getApplication();
    }

    private void onKey(String name, boolean pressed, float tpf) {
        if (!pressed || !isEnabled()) {
            return;
        }
        if (CYCLE_VIEW.equals(name)) {
            neuroFrame.setView(neuroFrame.view().next());
        } else {
            Upscaler[] all = Upscaler.values();
            neuroFrame.setPreferredUpscaler(all[(neuroFrame.preferredUpscaler().ordinal() + 1) % all.length]);
        }
        refreshHelp();
    }

    private void refreshHelp() {
        controls.setHelp("N view: " + neuroFrame.view().label() + "   U upscaler: " + neuroFrame.preferredUpscaler()
                + "   F3 profiler   |   " + (remote == null ? "codec only" : remote.describe())
                + " (no adapter trained yet), " + weightsDescription);
    }
}
