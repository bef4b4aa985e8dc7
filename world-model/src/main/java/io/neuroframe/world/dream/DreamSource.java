package io.neuroframe.world.dream;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.codec.onnx.OrtRuntime;
import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.api.source.ActionAccumulator;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.RenderHandoff;
import io.neuroframe.api.source.WorldModelSource;
import io.neuroframe.api.TimeSource;

import java.nio.FloatBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Dream mode's latent source: a {@link WorldStepper} driven by the player's actions on its own
 * worker thread, at most {@code maxStepsPerSecond} steps a second.
 *
 * <p>The game thread hands over actions with {@link #submitAction} (merged between steps by an
 * {@link ActionAccumulator}); the worker steps the model once per waiting action and publishes
 * the latent, which the pipeline's {@link #pull} copies out together with the action, its input
 * time and the step's interval (shown as the {@code world step} stage). Nothing here waits on
 * the model: submit, reset requests and pull only copy under a short lock.
 *
 * <p>The dream starts from a real frame: {@link #reset(FloatBuffer)} with an encoded latent, or
 * {@link #resetFromEngine()} (with an encoder and a {@link RenderHandoff}), which encodes the next
 * image the engine publishes on the worker thread. Until then {@link #pull} has nothing. A step whose
 * output is not finite is dropped; the model restarts from the last real frame and
 * {@link #nanResets()} counts it. The source owns the stepper and the encoder and closes them on
 * its worker thread.
 */
public final class DreamSource implements WorldModelSource {
    private static final Logger LOG = Logger.getLogger(DreamSource.class.getName());
    private static final int FRAME = LatentContract.LATENT_FLOATS;
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long JOIN_MILLIS = 5_000;

    private final WorldStepper stepper;
    private final Encoder encoder;
    private final RenderHandoff engineFrames;
    private final TimeSource time;
    private final long periodNanos;
    private final ActionAccumulator actions = new ActionAccumulator();
    private final Thread worker;
    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong nanResets = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();

    // worker-thread state
    private final FloatBuffer actionIn = NativeBuffers.floats(OasisAction.SIZE);
    private final float[] actionValues = new float[OasisAction.SIZE];
    private OasisAction lastAction = OasisAction.NONE;
    private final FloatBuffer next = NativeBuffers.floats(FRAME);
    private final FloatBuffer anchor = NativeBuffers.floats(FRAME);
    private final FloatBuffer encoded = NativeBuffers.floats(FRAME);
    private boolean anchored;

    // shared under `lock`
    private final Object lock = new Object();
    private final FloatBuffer published = NativeBuffers.floats(FRAME);
    private final float[] publishedAction = new float[OasisAction.SIZE];
    private long publishedInputNanos = LatentFrame.NO_INPUT;
    private long publishedStepStart = LatentFrame.NO_INPUT;
    private long publishedStepEnd = LatentFrame.NO_INPUT;
    private boolean fresh;
    private final FloatBuffer requestedLatent = NativeBuffers.floats(FRAME);
    private boolean latentResetRequested;
    private boolean engineResetRequested;
    private RuntimeException failure;

    private volatile boolean running = true;
    /** Whether the worker has its start frame and is waiting for the player's next action. */
    private volatile boolean awaitingInput;

    /**
     * A dream that waits for its first frame from {@link #reset(FloatBuffer)}.
     *
     * @param stepper the world model; owned by this source from now on
     * @param maxStepsPerSecond the most world steps a second (the training data's frame rate, 20, is the natural one)
     */
    public DreamSource(WorldStepper stepper, double maxStepsPerSecond) {
        this(stepper, null, null, maxStepsPerSecond, TimeSource.SYSTEM);
    }

    /**
     * A dream that can start and restart from the engine's images ({@link #resetFromEngine()}).
     *
     * @param stepper the world model; owned by this source from now on
     * @param encoder encodes the engine's images for {@link #resetFromEngine()}; owned by this source
     * @param engineFrames where the engine publishes its rendered images
     * @param maxStepsPerSecond the most world steps a second
     * @param time the pipeline's time source (step intervals and input times are on it)
     */
    public DreamSource(WorldStepper stepper, Encoder encoder, RenderHandoff engineFrames, double maxStepsPerSecond,
                       TimeSource time) {
        if (stepper == null || time == null) {
            throw new IllegalArgumentException("stepper and time must not be null");
        }
        if ((encoder == null) != (engineFrames == null)) {
            throw new IllegalArgumentException("encoder and engineFrames come together (both or neither)");
        }
        if (!(maxStepsPerSecond > 0) || Double.isInfinite(maxStepsPerSecond)) {
            throw new IllegalArgumentException("maxStepsPerSecond must be positive and finite, got " + maxStepsPerSecond);
        }
        this.stepper = stepper;
        this.encoder = encoder;
        this.engineFrames = engineFrames;
        this.time = time;
        this.periodNanos = Math.round(1e9 / maxStepsPerSecond);
        this.worker = OrtRuntime.inferenceThread(this::run, "neuroframe-dream");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public void submitAction(FloatBuffer action, long inputSampleNanos) {
        actions.submit(action, inputSampleNanos);
    }

    /** Any thread: restart the dream from {@code latent} (9216 scaled floats from its position; not moved). */
    public void reset(FloatBuffer latent) {
        if (latent.remaining() < FRAME) {
            throw new IllegalArgumentException("latent: expected " + FRAME + " floats remaining, got " + latent.remaining());
        }
        synchronized (lock) {
            requestedLatent.clear();
            requestedLatent.put(0, latent, latent.position(), FRAME);
            latentResetRequested = true;
        }
    }

    /**
     * Any thread: restart the dream from the next image the engine publishes, encoded on the
     * worker thread.
     *
     * @throws IllegalStateException if this source was made without an encoder and a handoff
     */
    public void resetFromEngine() {
        if (encoder == null) {
            throw new IllegalStateException("this dream has no encoder and engine handoff; reset it with a latent");
        }
        synchronized (lock) {
            engineResetRequested = true;
        }
    }

    @Override
    public Pull pull(LatentFrame frame) {
        synchronized (lock) {
            if (failure != null) {
                RuntimeException e = failure;
                failure = null;
                throw new IllegalStateException("dream world model failed: " + e.getMessage(), e);
            }
            if (!fresh) {
                return awaitingInput ? Pull.WAITING : Pull.NONE_READY;
            }
            fresh = false;
            FloatBuffer latent = frame.latent();
            latent.put(0, published, 0, FRAME);
            latent.position(FRAME);
            FloatBuffer action = frame.action();
            for (int i = 0; i < OasisAction.SIZE; i++) {
                action.put(i, publishedAction[i]);
            }
            frame.setInputSampleNanos(publishedInputNanos);
            if (publishedStepStart != LatentFrame.NO_INPUT) {
                frame.setWorldStep(publishedStepStart, publishedStepEnd);
            }
            return Pull.FRAME;
        }
    }

    /** World-model steps taken so far. */
    public long steps() {
        return steps.get();
    }

    /** Steps whose output was not finite (each one restarted the dream from the last real frame). */
    public long nanResets() {
        return nanResets.get();
    }

    /** Restarts from a real frame so far (the first start included). */
    public long resets() {
        return resets.get();
    }

    @Override
    public String describe() {
        return "dream (" + stepper.describe() + ", at most " + Math.round(1e9 / periodNanos) + " steps/s)";
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(worker);
        if (Thread.currentThread() != worker) {
            try {
                worker.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (worker.isAlive()) {
                LOG.warning("dream worker still inside a world-model step after " + JOIN_MILLIS + " ms; "
                        + "it closes the model when the step returns");
            }
        }
    }

    private void run() {
        long nextStepAt = time.nanoTime();
        try {
            while (running) {
                if (applyResets()) {
                    continue;
                }
                long now = time.nanoTime();
                if (!anchored || now < nextStepAt) {
                    LockSupport.parkNanos(anchored ? Math.min(nextStepAt - now, IDLE_NANOS) : IDLE_NANOS);
                    continue;
                }
                long input = actions.take(actionIn);
                awaitingInput = input == LatentFrame.NO_INPUT;
                if (awaitingInput) {
                    LockSupport.parkNanos(IDLE_NANOS);
                    continue;
                }
                nextStepAt = Math.max(nextStepAt + periodNanos, now);
                step(input);
            }
        } finally {
            closeOwned();
        }
    }

    private void step(long inputNanos) {
        long start = time.nanoTime();
        OasisAction action;
        try {
            action = currentAction();
            stepper.step(action, next);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dream world-model step failed; restarting from the last real frame", e);
            synchronized (lock) {
                failure = e;
            }
            restartFromAnchor();
            return;
        }
        long end = time.nanoTime();
        steps.incrementAndGet();
        if (!allFinite(next)) {
            nanResets.incrementAndGet();
            LOG.warning("dream world-model step gave a non-finite latent; restarting from the last real frame ("
                    + nanResets.get() + " so far)");
            restartFromAnchor();
            return;
        }
        publish(next, action, inputNanos, start, end);
    }

    /** Applies a pending reset; true when one was applied. */
    private boolean applyResets() {
        boolean fromLatent;
        boolean fromEngine;
        synchronized (lock) {
            fromLatent = latentResetRequested;
            fromEngine = engineResetRequested;
            if (fromLatent) {
                latentResetRequested = false;
                engineResetRequested = false;
                anchor.clear();
                anchor.put(0, requestedLatent, 0, FRAME);
            }
        }
        if (fromLatent) {
            anchorAndPublish();
            return true;
        }
        if (!fromEngine) {
            return false;
        }
        RenderHandoff.RenderedImage image = engineFrames.takeNew();
        if (image == null) {
            return false;
        }
        encoded.clear();
        try {
            encoder.encode(image.image(), encoded);
        } catch (RuntimeException e) {
            synchronized (lock) {
                failure = e;
            }
            return false;
        }
        synchronized (lock) {
            engineResetRequested = false;
        }
        anchor.clear();
        anchor.put(0, encoded, 0, FRAME);
        anchorAndPublish();
        return true;
    }

    private void anchorAndPublish() {
        anchor.clear();
        stepper.reset(anchor);
        anchored = true;
        resets.incrementAndGet();
        actions.take(actionIn); // inputs from before the new start do not apply to it
        publish(anchor, OasisAction.NONE, LatentFrame.NO_INPUT, LatentFrame.NO_INPUT, LatentFrame.NO_INPUT);
    }

    private void restartFromAnchor() {
        anchor.clear();
        stepper.reset(anchor);
        publish(anchor, OasisAction.NONE, LatentFrame.NO_INPUT, LatentFrame.NO_INPUT, LatentFrame.NO_INPUT);
    }

    private void publish(FloatBuffer latent, OasisAction action, long inputNanos, long stepStart, long stepEnd) {
        synchronized (lock) {
            published.put(0, latent, 0, FRAME);
            action.copyTo(publishedAction, 0);
            publishedInputNanos = inputNanos;
            publishedStepStart = stepStart;
            publishedStepEnd = stepEnd;
            fresh = true;
        }
    }

    /** The taken action as an {@link OasisAction}, made anew only when it differs from the last one. */
    private OasisAction currentAction() {
        boolean same = true;
        for (int i = 0; i < OasisAction.SIZE; i++) {
            float v = actionIn.get(i);
            same &= v == actionValues[i];
            actionValues[i] = v;
        }
        if (!same) {
            lastAction = OasisAction.of(actionValues);
        }
        return lastAction;
    }

    private static boolean allFinite(FloatBuffer latent) {
        for (int i = 0; i < FRAME; i++) {
            if (!Float.isFinite(latent.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void closeOwned() {
        try {
            stepper.close();
        } finally {
            if (encoder != null) {
                encoder.close();
            }
        }
    }

}
