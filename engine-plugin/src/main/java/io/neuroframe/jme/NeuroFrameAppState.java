package io.neuroframe.jme;

import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;
import com.jme3.renderer.Caps;
import com.jme3.renderer.Renderer;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.opengl.GLRenderer;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.TimeSource;
import io.neuroframe.api.frame.RowOrder;
import io.neuroframe.api.source.LatentSource;
import io.neuroframe.api.source.RemoteLatentSource;
import io.neuroframe.api.source.RenderHandoff;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.render.DecodedFrame;
import io.neuroframe.render.FramePipeline;
import io.neuroframe.render.budget.BudgetSettings;
import io.neuroframe.render.budget.Rung;
import io.neuroframe.render.source.EncoderLoopbackSource;
import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageClock;
import io.neuroframe.render.upscale.Upscaler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Puts a neural world model's frames on screen: runs a {@link FramePipeline} (latent source,
 * adapter, decoder) on worker threads, streams each finished frame into a texture and upscales
 * it to the viewport with a GLSL pass, all under a frame budget.
 *
 * <pre>{@code
 * VitVaeWeights codec = VitVaeWeights.load(Path.of("models/nf-small.safetensors"), VitVaeConfig.NF_SMALL);
 * CodecBackend backend = CodecBackends.get();
 * stateManager.attach(NeuroFrameAppState.builder()
 *         .encoderLoopback(() -> backend.encoder(codec.encoderOnly()), 1)
 *         .decoder(() -> backend.decoder(codec.decoderOnly()))
 *         .upscaler(Upscaler.EDGE_ADAPTIVE)
 *         .budget(Duration.ofMillis(33))
 *         .build());
 * }</pre>
 *
 * <p>Lifecycle (jME's {@link BaseAppState} contract): {@code initialize} checks the GL version
 * and starts the pipeline on a thread of its own (source, adapter and the first decoder are made
 * there, never on the render thread); {@code onEnable} shows the upscale pass, {@code onDisable}
 * hides it; {@code cleanup} (on detach) stops the pipeline's threads, closes its source, adapter
 * and decoders, and deletes the texture. The state can be detached and attached again: each
 * attach makes a new source, adapter and decoders from the builder's suppliers (a source or
 * adapter given as an instance serves one attach only, and a second attach reports that in
 * {@link #startupFailure()}). The render thread never waits on inference: it shows the newest
 * finished frame, or keeps the last one. Without jME's OpenGL renderer at GLSL 1.50 or above (a
 * headless context, for one) the pipeline runs and decodes but nothing is drawn.
 */
public final class NeuroFrameAppState extends BaseAppState {
    private static final Logger LOG = Logger.getLogger(NeuroFrameAppState.class.getName());
    /** Where the pipeline, the engine stages and the frame capture read the time. */
    private static final TimeSource TIME = TimeSource.SYSTEM;

    private final Supplier<? extends LatentSource> sources;
    private final Supplier<? extends LatentAdapter> adapters;
    private final Supplier<? extends Decoder> decoders;
    private final Supplier<? extends Decoder> quantizedDecoders;
    private final Supplier<? extends Decoder> fallbackDecoders;
    private final BudgetSettings budget;
    private final Duration decodeTimeout;
    private final RenderHandoff loopbackHandoff;
    private final boolean encodesEngineFrames;
    private final boolean freshEngineFramesOnly;
    private final int captureInterval;
    private final Upscaler cheaperUpscaler;
    private Upscaler preferredUpscaler;

    private PipelineStartup startup;
    private volatile RemoteLatentSource remoteSource;
    private boolean gpuUpscale;
    private StreamedFrameTexture frameTexture;
    private UpscalePass upscalePass;
    private EngineFrameCapture capture;
    private ViewPort capturedView;
    private NeuralView view = NeuralView.NEURAL;
    private Upscaler upscaler;
    private long shownFrameId;

    private NeuroFrameAppState(Builder b) {
        super("NeuroFrame");
        this.sources = b.sources;
        this.adapters = b.adapters;
        this.decoders = b.decoders;
        this.quantizedDecoders = b.quantizedDecoders;
        this.fallbackDecoders = b.fallbackDecoders;
        this.budget = BudgetSettings.forBudget(b.budget).withRungs(b.rungs);
        this.decodeTimeout = b.decodeTimeout;
        this.loopbackHandoff = b.loopbackHandoff;
        this.encodesEngineFrames = b.encodesEngineFrames;
        this.freshEngineFramesOnly = b.encodesEngineFrames && !Boolean.FALSE.equals(b.freshEngineFramesOnly);
        this.captureInterval = b.captureInterval;
        this.preferredUpscaler = b.upscaler;
        this.cheaperUpscaler = b.cheaperUpscaler;
        this.upscaler = b.upscaler;
    }

    /** Starts a builder; a source and a decoder are required, everything else has a default. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void initialize(Application app) {
        Renderer renderer = app.getRenderer();
        gpuUpscale = renderer instanceof GLRenderer && renderer.getCaps().contains(Caps.GLSL150);
        if (!gpuUpscale) {
            LOG.warning("NeuroFrame: " + renderer.getClass().getSimpleName() + " is not an OpenGL 3.2+ (GLSL 1.50)"
                    + " renderer: frames are decoded but not drawn (no GPU upscale)");
        }
        shownFrameId = 0;
        upscaler = preferredUpscaler;
        startup = new PipelineStartup(this::startPipeline, "neuroframe-startup");
        if (gpuUpscale) {
            frameTexture = new StreamedFrameTexture(LatentContract.IMAGE_WIDTH, LatentContract.IMAGE_HEIGHT);
            if (loopbackHandoff != null) {
                capture = new EngineFrameCapture(loopbackHandoff, captureInterval, TIME,
                        EngineFrameCapture.synchronousRequested());
                capturedView = app.getViewPort();
            }
        }
    }

    /** Runs on the start-up thread: makes this attach's source, adapter and decoders and starts the pipeline. */
    private FramePipeline startPipeline() {
        LatentSource source = sources.get();
        LatentAdapter adapter = null;
        try {
            FramePipeline.Builder pipeline = FramePipeline.builder()
                    .rowOrder(RowOrder.BOTTOM_UP)
                    .source(Objects.requireNonNull(source, "the source supplier returned null"))
                    .timeSource(TIME)
                    .decoder(decoders)
                    .budget(budget)
                    .decodeTimeout(decodeTimeout)
                    // The loopback's images may be skipped: encode one only when the decoder is ready for it.
                    .backToBack(encodesEngineFrames)
                    .freshFramesOnly(freshEngineFramesOnly);
            if (adapters != null) {
                adapter = Objects.requireNonNull(adapters.get(), "the adapter supplier returned null");
                pipeline.adapter(adapter);
            }
            if (quantizedDecoders != null) {
                pipeline.quantizedDecoder(quantizedDecoders);
            }
            if (fallbackDecoders != null) {
                pipeline.fallbackDecoder(fallbackDecoders);
            }
            FramePipeline running = pipeline.build();
            remoteSource = source instanceof RemoteLatentSource remote ? remote : null;
            LOG.info(() -> "NeuroFrame: " + running.describe());
            return running;
        } catch (RuntimeException e) {
            source.close();
            if (adapter != null) {
                adapter.close();
            }
            throw e;
        }
    }

    @Override
    protected void onEnable() {
        if (upscalePass != null) {
            upscalePass.attach(view);
        }
        if (capture != null) {
            capturedView.addProcessor(capture);
        }
    }

    @Override
    protected void onDisable() {
        if (upscalePass != null) {
            upscalePass.detach();
        }
        if (capture != null) {
            capturedView.removeProcessor(capture);
        }
    }

    @Override
    protected void cleanup(Application app) {
        // onDisable has already removed the upscale views (BaseAppState disables before cleanup).
        startup.cancel();
        remoteSource = null;
        if (frameTexture != null) {
            frameTexture.dispose();
        }
        frameTexture = null;
        upscalePass = null;
        capture = null;
        capturedView = null;
    }

    @Override
    public void update(float tpf) {
        if (capture != null) {
            // jME has just dispatched this frame's input: the frame the capture reads back shows it.
            capture.frameStarted(TIME.nanoTime());
        }
        FramePipeline pipeline = startup.pipeline();
        if (pipeline == null || !gpuUpscale) {
            return;
        }
        if (upscalePass == null) {
            Application app = getApplication();
            upscalePass = new UpscalePass(app.getAssetManager(), app.getRenderManager(), app.getCamera(), frameTexture,
                    pipeline.clock(), this::showNewestFrame);
            upscalePass.setUpscaler(upscaler);
            if (isEnabled()) {
                upscalePass.attach(view);
            }
        }
        Upscaler wanted = pipeline.rung().cheaperUpscaler() ? cheaperUpscaler : preferredUpscaler;
        if (wanted != upscaler) {
            upscaler = wanted;
            upscalePass.setUpscaler(wanted);
        }
        upscalePass.update();
    }

    /**
     * Uploads the pipeline's newest frame, if it is not on screen yet, just before the upscale pass draws (the
     * pass calls this on the render thread after the game's own view and its read-back).
     */
    private void showNewestFrame(Renderer renderer) {
        FramePipeline pipeline = startup.pipeline();
        DecodedFrame frame = pipeline == null ? null : pipeline.latestFrame();
        if (frame == null || frame.frameId() == shownFrameId) {
            return;
        }
        shownFrameId = frame.frameId();
        StageClock clock = pipeline.clock();
        long start = clock.now();
        frameTexture.show(frame.rgba());
        frameTexture.upload(renderer);
        clock.record(shownFrameId, Stage.UPLOAD, start, clock.now());
        upscalePass.showFrame(shownFrameId);
    }

    @Override
    public void postRender() {
        if (capture != null) {
            capture.frameEnded();
        }
    }

    /**
     * The running pipeline (clock, budget, faults); {@code null} before the state is attached,
     * while the pipeline is still starting (see {@link #startupFailure()} when it never comes) and
     * after detach.
     */
    public FramePipeline pipeline() {
        return startup == null ? null : startup.pipeline();
    }

    /** Why the pipeline of the current attach could not start, or {@code null}. */
    public RuntimeException startupFailure() {
        return startup == null ? null : startup.failure();
    }

    /** The latent source when it is a remote one (its state and round trip go on the overlay), else {@code null}. */
    public RemoteLatentSource remoteSource() {
        return remoteSource;
    }

    /** What is on screen. */
    public NeuralView view() {
        return view;
    }

    /** Chooses what is on screen. */
    public void setView(NeuralView view) {
        this.view = Objects.requireNonNull(view, "view");
        if (isEnabled() && upscalePass != null) {
            upscalePass.attach(view);
        }
    }

    /** The upscaler drawn now: the cheaper one while the budget ladder asks for it, bilinear if a shader failed. */
    public Upscaler upscaler() {
        return upscalePass == null ? upscaler : upscalePass.upscaler();
    }

    /** Chooses the upscaler used at full quality (the budget ladder may still pick the cheaper one). */
    public void setPreferredUpscaler(Upscaler upscaler) {
        this.preferredUpscaler = Objects.requireNonNull(upscaler, "upscaler");
    }

    /** The upscaler used at full quality. */
    public Upscaler preferredUpscaler() {
        return preferredUpscaler;
    }

    /** GPU time of the newest finished upscale pass in nanoseconds, or -1 where timer queries are unavailable. */
    public long upscaleGpuNanos() {
        return upscalePass == null ? -1 : upscalePass.gpuNanos();
    }

    /** Whether GL timer queries are available for {@link #upscaleGpuNanos()}. */
    public boolean gpuTimingSupported() {
        return upscalePass != null && upscalePass.gpuTimingSupported();
    }

    /**
     * Configures a {@link NeuroFrameAppState}. Errors that can be found before the engine starts
     * (missing model files, missing source or decoder, bad settings) are thrown by the setters or
     * {@link #build()}; sources, adapters and decoders are made when the state is attached, on a
     * thread of the state's own.
     */
    public static final class Builder {
        private Supplier<? extends LatentSource> sources;
        private Supplier<? extends LatentAdapter> adapters;
        private Supplier<? extends Decoder> decoders;
        private Supplier<? extends Decoder> quantizedDecoders;
        private Supplier<? extends Decoder> fallbackDecoders;
        private RenderHandoff loopbackHandoff;
        private boolean encodesEngineFrames;
        /** Null: the default (on with the encoder loopback). */
        private Boolean freshEngineFramesOnly;
        private Upscaler upscaler = Upscaler.EDGE_ADAPTIVE;
        private Upscaler cheaperUpscaler = Upscaler.BILINEAR;
        private Duration budget = Duration.ofMillis(33);
        private Set<Rung> rungs = EnumSet.allOf(Rung.class);
        private Duration decodeTimeout = Duration.ofSeconds(2);
        private int captureInterval = 1;

        private Builder() {
        }

        /**
         * Latents from sources of your own (a world model, a recording, a server): the supplier is
         * called on every attach and must make a new source each time.
         */
        public Builder source(Supplier<? extends LatentSource> sources) {
            this.sources = Objects.requireNonNull(sources, "sources");
            this.encodesEngineFrames = false;
            return this;
        }

        /** Latents from {@code source}; it is closed on detach, so a state built this way attaches once. */
        public Builder source(LatentSource source) {
            return source(once(Objects.requireNonNull(source, "source"), "source"));
        }

        /**
         * Latents from the engine's own render: the main view port is read back every
         * {@code everyNthFrame} frames and encoded on the pipeline's worker thread by an encoder
         * from {@code encoders} (called on every attach, off the render thread). An image is encoded
         * only once the decoder is ready for its latent ({@code FramePipeline.Builder.backToBack}),
         * so encode and decode of one frame run back to back rather than contending for the cores, and
         * only an image rendered after that ({@link #freshEngineFramesOnly}).
         */
        public Builder encoderLoopback(Supplier<? extends Encoder> encoders, int everyNthFrame) {
            Objects.requireNonNull(encoders, "encoders");
            RenderHandoff handoff = new RenderHandoff();
            captureEngine(handoff, everyNthFrame);
            source(() -> new EncoderLoopbackSource(
                    Objects.requireNonNull(encoders.get(), "the encoder supplier returned null"), handoff));
            encodesEngineFrames = true;
            return this;
        }

        /**
         * With the encoder loopback: whether each frame is encoded from an image the engine rendered after the
         * decoder became ready (default {@code true}), never from one that waited through the previous frame's
         * encode and decode ({@code FramePipeline.Builder.freshFramesOnly}). Fresh frames cut motion-to-photon and
         * the mean age of the image on screen, for fewer neural frames per second ({@code perf/RESULTS.md},
         * "fresh frames only"); {@code false} shows more frames, each older.
         */
        public Builder freshEngineFramesOnly(boolean fresh) {
            this.freshEngineFramesOnly = fresh;
            return this;
        }

        /**
         * Reads the main view port back every {@code everyNthFrame} frames (resampled to 640 x 360)
         * and publishes it to {@code handoff}, for a source of your own that looks at the engine's
         * render (a world model that restarts from the engine's frame, for example).
         */
        public Builder captureEngine(RenderHandoff handoff, int everyNthFrame) {
            Objects.requireNonNull(handoff, "handoff");
            if (everyNthFrame < 1) {
                throw new IllegalArgumentException("everyNthFrame must be >= 1, got " + everyNthFrame);
            }
            loopbackHandoff = handoff;
            captureInterval = everyNthFrame;
            return this;
        }

        /**
         * The decoder; the supplier must make a new decoder on each call (on every attach, and
         * again to replace a hung decoder), and is never called on the render thread.
         */
        public Builder decoder(Supplier<? extends Decoder> decoders) {
            this.decoders = Objects.requireNonNull(decoders, "decoders");
            return this;
        }

        /** A decoder from any ONNX file that follows the documented decoder contract (checked now). */
        public Builder decoderOnnx(Path onnxFile) {
            Objects.requireNonNull(onnxFile, "onnxFile");
            if (!Files.isRegularFile(onnxFile)) {
                throw new IllegalArgumentException("decoder ONNX file not found: " + onnxFile.toAbsolutePath());
            }
            OrtDecoder.fromFile(onnxFile).close();
            return decoder(() -> OrtDecoder.fromFile(onnxFile));
        }

        /**
         * A quantized form of the main decoder that keeps its quality, for the ladder's first step down (optional),
         * e.g. {@code QuantizedDecoder.int8}.
         */
        public Builder quantizedDecoder(Supplier<? extends Decoder> decoders) {
            this.quantizedDecoders = Objects.requireNonNull(decoders, "quantizedDecoders");
            return this;
        }

        /** A cheaper decoder for the last rung of the budget ladder (optional). */
        public Builder fallbackDecoder(Supplier<? extends Decoder> decoders) {
            this.fallbackDecoders = Objects.requireNonNull(decoders, "fallbackDecoders");
            return this;
        }

        /** The adapter between source and decoder (optional); the supplier makes a new one on every attach. */
        public Builder adapter(Supplier<? extends LatentAdapter> adapters) {
            this.adapters = Objects.requireNonNull(adapters, "adapters");
            return this;
        }

        /** The adapter between source and decoder; closed on detach, so a state built this way attaches once. */
        public Builder adapter(LatentAdapter adapter) {
            return adapter(once(Objects.requireNonNull(adapter, "adapter"), "adapter"));
        }

        /** The upscaler at full quality (default {@link Upscaler#EDGE_ADAPTIVE}). */
        public Builder upscaler(Upscaler upscaler) {
            this.upscaler = Objects.requireNonNull(upscaler, "upscaler");
            return this;
        }

        /** The upscaler the budget ladder switches to first (default {@link Upscaler#BILINEAR}). */
        public Builder cheaperUpscaler(Upscaler upscaler) {
            this.cheaperUpscaler = Objects.requireNonNull(upscaler, "cheaperUpscaler");
            return this;
        }

        /** The frame budget the controller keeps stages inside (default 33 ms). */
        public Builder budget(Duration budget) {
            this.budget = requirePositive(budget, "budget");
            return this;
        }

        /**
         * The rungs the budget ladder may use (default all; {@link Rung#FULL_QUALITY} is required).
         * A source whose every frame matters (a scripted dream that records each step) leaves out
         * {@link Rung#DECODE_EVERY_OTHER_FRAME}.
         */
        public Builder budgetRungs(Set<Rung> enabled) {
            Objects.requireNonNull(enabled, "enabled");
            if (!enabled.contains(Rung.FULL_QUALITY)) {
                throw new IllegalArgumentException("the budget ladder needs FULL_QUALITY, got " + enabled);
            }
            this.rungs = EnumSet.copyOf(enabled);
            return this;
        }

        /**
         * How long one decode may take before it is abandoned and a fresh decoder is made (default
         * 2 s). Set it well above the decoder's slowest normal decode: a large preset such as
         * Oasis's {@code vit-l-20} on a CPU needs tens of seconds.
         */
        public Builder decodeTimeout(Duration decodeTimeout) {
            this.decodeTimeout = requirePositive(decodeTimeout, "decodeTimeout");
            return this;
        }

        /** Checks the configuration and makes the state; attach it to an application's state manager. */
        public NeuroFrameAppState build() {
            if (sources == null) {
                throw new IllegalStateException("NeuroFrameAppState needs a latent source: call source(...) or "
                        + "encoderLoopback(...)");
            }
            if (Boolean.TRUE.equals(freshEngineFramesOnly) && !encodesEngineFrames) {
                throw new IllegalStateException("freshEngineFramesOnly(true) applies to the encoder loopback: call "
                        + "encoderLoopback(...)");
            }
            if (decoders == null) {
                throw new IllegalStateException("NeuroFrameAppState needs a decoder: call decoder(...) or "
                        + "decoderOnnx(...)");
            }
            return new NeuroFrameAppState(this);
        }

        private static Duration requirePositive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }

        /** Hands {@code instance} out once; a second attach is refused with a message saying what to do. */
        private static <T> Supplier<T> once(T instance, String what) {
            AtomicBoolean used = new AtomicBoolean();
            return () -> {
                if (used.getAndSet(true)) {
                    throw new IllegalStateException("the " + what + " given to the builder as an instance was closed"
                            + " when the state was detached; to attach the state again, give the builder a supplier"
                            + " that makes a new " + what + " on each attach");
                }
                return instance;
            };
        }
    }
}
