package io.neuroframe.jme;

import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;
import com.jme3.renderer.Caps;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.Renderer;
import com.jme3.renderer.ViewPort;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.render.DecodedFrame;
import io.neuroframe.render.FramePipeline;
import io.neuroframe.api.frame.RowOrder;
import io.neuroframe.render.budget.BudgetSettings;
import io.neuroframe.render.budget.Rung;
import io.neuroframe.render.source.EncoderLoopbackSource;
import io.neuroframe.api.source.LatentSource;
import io.neuroframe.api.source.RemoteLatentSource;
import io.neuroframe.api.source.RenderHandoff;
import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageClock;
import io.neuroframe.render.upscale.Upscaler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Puts a neural world model's frames on screen: runs a {@link FramePipeline} (latent source,
 * adapter, decoder) on worker threads, streams each finished frame into a texture and upscales
 * it to the viewport with a GLSL pass, all under a frame budget.
 *
 * <pre>{@code
 * stateManager.attach(NeuroFrameAppState.builder()
 *         .encoderLoopback(() -> OrtEncoder.create(weights))
 *         .decoder(() -> OrtDecoder.create(weights))
 *         .upscaler(Upscaler.EDGE_ADAPTIVE)
 *         .budget(Duration.ofMillis(33))
 *         .build());
 * }</pre>
 *
 * <p>Lifecycle (jME's {@link BaseAppState} contract): {@code initialize} checks the GL version,
 * starts the pipeline and creates the texture and the upscale pass; {@code onEnable} shows the
 * pass, {@code onDisable} hides it; {@code cleanup} (on detach) stops the pipeline's threads,
 * closes its source, adapter and decoders, and deletes the texture. The render thread never waits
 * on inference: it shows the newest finished frame, or keeps the last one.
 */
public final class NeuroFrameAppState extends BaseAppState {
    private static final Logger LOG = Logger.getLogger(NeuroFrameAppState.class.getName());

    private final FramePipeline.Builder pipelineBuilder;
    private final RenderHandoff loopbackHandoff;
    private Upscaler preferredUpscaler;
    private final Upscaler cheaperUpscaler;
    private final int captureInterval;

    private FramePipeline pipeline;
    private StreamedFrameTexture frameTexture;
    private UpscalePass upscalePass;
    private EngineFrameCapture capture;
    private ViewPort capturedView;
    private NeuralView view = NeuralView.NEURAL;
    private Upscaler upscaler;
    private long shownFrameId;
    private long uploadedFrameId;
    private final RemoteLatentSource remoteSource;

    private NeuroFrameAppState(Builder b) {
        super("NeuroFrame");
        this.pipelineBuilder = b.pipeline;
        this.loopbackHandoff = b.loopbackHandoff;
        this.preferredUpscaler = b.upscaler;
        this.cheaperUpscaler = b.cheaperUpscaler;
        this.captureInterval = b.captureInterval;
        this.upscaler = b.upscaler;
        this.remoteSource = b.remoteSource;
    }

    /** Starts a builder; a source and a decoder are required, everything else has a default. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void initialize(Application app) {
        Renderer renderer = app.getRenderer();
        if (!renderer.getCaps().contains(Caps.GLSL150)) {
            throw new IllegalStateException("NeuroFrame needs OpenGL 3.2+ with GLSL 1.50 for its upscaling passes; "
                    + "this renderer offers " + renderer.getCaps());
        }
        pipeline = pipelineBuilder.build();
        frameTexture = new StreamedFrameTexture(io.neuroframe.api.LatentContract.IMAGE_WIDTH,
                io.neuroframe.api.LatentContract.IMAGE_HEIGHT);
        upscalePass = new UpscalePass(app.getAssetManager(), app.getRenderManager(), app.getCamera(),
                frameTexture, pipeline.clock());
        upscalePass.setUpscaler(upscaler);
        if (loopbackHandoff != null) {
            capture = new EngineFrameCapture(loopbackHandoff, captureInterval);
            capturedView = app.getViewPort();
        }
        LOG.info(() -> "NeuroFrame: " + pipeline.describe());
    }

    @Override
    protected void onEnable() {
        upscalePass.attach(view);
        if (capture != null) {
            capturedView.addProcessor(capture);
        }
    }

    @Override
    protected void onDisable() {
        upscalePass.detach();
        if (capture != null) {
            capturedView.removeProcessor(capture);
        }
    }

    @Override
    protected void cleanup(Application app) {
        // onDisable has already removed the upscale views (BaseAppState disables before cleanup).
        pipeline.close();
        frameTexture.dispose();
    }

    @Override
    public void update(float tpf) {
        Upscaler wanted = pipeline.rung().cheaperUpscaler() ? cheaperUpscaler : preferredUpscaler;
        if (wanted != upscaler) {
            upscaler = wanted;
            upscalePass.setUpscaler(wanted);
        }
        DecodedFrame frame = pipeline.latestFrame();
        if (frame != null && frame.frameId() != shownFrameId) {
            shownFrameId = frame.frameId();
            frameTexture.show(frame.rgba());
            upscalePass.showFrame(shownFrameId);
        }
        upscalePass.update();
    }

    @Override
    public void render(RenderManager rm) {
        if (shownFrameId != uploadedFrameId) {
            StageClock clock = pipeline.clock();
            long start = clock.now();
            frameTexture.upload(rm.getRenderer());
            clock.record(shownFrameId, Stage.UPLOAD, start, clock.now());
            uploadedFrameId = shownFrameId;
        }
    }

    /** The running pipeline (clock, budget, faults); {@code null} before the state is initialized. */
    public FramePipeline pipeline() {
        return pipeline;
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
     * (missing model files, missing source or decoder) are thrown by {@link #build()}; a renderer
     * without GLSL 1.50 is refused when the state is attached.
     */
    public static final class Builder {
        private final FramePipeline.Builder pipeline = FramePipeline.builder().rowOrder(RowOrder.BOTTOM_UP);
        private boolean hasSource;
        private boolean hasDecoder;
        private RenderHandoff loopbackHandoff;
        private RemoteLatentSource remoteSource;
        private Upscaler upscaler = Upscaler.EDGE_ADAPTIVE;
        private Upscaler cheaperUpscaler = Upscaler.BILINEAR;
        private Duration budget = Duration.ofMillis(33);
        private Set<Rung> rungs = EnumSet.allOf(Rung.class);
        private int captureInterval = 1;

        private Builder() {
        }

        /** Latents from your own source (a world model, a recording, a server). */
        public Builder source(LatentSource source) {
            pipeline.source(Objects.requireNonNull(source, "source"));
            remoteSource = source instanceof RemoteLatentSource remote ? remote : null;
            hasSource = true;
            return this;
        }

        /**
         * Latents from the engine's own render: the main view port is read back every
         * {@code everyNthFrame} frames and encoded on the pipeline's worker thread.
         */
        public Builder encoderLoopback(Encoder encoder, int everyNthFrame) {
            Objects.requireNonNull(encoder, "encoder");
            RenderHandoff handoff = new RenderHandoff();
            captureEngine(handoff, everyNthFrame);
            return source(new EncoderLoopbackSource(encoder, handoff));
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

        /** The decoder; the supplier must make a new decoder on each call (one replaces a hung decoder). */
        public Builder decoder(Supplier<? extends Decoder> decoder) {
            pipeline.decoder(Objects.requireNonNull(decoder, "decoder"));
            hasDecoder = true;
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

        /** A cheaper decoder for the last rung of the budget ladder (optional). */
        public Builder fallbackDecoder(Supplier<? extends Decoder> decoder) {
            pipeline.fallbackDecoder(Objects.requireNonNull(decoder, "fallbackDecoder"));
            return this;
        }

        /** The adapter between source and decoder (optional). */
        public Builder adapter(LatentAdapter adapter) {
            pipeline.adapter(Objects.requireNonNull(adapter, "adapter"));
            return this;
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
            Objects.requireNonNull(budget, "budget");
            if (budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("budget must be positive, got " + budget);
            }
            this.budget = budget;
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

        /** Checks the configuration and makes the state; attach it to an application's state manager. */
        public NeuroFrameAppState build() {
            if (!hasSource) {
                throw new IllegalStateException("NeuroFrameAppState needs a latent source: call source(...) or "
                        + "encoderLoopback(...)");
            }
            if (!hasDecoder) {
                throw new IllegalStateException("NeuroFrameAppState needs a decoder: call decoder(...) or "
                        + "decoderOnnx(...)");
            }
            pipeline.budget(BudgetSettings.forBudget(budget).withRungs(rungs));
            return new NeuroFrameAppState(this);
        }
    }
}
