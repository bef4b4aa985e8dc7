package io.neuroframe.render;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.codec.onnx.OrtRuntime;
import io.neuroframe.api.FaultKind;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.render.budget.Rung;
import io.neuroframe.render.timing.Stage;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The decode worker: takes the newest latent from the latent slot, decodes it (with the decoder the budget rung
 * names: main, quantized or fallback), packs the image into the back frame slot and publishes it.
 *
 * <p>Each worker owns its decoders and its private latent and image buffers, and closes the
 * decoders on its own thread when it ends. The {@link DecodeSupervisor} may abandon a worker whose
 * decode runs past the timeout: the state moves from {@code DECODING} to {@code ABANDONED} in one
 * compare-and-set, and a worker that finds itself abandoned after its decode returns leaves
 * without touching any shared slot. So a hung native call can never write into a frame the game
 * is showing. Allocation-free per frame.
 */
final class DecodeWorker implements Runnable {
    static final int IDLE = 0;
    static final int DECODING = 1;
    static final int PUBLISHING = 2;
    static final int ABANDONED = 3;

    private final PipelineContext ctx;
    private final RungDecoders factories;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final LatentSlot.Ticket ticket = new LatentSlot.Ticket();
    private final FloatBuffer image = NativeBuffers.floats(LatentContract.IMAGE_FLOATS);
    private final Backoff errorBackoff;
    private final Thread thread;
    private volatile RungDecoders.Set decoders;
    private volatile long decodeStartNanos;
    private volatile long decodingFrameId;
    private volatile boolean publishedAny;
    private boolean failing;
    private long retryAt;
    private boolean skipNext;

    /**
     * @param decoders the decoders made on the builder's thread, or {@code null} to make them from
     *     {@code factories} on this worker's thread
     */
    DecodeWorker(PipelineContext ctx, int generation, RungDecoders factories, RungDecoders.Set decoders) {
        this.ctx = ctx;
        this.factories = factories;
        this.decoders = decoders;
        this.errorBackoff = new Backoff(ctx.settings.backoffInitial().toNanos(), ctx.settings.backoffMax().toNanos());
        this.thread = OrtRuntime.inferenceThread(this, ctx.settings.threadNamePrefix() + "-decode-" + generation);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) ->
                ctx.faults.report(FaultKind.DECODER_ERROR, t.getName() + " died", e));
    }

    Thread thread() {
        return thread;
    }

    void start() {
        ctx.decodeThread(thread);
        thread.start();
    }

    /** Whether this worker is inside a decode that started more than {@code timeoutNanos} before {@code now}. */
    boolean decodingLongerThan(long timeoutNanos, long now) {
        return state.get() == DECODING && now - decodeStartNanos > timeoutNanos;
    }

    /** Abandons a worker that is inside a decode; {@code false} if the decode has just finished. */
    boolean abandon() {
        return state.compareAndSet(DECODING, ABANDONED);
    }

    long decodingFrameId() {
        return decodingFrameId;
    }

    boolean publishedAny() {
        return publishedAny;
    }

    String decoderName() {
        RungDecoders.Set d = decoders;
        return d == null ? "(no decoder yet)" : d.main().describe();
    }

    @Override
    public void run() {
        try {
            if (decoders == null && !makeDecoders()) {
                return;
            }
            loop();
        } finally {
            RungDecoders.Set made = decoders;
            if (made != null) {
                made.close();
            }
        }
    }

    private boolean makeDecoders() {
        try {
            decoders = factories.make();
            ctx.faults.recovered(FaultKind.DECODER_CREATION);
            return true;
        } catch (RuntimeException e) {
            ctx.faults.report(FaultKind.DECODER_CREATION, "a decoder supplier failed", e);
            return false;
        }
    }

    private void loop() {
        while (ctx.running()) {
            if (failing && ctx.now() < retryAt) {
                ctx.idle();
                continue;
            }
            if (!ctx.latents.poll(ticket)) {
                ctx.idle();
                continue;
            }
            Rung rung = ctx.budget.rung();
            if (rung.decodesEveryOtherFrame() && skipNext) {
                skipNext = false;
                ctx.clock.countSkipped();
                ctx.latents.release();
                continue;
            }
            skipNext = rung.decodesEveryOtherFrame();
            Decoder decoder = decoders.forRung(rung);
            decodingFrameId = ticket.frameId;
            long start = ctx.now();
            decodeStartNanos = start;
            if (!state.compareAndSet(IDLE, DECODING)) {
                return;
            }
            ticket.latent.clear();
            image.clear();
            try {
                decoder.decode(ticket.latent, image);
            } catch (RuntimeException e) {
                if (!state.compareAndSet(DECODING, IDLE)) {
                    return;
                }
                ctx.latents.release();
                failing = true;
                retryAt = ctx.now() + errorBackoff.next();
                ctx.faults.report(FaultKind.DECODER_ERROR, decoder.describe() + " threw on frame " + ticket.frameId, e);
                continue;
            }
            long decoded = ctx.now();
            if (!state.compareAndSet(DECODING, PUBLISHING)) {
                return;
            }
            if (failing) {
                failing = false;
                errorBackoff.reset();
                ctx.faults.recovered(FaultKind.DECODER_ERROR);
            }
            ctx.faults.recovered(FaultKind.DECODER_TIMEOUT);
            if (!imageFinite(decoder)) {
                state.set(IDLE);
                ctx.latents.release();
                continue;
            }
            ctx.clock.record(ticket.frameId, Stage.DECODE, start, decoded);
            publish(rung, decoded);
            state.set(IDLE);
            ctx.latents.release();
        }
    }

    /** Whether the decoded image is finite; a NaN or infinity is counted and the frame is not published. */
    private boolean imageFinite(Decoder decoder) {
        int bad = FiniteValues.firstNonFinite(image, LatentContract.IMAGE_FLOATS);
        if (bad < 0) {
            ctx.faults.recovered(FaultKind.DECODER_NOT_FINITE);
            return true;
        }
        int plane = LatentContract.IMAGE_HEIGHT * LatentContract.IMAGE_WIDTH;
        ctx.faults.report(FaultKind.DECODER_NOT_FINITE, decoder.describe() + " output " + image.get(bad)
                + " at image index " + bad + " (channel " + bad / plane + ", row " + bad % plane / LatentContract.IMAGE_WIDTH
                + ", column " + bad % LatentContract.IMAGE_WIDTH + ") on frame " + ticket.frameId, null);
        return false;
    }

    private void publish(Rung rung, long packStart) {
        DecodedFrame slot = ctx.frames.back();
        slot.fill(image, ticket.frameId, ticket.inputSampleNanos, rung);
        long packed = ctx.now();
        slot.finishedAt(packed);
        ctx.clock.record(ticket.frameId, Stage.PACK, packStart, packed);
        if (packed - ticket.sourceStartNanos > ctx.budgetNanos) {
            ctx.clock.countLate();
        }
        if (ctx.frames.publish()) {
            ctx.clock.countDropped();
        }
        publishedAny = true;
    }
}
