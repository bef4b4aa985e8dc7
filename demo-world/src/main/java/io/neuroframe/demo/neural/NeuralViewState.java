package io.neuroframe.demo.neural;

import com.jme3.input.KeyInput;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.FaultKind;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.jme.NeuralView;
import io.neuroframe.jme.NeuroFrameAppState;
import io.neuroframe.remote.RemoteConfig;
import io.neuroframe.remote.RemoteWorldModelSource;
import io.neuroframe.render.FramePipeline;
import io.neuroframe.render.budget.QuantizedDecoder;
import io.neuroframe.render.budget.Rung;
import io.neuroframe.render.source.EncoderLoopbackSource;
import io.neuroframe.api.source.RenderHandoff;
import io.neuroframe.render.upscale.Upscaler;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The demo's neural view: the game's own render is encoded to latents and decoded again by the
 * {@code nf-small} codec ({@link NeuroFrameAppState} with the encoder loopback), with the profiler
 * overlay; the budget ladder's last rung decodes with {@code nf-tiny} when its weights are there
 * ({@link DemoWeights#fallbackDecoder()}). N cycles the view (engine, neural, side by side), U cycles the upscalers, F3 shows the
 * overlay and F4 exports its trace. By default no adapter runs: none trained in the adapter
 * experiment lowered the codec's error (docs/adapter-experiment.md), and the help line says so.
 *
 * <p>With a {@link DemoAdapter} the trained adapter runs between encoder and decoder and T switches
 * it off and on ({@link FramePipeline#setAdapterEnabled}: a flag the latent thread reads, nothing is
 * rebuilt and the render thread never waits). The budget ladder keeps to its rungs that run the
 * adapter (full quality, cheaper upscaler; the later ones, the fallback decoder's among them, skip
 * it), so the switch alone decides. The help line says which is running; an adapter that throws or
 * writes non-finite values is bypassed by the pipeline (a fault on the overlay) and the help line
 * says it is failing.
 *
 * <p>With a {@link RemoteConfig} the latents come from a world model served elsewhere
 * ({@link RemoteWorldModelSource}): once the terrain has loaded, the served world starts from the
 * encoded engine frame and each player step sends the player's Oasis action; while the server is
 * away the encoder loopback plays instead. The overlay (F3) shows the connection's line.
 */
public final class NeuralViewState extends PluginViewState {
    private static final String CYCLE_VIEW = "NeuralView.CycleView";
    private static final String CYCLE_UPSCALER = "NeuralView.CycleUpscaler";
    private static final String SWITCH_ADAPTER = "NeuralView.SwitchAdapter";
    private static final Map<String, Integer> KEYS = Map.of(CYCLE_VIEW, KeyInput.KEY_N, CYCLE_UPSCALER, KeyInput.KEY_U);
    private static final Map<String, Integer> KEYS_WITH_ADAPTER = Map.of(CYCLE_VIEW, KeyInput.KEY_N,
            CYCLE_UPSCALER, KeyInput.KEY_U, SWITCH_ADAPTER, KeyInput.KEY_T);
    private static final Duration BUDGET = Duration.ofMillis(33);
    /** The budget ladder's rungs that still run the adapter: with one, the switch alone decides whether it runs. */
    private static final Set<Rung> RUNGS_WITH_ADAPTER = Arrays.stream(Rung.values()).filter(r -> !r.skipsAdapter())
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Rung.class)));

    private final String weightsDescription;
    private final RemoteWorldModelSource remote;
    private final DemoAdapter adapter;
    private boolean adapterOn = true;
    private boolean adapterFailing;

    private NeuralViewState(NeuroFrameAppState neuroFrame, RemoteWorldModelSource remote, DemoWeights weights,
            Path traceFolder, DemoAdapter adapter) {
        super("NeuralView", neuroFrame, traceFolder, adapter == null ? KEYS : KEYS_WITH_ADAPTER);
        this.remote = remote;
        this.adapter = adapter;
        this.weightsDescription = weights.description();
    }

    /**
     * The game's render through the codec (encoder loopback), with the default decoder, upscaler and budget.
     *
     * @param weights the codec weights for the encoder and the decoder
     * @param traceFolder where F4 writes the overlay's trace
     */
    public static NeuralViewState loopback(DemoWeights weights, Path traceFolder) {
        return loopback(weights, traceFolder, null);
    }

    /**
     * The encoder loopback with a trained adapter between encoder and decoder, switched on at the start.
     *
     * @param weights the codec weights for the encoder and the decoder
     * @param traceFolder where F4 writes the overlay's trace
     * @param adapter the adapter, or {@code null} for the codec alone
     */
    public static NeuralViewState loopback(DemoWeights weights, Path traceFolder, DemoAdapter adapter) {
        NeuroFrameAppState.Builder builder = plugin(() -> OrtDecoder.create(weights.weights()), int8(weights),
                Upscaler.EDGE_ADAPTIVE, BUDGET, adapter == null).encoderLoopback(() -> OrtEncoder.create(weights.weights()), 1);
        if (adapter != null) {
            builder.adapter(adapter::open).budgetRungs(RUNGS_WITH_ADAPTER);
        }
        return new NeuralViewState(builder.build(), null, weights, traceFolder, adapter);
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
        NeuroFrameAppState.Builder builder = plugin(decoder, null, upscaler, budget, true)
                .encoderLoopback(() -> OrtEncoder.create(weights.weights()), 1);
        return new NeuralViewState(builder.build(), null, weights, traceFolder, null);
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
        NeuroFrameAppState.Builder builder = plugin(() -> OrtDecoder.create(weights.weights()), int8(weights),
                Upscaler.EDGE_ADAPTIVE, BUDGET, true).captureEngine(engineFrames, 1).source(source);
        return new NeuralViewState(builder.build(), source, weights, traceFolder, null);
    }

    /** The int8 form of the weights' decoder, the ladder's first step down. */
    private static Supplier<Decoder> int8(DemoWeights weights) {
        return QuantizedDecoder.int8(weights.weights(), OrtOptions.defaults());
    }

    /**
     * The plugin's common settings; {@code quantized}: the decoder's quantized form or null; {@code fallbackRung}: with
     * nf-tiny as the ladder's last rung where it is there.
     */
    private static NeuroFrameAppState.Builder plugin(Supplier<? extends Decoder> decoder,
            Supplier<? extends Decoder> quantized, Upscaler upscaler, Duration budget, boolean fallbackRung) {
        NeuroFrameAppState.Builder builder = NeuroFrameAppState.builder()
                .decoder(decoder)
                .upscaler(upscaler)
                .budget(budget);
        if (quantized != null) {
            builder.quantizedDecoder(quantized);
        }
        Supplier<Decoder> fallback = fallbackRung ? DemoWeights.fallbackDecoder() : null;
        if (fallback != null) {
            builder.fallbackDecoder(fallback);
        }
        return builder;
    }

    /** The served world model the latents come from, or {@code null} when the encoder loopback alone plays. */
    public RemoteWorldModelSource remote() {
        return remote;
    }

    /** The trained adapter in the pipeline, or {@code null} when the codec runs alone. */
    public DemoAdapter adapter() {
        return adapter;
    }

    /** Whether the adapter is switched on (false without an adapter). */
    public boolean adapterOn() {
        return adapter != null && adapterOn;
    }

    /**
     * Switches the adapter on or off (T does the same) and updates the help line; latents the pipeline takes from
     * now on are adapted or not. Render thread only.
     *
     * @throws IllegalStateException when the view has no adapter
     */
    public void setAdapterOn(boolean on) {
        if (adapter == null) {
            throw new IllegalStateException("the neural view runs without an adapter");
        }
        adapterOn = on;
        FramePipeline pipeline = neuroFrame().pipeline();
        if (pipeline != null) {
            pipeline.setAdapterEnabled(on);
        }
        refreshHelp();
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

    /** Keeps a pipeline that started after a switch in step with it, and the help line with the adapter's faults. */
    @Override
    protected void updateView() {
        FramePipeline pipeline = neuroFrame().pipeline();
        if (adapter == null || pipeline == null) {
            return;
        }
        if (pipeline.adapterEnabled() != adapterOn) {
            pipeline.setAdapterEnabled(adapterOn);
        }
        boolean failing = pipeline.faults().active(FaultKind.ADAPTER_ERROR);
        if (failing != adapterFailing) {
            adapterFailing = failing;
            refreshHelp();
        }
    }

    @Override
    protected void onKey(String name) {
        if (CYCLE_VIEW.equals(name)) {
            neuroFrame().setView(neuroFrame().view().next());
        } else if (SWITCH_ADAPTER.equals(name)) {
            setAdapterOn(!adapterOn);
        } else {
            Upscaler[] all = Upscaler.values();
            neuroFrame().setPreferredUpscaler(all[(neuroFrame().preferredUpscaler().ordinal() + 1) % all.length]);
        }
    }

    @Override
    protected String help() {
        if (adapter == null) {
            return "N view: " + neuroFrame().view().label() + "   U upscaler: " + neuroFrame().preferredUpscaler()
                    + "   F3 profiler   |   " + (remote == null ? "codec only" : remote.describe())
                    + " (no adapter: none beat the codec alone), " + weightsDescription;
        }
        return "N view: " + neuroFrame().view().label() + "   U upscaler: " + neuroFrame().preferredUpscaler()
                + "   T " + adapterLabel() + "   F3 profiler   |   codec + adapter, " + weightsDescription;
    }

    /**
     * What the help line says of the adapter: {@code adapter: NAME on} (with {@code , failing: passthrough} while
     * the pipeline bypasses it) or {@code adapter off}.
     */
    private String adapterLabel() {
        if (adapter == null || !adapterOn) {
            return "adapter off";
        }
        return "adapter: " + adapter.name() + " on" + (adapterFailing ? ", failing: passthrough" : "");
    }
}
