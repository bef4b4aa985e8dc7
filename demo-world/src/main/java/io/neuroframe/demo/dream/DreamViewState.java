package io.neuroframe.demo.dream;

import com.jme3.input.KeyInput;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.demo.neural.DemoWeights;
import io.neuroframe.demo.neural.PluginViewState;
import io.neuroframe.jme.NeuroFrameAppState;
import io.neuroframe.render.budget.QuantizedDecoder;
import io.neuroframe.render.budget.Rung;
import io.neuroframe.api.source.RenderHandoff;
import io.neuroframe.api.TimeSource;
import io.neuroframe.render.upscale.Upscaler;
import io.neuroframe.world.dream.DreamSource;
import io.neuroframe.world.dream.WorldStepper;
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
public final class DreamViewState extends PluginViewState {
    /** World steps a second at most: the frame rate of the training data. */
    public static final double STEPS_PER_SECOND = 20;
    private static final String RESET = "Dream.Reset";
    private static final String CYCLE_VIEW = "Dream.CycleView";
    private static final Map<String, Integer> KEYS = Map.of(RESET, KeyInput.KEY_R, CYCLE_VIEW, KeyInput.KEY_N);
    private static final Duration BUDGET = Duration.ofMillis(50);
    /** The engine is read back every few frames, so a reset finds a recent frame without a read-back each frame. */
    private static final int CAPTURE_INTERVAL = 4;

    private final DreamSource dream;
    private final boolean followPlayer;
    private final String description;

    private DreamViewState(DreamSource dream, NeuroFrameAppState neuroFrame, boolean followPlayer, Path traceFolder,
            String description) {
        super("DreamView", neuroFrame, traceFolder, KEYS);
        this.dream = dream;
        this.followPlayer = followPlayer;
        this.description = description;
    }

    /**
     * A dream view: the codec's encoder starts the dream from the engine's frame, its decoder shows it.
     *
     * @param codec the codec weights (encoder for the start frame, decoder for the dream)
     * @param stepper the world model; owned by the view from now on
     * @param followPlayer whether the player's inputs drive the dream; a scripted run submits its own
     *     and shows every dreamed step (the budget ladder may not skip decodes)
     * @param traceFolder where F4 writes the overlay's trace
     */
    public static DreamViewState create(DemoWeights codec, WorldStepper stepper, boolean followPlayer,
            Path traceFolder) {
        RenderHandoff engineFrames = new RenderHandoff();
        DreamSource dream = new DreamSource(stepper, OrtEncoder.create(codec.weights()), engineFrames,
                STEPS_PER_SECOND, TimeSource.SYSTEM);
        NeuroFrameAppState neuroFrame = NeuroFrameAppState.builder()
                .source(dream)
                .captureEngine(engineFrames, CAPTURE_INTERVAL)
                .decoder(() -> OrtDecoder.create(codec.weights()))
                .quantizedDecoder(QuantizedDecoder.int8(codec.weights(), OrtOptions.defaults()))
                .upscaler(Upscaler.EDGE_ADAPTIVE)
                .budget(BUDGET)
                .budgetRungs(followPlayer ? EnumSet.allOf(Rung.class)
                        : EnumSet.complementOf(EnumSet.of(Rung.DECODE_EVERY_OTHER_FRAME)))
                .build();
        return new DreamViewState(dream, neuroFrame, followPlayer, traceFolder,
                stepper.describe() + ", codec " + codec.description());
    }

    /** The dream's latent source (reset, counters, scripted actions). */
    public DreamSource dream() {
        return dream;
    }

    /** Restarts the dream from the engine's next frame. */
    public void resetFromEngine() {
        dream.resetFromEngine();
    }

    @Override
    protected void startFromEngine() {
        dream.resetFromEngine();
    }

    @Override
    protected boolean forwardsPlayerActions() {
        return followPlayer;
    }

    @Override
    protected void submitAction(FloatBuffer action, long nanoTime) {
        dream.submitAction(action, nanoTime);
    }

    @Override
    protected void onKey(String name) {
        if (RESET.equals(name)) {
            dream.resetFromEngine();
        } else {
            neuroFrame().setView(neuroFrame().view().next());
        }
    }

    @Override
    protected String help() {
        return "DREAM  WASD/mouse drive the world model   R restart from the engine   N view: "
                + neuroFrame().view().label() + "   F3 profiler   |   " + description;
    }
}
