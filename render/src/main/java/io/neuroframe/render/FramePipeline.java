package io.neuroframe.render;

import io.neuroframe.codec.onnx.OrtRuntime;
import io.neuroframe.api.FaultKind;
import io.neuroframe.api.frame.RowOrder;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.Decoder;
import io.neuroframe.render.budget.BudgetController;
import io.neuroframe.render.budget.BudgetSettings;
import io.neuroframe.render.budget.Rung;
import io.neuroframe.api.source.LatentSource;
import io.neuroframe.render.timing.StageClock;
import io.neuroframe.api.TimeSource;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The engine-independent neural frame pipeline: latent source, optional adapter, decoder, and
 * packing to RGBA8, on worker threads, under a frame budget.
 *
 * <pre>
 * latent worker:  source.pull -&gt; validate -&gt; adapter --(one slot, newest wins)--+
 * decode worker:  decoder.decode -&gt; pack RGBA8 -&gt; triple buffer &lt;---------------+
 * render thread:  latestFrame() (never waits) -&gt; upload -&gt; upscale, timed via clock()
 * watchdog:       abandons a decode that runs past the timeout, starts a fresh decoder
 * </pre>
 *
 * <p>The render thread calls {@link #latestFrame()}, which never blocks: it returns the newest
 * finished frame, or the previous one when nothing new is ready, or {@code null} before the first.
 * It times its own upload and upscale with {@link StageClock#record} on {@link #clock()} and picks
 * its upscaler from {@link #rung()}. In steady state nothing allocates per frame on any of these
 * threads.
 *
 * <p>Faults never reach the game: a malformed latent and a decoded image holding NaN or infinity
 * are rejected, a failing source, adapter or decoder is retried with exponential back-off, a hung
 * decode is abandoned, and meanwhile the last good frame stays on screen. Each kind is counted in {@link #faults()} and logged once.
 *
 * <p>Ownership: once {@link Builder#build()} returns, the pipeline owns the source and the adapter,
 * and every decoder it makes from the suppliers; {@link #close()} stops its threads and closes all
 * of them, each on the thread that used it. If {@code build()} throws, the source and adapter are
 * still the caller's.
 */
public final class FramePipeline implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FramePipeline.class.getName());

    private final PipelineContext ctx;
    private final Thread latentThread;
    private final DecodeSupervisor supervisor;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FramePipeline(PipelineContext ctx, LatentSource source, LatentAdapter adapter, RungDecoders factories,
                          RungDecoders.Set decoders) {
        this.ctx = ctx;
        String prefix = ctx.settings.threadNamePrefix();
        this.description = source.describe() + (adapter == null ? "" : " -> " + adapter.describe()) + " -> "
                + decoders.describe();
        DecodeWorker first = new DecodeWorker(ctx, 1, factories, decoders);
        this.supervisor = new DecodeSupervisor(ctx, factories, first);
        this.latentThread = OrtRuntime.inferenceThread(new LatentWorker(ctx, source, adapter), prefix + "-latent");
        latentThread.setDaemon(true);
        latentThread.setUncaughtExceptionHandler((t, e) ->
                ctx.faults.report(FaultKind.SOURCE_ERROR, t.getName() + " died; no new frames will come", e));
        first.start();
        latentThread.start();
        supervisor.thread().start();
    }

    /** Starts a builder with the defaults listed on its setters. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The newest finished frame, or the one returned last time when nothing newer is ready, or
     * {@code null} before the first frame. Never blocks and allocates nothing. Call it from one
     * thread (the render thread); the returned frame is unchanged until the next call.
     */
    public DecodedFrame latestFrame() {
        return ctx.frames.latest();
    }

    /** The stage clock: per-stage timings, motion-to-photon latency, late/dropped/skipped counts. */
    public StageClock clock() {
        return ctx.clock;
    }

    /** The budget rung in force; the engine reads {@link Rung#cheaperUpscaler()} to choose its upscaler. */
    public Rung rung() {
        return ctx.budget.rung();
    }

    /** The budget controller, for the overlay (load per frame, budget, step counts). */
    public BudgetController budget() {
        return ctx.budget;
    }

    /** Fault counts by kind. */
    public FaultLog faults() {
        return ctx.faults;
    }

    /** Whether the source reported its end; the last frame stays available. */
    public boolean sourceEnded() {
        return ctx.sourceEnded();
    }

    /** Turns the adapter on or off at run time (e.g. to compare codec with codec + adapter); on by default. */
    public void setAdapterEnabled(boolean enabled) {
        ctx.setAdapterEnabled(enabled);
    }

    /** Whether the adapter is switched on (the budget ladder may still skip it, see {@link #rung()}). */
    public boolean adapterEnabled() {
        return ctx.adapterEnabled();
    }

    /** What runs, e.g. {@code "replay walk.nflat (300 frames) -> identity -> nf-small (onnxruntime, cpu)"}. */
    public String describe() {
        return description;
    }

    /**
     * Stops the worker threads, waiting up to the shutdown timeout for each, and closes the
     * source, adapter and decoders on their threads. A thread stuck in a decoder call that never
     * returns is abandoned with a warning (it closes its decoder if the call ever returns).
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ctx.stop();
        DecodeWorker worker = supervisor.current();
        LockSupport.unpark(latentThread);
        LockSupport.unpark(supervisor.thread());
        LockSupport.unpark(worker.thread());
        long timeoutMillis = Math.max(1, ctx.settings.shutdownTimeout().toMillis());
        join(supervisor.thread(), timeoutMillis);
        worker = supervisor.current();
        LockSupport.unpark(worker.thread());
        join(latentThread, timeoutMillis);
        join(worker.thread(), timeoutMillis);
        if (worker.thread().isAlive()) {
            worker.abandon();
            LOG.warning("NeuroFrame pipeline: " + worker.thread().getName() + " is still inside a decoder call or "
                    + "making a decoder; left behind, it closes its decoders if the call returns");
        }
        for (DecodeWorker old : supervisor.abandoned()) {
            if (old.thread().isAlive()) {
                LOG.warning("NeuroFrame pipeline: " + old.thread().getName() + " is still inside a decoder call that "
                        + "timed out; it closes its decoder if the call returns");
            }
        }
        if (latentThread.isAlive()) {
            LOG.warning("NeuroFrame pipeline: " + latentThread.getName() + " is still inside the source or adapter; "
                    + "it closes them when the call returns");
        }
    }

    private static void join(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Configures and starts a {@link FramePipeline}. Only {@link #source} and {@link #decoder} are
     * required. Every setter validates its argument and names it in the error.
     */
    public static final class Builder {
        private LatentSource source;
        private LatentAdapter adapter;
        private Supplier<? extends Decoder> decoder;
        private Supplier<? extends Decoder> quantizedDecoder;
        private Supplier<? extends Decoder> fallbackDecoder;
        private BudgetSettings budget = BudgetSettings.forBudget(Duration.ofMillis(33));
        private Duration decodeTimeout = Duration.ofSeconds(2);
        private Duration backoffInitial = Duration.ofMillis(50);
        private Duration backoffMax = Duration.ofSeconds(1);
        private Duration sourceStallTimeout = Duration.ofSeconds(1);
        private Duration pollInterval = Duration.ofMillis(1);
        private Duration shutdownTimeout = Duration.ofSeconds(2);
        private String threadNamePrefix = "neuroframe";
        private RowOrder rowOrder = RowOrder.TOP_DOWN;
        private TimeSource time = TimeSource.SYSTEM;
        private int historyFrames = StageClock.DEFAULT_HISTORY_FRAMES;
        private int statsWindowFrames = StageClock.DEFAULT_WINDOW_FRAMES;
        private boolean backToBack;
        private boolean freshFramesOnly;

        private Builder() {
        }

        /** Where latents come from (required); owned by the pipeline once built. */
        public Builder source(LatentSource source) {
            this.source = requireNonNull(source, "source");
            return this;
        }

        /** The adapter between source and decoder (optional); owned by the pipeline once built. */
        public Builder adapter(LatentAdapter adapter) {
            this.adapter = requireNonNull(adapter, "adapter");
            return this;
        }

        /**
         * Makes the main decoder (required). Called once in {@link #build()} on the caller's thread
         * (so a missing model fails there) and again on a worker thread whenever a hung decoder
         * must be replaced; it must return a new decoder on every call.
         */
        public Builder decoder(Supplier<? extends Decoder> decoder) {
            this.decoder = requireNonNull(decoder, "decoder");
            return this;
        }

        /**
         * Makes the quantized decoder of the ladder's first step down, {@link Rung#QUANTIZED_DECODER} (optional;
         * without it that rung is left out): a cheaper form of the main decoder that keeps its quality, such as
         * {@code QuantizedDecoder.int8}. Called like {@link #decoder}.
         */
        public Builder quantizedDecoder(Supplier<? extends Decoder> quantizedDecoder) {
            this.quantizedDecoder = requireNonNull(quantizedDecoder, "quantizedDecoder");
            return this;
        }

        /** Makes the cheaper decoder of the last budget rung (optional; without it that rung is left out). */
        public Builder fallbackDecoder(Supplier<? extends Decoder> fallbackDecoder) {
            this.fallbackDecoder = requireNonNull(fallbackDecoder, "fallbackDecoder");
            return this;
        }

        /** The frame budget and ladder; default {@link BudgetSettings#forBudget} of 33 ms. */
        public Builder budget(BudgetSettings budget) {
            this.budget = requireNonNull(budget, "budget");
            return this;
        }

        /** Shorthand for {@code budget(BudgetSettings.forBudget(frameBudget))}. */
        public Builder frameBudget(Duration frameBudget) {
            return budget(BudgetSettings.forBudget(requireNonNull(frameBudget, "frameBudget")));
        }

        /**
         * How long one decode may take before the watchdog abandons it and makes a fresh decoder
         * (default 2 s). Set it well above the decoder's slowest normal decode: a large preset on
         * a CPU can take seconds per frame.
         */
        public Builder decodeTimeout(Duration decodeTimeout) {
            this.decodeTimeout = requirePositive(decodeTimeout, "decodeTimeout");
            return this;
        }

        /** First and largest retry delay after a fault; delays double in between (default 50 ms to 1 s). */
        public Builder backoff(Duration initial, Duration max) {
            requirePositive(initial, "backoff initial");
            requirePositive(max, "backoff max");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff max (" + max + ") must be >= initial (" + initial + ")");
            }
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        /** How long the source may deliver nothing before it counts as stalled (default 1 s). */
        public Builder sourceStallTimeout(Duration sourceStallTimeout) {
            this.sourceStallTimeout = requirePositive(sourceStallTimeout, "sourceStallTimeout");
            return this;
        }

        /** How often idle workers look for work, 0.1 to 100 ms (default 1 ms). */
        public Builder pollInterval(Duration pollInterval) {
            requirePositive(pollInterval, "pollInterval");
            if (pollInterval.toNanos() < 100_000 || pollInterval.toMillis() > 100) {
                throw new IllegalArgumentException("pollInterval must be in [0.1 ms, 100 ms], got " + pollInterval);
            }
            this.pollInterval = pollInterval;
            return this;
        }

        /** How long {@link FramePipeline#close()} waits for each thread (default 2 s). */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = requirePositive(shutdownTimeout, "shutdownTimeout");
            return this;
        }

        /** Prefix of the pipeline's thread names: {@code -latent}, {@code -decode-N}, {@code -watchdog} (default "neuroframe"). */
        public Builder threadNamePrefix(String threadNamePrefix) {
            requireNonNull(threadNamePrefix, "threadNamePrefix");
            if (threadNamePrefix.isBlank()) {
                throw new IllegalArgumentException("threadNamePrefix must not be blank");
            }
            this.threadNamePrefix = threadNamePrefix;
            return this;
        }

        /**
         * Whether the source is pulled only while the decoder is idle with no latent waiting (default
         * {@code false}): one frame's source stage (an encode, for the encoder loopback) and its decode then
         * run back to back instead of side by side on the same cores, and no source work is done for a
         * latent the decoder would drop. For sources whose frames may be skipped, such as the encoder
         * loopback; a source that must be pulled at its own pace (a replay, a remote stream) keeps the
         * default.
         */
        public Builder backToBack(boolean backToBack) {
            this.backToBack = backToBack;
            return this;
        }

        /**
         * With {@link #backToBack}: whether each frame starts from what the source delivers after the decoder became
         * ready (default {@code false}). What the source had ready before then waited through the previous frame's
         * work and is dropped ({@link LatentSource#dropPending}). For the encoder loopback this takes the time an
         * engine image waited for the decoder out of every frame's motion-to-photon, for fewer frames per second:
         * the worker idles until the engine's next image.
         */
        public Builder freshFramesOnly(boolean freshFramesOnly) {
            this.freshFramesOnly = freshFramesOnly;
            return this;
        }

        /** Row order of {@link DecodedFrame#rgba()} (default {@link RowOrder#TOP_DOWN}). */
        public Builder rowOrder(RowOrder rowOrder) {
            this.rowOrder = requireNonNull(rowOrder, "rowOrder");
            return this;
        }

        /** The clock for every timestamp, timeout and back-off (default {@link TimeSource#SYSTEM}). */
        public Builder timeSource(TimeSource time) {
            this.time = requireNonNull(time, "timeSource");
            return this;
        }

        /** Intervals kept per stage for trace export, and the newest of them summarised as percentiles. */
        public Builder history(int historyFrames, int statsWindowFrames) {
            if (statsWindowFrames < 1 || historyFrames < statsWindowFrames) {
                throw new IllegalArgumentException("history needs 1 <= statsWindowFrames <= historyFrames, got "
                        + statsWindowFrames + " and " + historyFrames);
            }
            this.historyFrames = historyFrames;
            this.statsWindowFrames = statsWindowFrames;
            return this;
        }

        /**
         * Makes the decoders, starts the threads and returns the running pipeline. Rungs that cannot
         * apply are left out of the ladder (skip adapter without an adapter, quantized or fallback
         * decoder without that decoder).
         *
         * @throws IllegalStateException if the source or the decoder is missing, fresh frames are asked for
         *     without back-to-back, or a decoder supplier fails (the message names which, with the cause attached)
         */
        public FramePipeline build() {
            if (source == null) {
                throw new IllegalStateException("source is required: call source(...)");
            }
            if (freshFramesOnly && !backToBack) {
                throw new IllegalStateException("freshFramesOnly(true) needs backToBack(true): only a source pulled "
                        + "when the decoder is ready has frames that waited for it");
            }
            if (decoder == null) {
                throw new IllegalStateException("decoder is required: call decoder(...)");
            }
            Set<Rung> rungs = EnumSet.copyOf(budget.rungs());
            if (adapter == null) {
                rungs.remove(Rung.SKIP_ADAPTER);
            }
            if (quantizedDecoder == null) {
                rungs.remove(Rung.QUANTIZED_DECODER);
            }
            if (fallbackDecoder == null) {
                rungs.remove(Rung.FALLBACK_DECODER);
            }
            PipelineSettings settings = new PipelineSettings(budget.withRungs(rungs), decodeTimeout,
                    backoffInitial, backoffMax, sourceStallTimeout, pollInterval, shutdownTimeout, threadNamePrefix,
                    rowOrder, time, historyFrames, statsWindowFrames, backToBack, freshFramesOnly);
            StageClock clock = new StageClock(time, historyFrames, statsWindowFrames);
            PipelineContext ctx = new PipelineContext(settings, clock, new BudgetController(settings.budget(), clock));
            RungDecoders factories = new RungDecoders(new DecoderFactory("decoder", decoder),
                    quantizedDecoder == null ? null : new DecoderFactory("quantizedDecoder", quantizedDecoder),
                    fallbackDecoder == null ? null : new DecoderFactory("fallbackDecoder", fallbackDecoder));
            return new FramePipeline(ctx, source, adapter, factories, factories.make());
        }

        private static <T> T requireNonNull(T value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            return value;
        }

        private static Duration requirePositive(Duration value, String name) {
            requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
