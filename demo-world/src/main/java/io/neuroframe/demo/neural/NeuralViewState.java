package io.neuroframe.demo.neural;

import com.jme3.input.KeyInput;
import io.neuroframe.api.Decoder;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.jme.NeuralView;
import io.neuroframe.jme.NeuroFrameAppState;
import io.neuroframe.remote.RemoteConfig;
import io.neuroframe.remote.RemoteWorldModelSource;
import io.neuroframe.render.source.EncoderLoopbackSource;
import io.neuroframe.api.source.RenderHandoff;
import io.neuroframe.render.upscale.Upscaler;
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
 * overlay and F4 exports its trace. No adapter runs: none trained in the adapter experiment lowered
 * the codec's error (docs/adapter-experiment.md), and the help line says so.
 *
 * <p>With a {@link RemoteConfig} the latents come from a world model served elsewhere
 * ({@link RemoteWorldModelSource}): once the terrain has loaded, the served world starts from the
 * encoded engine frame and each player step sends the player's Oasis action; while the server is
 * away the encoder loopback plays instead. The overlay (F3) shows the connection's line.
 */
public final class NeuralViewState extends PluginViewState {
    private static final String CYCLE_VIEW = "NeuralView.CycleView";
    private static final String CYCLE_UPSCALER = "NeuralView.CycleUpscaler";
    private static final Map<String, Integer> KEYS = Map.of(CYCLE_VIEW, KeyInput.KEY_N, CYCLE_UPSCALER, KeyInput.KEY_U);
    private static final Duration BUDGET = Duration.ofMillis(33);

    private final String weightsDescription;
    private final RemoteWorldModelSource remote;

    private NeuralViewState(NeuroFrameAppState neuroFrame, RemoteWorldModelSource remote, DemoWeights weights,
            Path traceFolder) {
        super("NeuralView", neuroFrame, traceFolder, KEYS);
        this.remote = remote;
        this.weightsDescription = weights.description();
    }

    /**
     * The game's render through the codec (encoder loopback), with the default decoder, upscaler and budget.
     *
     * @param weights the codec weights for the encoder and the decoder
     * @param traceFolder where F4 writes the overlay's trace
     */
    public static NeuralViewState loopback(DemoWeights weights, Path traceFolder) {
        return measured(weights, traceFolder, () -> OrtDecoder.create(weights.weights()), Upscaler.EDGE_ADAPTIVE,
                BUDGET);
    }

    /**
     * The encoder loopback with its own decoder, upscaler and frame budget (frame-time measurements use a budget no
     * frame reaches, so the budget ladder never changes what is measured).
     *
     * @param weights the codec weights for the encoder (and named in the help line)
     * @param traceFolder where F4 writes the overlay's trace
     * @param decoder makes a new decoder on each call
     * @param upscaler the upscaler at full quality
     * @param budget the frame budget of the ladder
     */
    public static NeuralViewState measured(DemoWeights weights, Path traceFolder, Supplier<? extends Decoder> decoder,
            Upscaler upscaler, Duration budget) {
        NeuroFrameAppState.Builder builder = plugin(decoder, upscaler, budget)
                .encoderLoopback(() -> OrtEncoder.create(weights.weights()), 1);
        return new NeuralViewState(builder.build(), null, weights, traceFolder);
    }

    /**
     * Latents from the world model served at {@code remote}, with the encoder loopback as the fallback while the
     * server is away.
     *
     * @param weights the codec weights for the decoder and the fallback's encoder
     * @param traceFolder where F4 writes the overlay's trace
     * @param remote where the world model is served
     */
    public static NeuralViewState remote(DemoWeights weights, Path traceFolder, RemoteConfig remote) {
        RenderHandoff engineFrames = new RenderHandoff();
        RemoteWorldModelSource source = RemoteWorldModelSource.connect(remote,
                new EncoderLoopbackSource(OrtEncoder.create(weights.weights()), engineFrames));
        NeuroFrameAppState.Builder builder = plugin(() -> OrtDecoder.create(weights.weights()), Upscaler.EDGE_ADAPTIVE,
                BUDGET).captureEngine(engineFrames, 1).source(source);
        return new NeuralViewState(builder.build(), source, weights, traceFolder);
    }

    private static NeuroFrameAppState.Builder plugin(Supplier<? extends Decoder> decoder, Upscaler upscaler,
            Duration budget) {
        NeuroFrameAppState.Builder builder = NeuroFrameAppState.builder()
                .decoder(decoder)
                .upscaler(upscaler)
                .budget(budget);
        Supplier<Decoder> fallback = DemoWeights.fallbackDecoder();
        if (fallback != null) {
            builder.fallbackDecoder(fallback);
        }
        return builder;
    }

    /** The served world model the latents come from, or {@code null} when the encoder loopback alone plays. */
    public RemoteWorldModelSource remote() {
        return remote;
    }

    /** Shows {@code view} and updates the help line. */
    public void setView(NeuralView view) {
        neuroFrame().setView(view);
        refreshHelp();
    }

    @Override
    protected void startFromEngine() {
        if (remote != null) {
            remote.restartFromFallback();
        }
    }

    @Override
    protected boolean forwardsPlayerActions() {
        return remote != null;
    }

    @Override
    protected void submitAction(FloatBuffer action, long nanoTime) {
        remote.submitAction(action, nanoTime);
    }

    @Override
    protected void onKey(String name) {
        if (CYCLE_VIEW.equals(name)) {
            neuroFrame().setView(neuroFrame().view().next());
        } else {
            Upscaler[] all = Upscaler.values();
            neuroFrame().setPreferredUpscaler(all[(neuroFrame().preferredUpscaler().ordinal() + 1) % all.length]);
        }
    }

    @Override
    protected String help() {
        return "N view: " + neuroFrame().view().label() + "   U upscaler: " + neuroFrame().preferredUpscaler()
                + "   F3 profiler   |   " + (remote == null ? "codec only" : remote.describe())
                + " (no adapter: none beat the codec alone), " + weightsDescription;
    }
}
