package io.neuroframe.remote;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.remote.protocol.GRPCInferenceServiceGrpc;
import io.neuroframe.remote.protocol.ModelInferRequest;
import io.neuroframe.remote.protocol.ModelInferResponse;
import io.neuroframe.remote.protocol.ModelReadyRequest;
import io.neuroframe.remote.protocol.ServerReadyRequest;
import io.neuroframe.render.Backoff;
import io.neuroframe.api.source.ActionAccumulator;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource;
import io.neuroframe.api.source.RemoteLatentSource;
import io.neuroframe.api.source.WorldModelSource;
import java.nio.FloatBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * A world model served behind the Open Inference Protocol (gRPC), as a latent source for the
 * frame pipeline. Each player action becomes one {@code ModelInfer} call on the served world step
 * ({@link WorldStepContract}): the context latent (the newest frame this source delivered) and
 * the action go out, the next latent comes back.
 *
 * <p>Threads: the game thread calls {@link #submitAction} (allocation-free); a network thread of
 * this source makes the calls and keeps only the newest answer; the pipeline's latent worker calls
 * {@link #pull}, which never waits on the network and allocates nothing.
 *
 * <p>Faults: a call that fails or passes {@link RemoteConfig#deadline()} marks the server gone.
 * While it is gone (and while first connecting) frames come from the local {@code fallback}
 * source, which also receives the player's actions, and the network thread probes the server
 * ({@code ServerReady}, {@code ModelReady}, each within {@link RemoteConfig#connectTimeout()}) with
 * exponential back-off; when it answers, remote
 * steps resume from the fallback's newest frame. A call the server refuses
 * ({@link RemoteProtocolException#isRefusal}: unknown model, unexpected tensors, a token it does not
 * accept) is a protocol error, not a lost server: the source logs the server's message once, stops
 * calling ({@link ConnectionState#PROTOCOL_ERROR}) and the fallback plays for the rest of the
 * session. A response of the wrong datatype or shape, or
 * with non-finite values, is dropped and counted in {@link #stats()}; it never reaches the
 * pipeline. Round trips longer than {@link RemoteConfig#lateAfter()} are counted as late.
 *
 * <p>{@link #restartFromFallback()} starts the remote world again from the fallback's next frame
 * (the encoded view of the scene the player is in, for example).
 */
public final class RemoteWorldModelSource implements RemoteLatentSource, WorldModelSource {

    private static final Logger LOG = Logger.getLogger(RemoteWorldModelSource.class.getName());
    private static final int N = LatentContract.LATENT_FLOATS;
    /** How long the network thread sleeps when no action is waiting (an action wakes it at once). */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final RemoteConfig config;
    private final LatentSource fallback;
    private final RemoteStats stats = new RemoteStats();
    private final ManagedChannel channel;
    private final GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;
    private final ActionAccumulator actions = new ActionAccumulator();
    private final Backoff backoff;
    private final long deadlineNanos;
    private final long probeNanos;
    private final long lateNanos;
    private final ModelInferRequest.InferInputTensor latentInput =
            OipTensors.fp32Input(WorldStepContract.LATENT, WorldStepContract.latentShape(1));
    private final ModelInferRequest.InferInputTensor actionInput =
            OipTensors.fp32Input(WorldStepContract.ACTION, 1, OasisAction.SIZE);
    private final long[] replyShape = WorldStepContract.latentShape(1);
    private final String endpoint;
    private Thread network;

    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile boolean closing;

    private final Object lock = new Object();
    /** Token-major context for the next step: the newest remote answer or fallback frame. Under {@link #lock}. */
    private final float[] context = new float[N];
    /** The newest remote answer not yet pulled, token-major. Under {@link #lock}. */
    private final float[] received = new float[N];
    private final float[] receivedAction = new float[OasisAction.SIZE];
    private long receivedInputNanos = LatentFrame.NO_INPUT;
    private boolean fresh;
    /** Counts the times {@link #context} was set from outside a remote step. Under {@link #lock}. */
    private long contextGeneration;
    private volatile boolean restartPending;

    // Network thread only.
    private final FloatBuffer stepAction = FloatBuffer.allocate(OasisAction.SIZE);
    private final float[] actionValues = new float[OasisAction.SIZE];
    private final float[] scratchTokenMajor = new float[N];
    private final float[] scratchChannelFirst = new float[N];
    private boolean everConnected;
    private boolean loggedRejection;
    private boolean loggedUnreachable;

    // Latent worker only.
    private boolean fallbackEnded;

    private RemoteWorldModelSource(RemoteConfig config, LatentSource fallback) {
        this.config = config;
        this.fallback = fallback;
        this.endpoint = config.describe(config.worldModel());
        this.channel = RemoteChannels.open(config);
        this.stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
        this.backoff = new Backoff(config.backoffInitial().toNanos(), config.backoffMax().toNanos());
        this.deadlineNanos = config.deadline().toNanos();
        this.probeNanos = config.connectTimeout().toNanos();
        this.lateNanos = config.lateAfter().toNanos();
    }

    /**
     * Starts connecting to {@code config}'s world model; returns at once.
     *
     * @param fallback where frames come from while the server is away (owned and closed by this
     *     source; a {@link WorldModelSource} also gets the player's actions then), or {@code null}
     *     to hold the last frame instead
     */
    public static RemoteWorldModelSource connect(RemoteConfig config, LatentSource fallback) {
        RemoteWorldModelSource source = new RemoteWorldModelSource(config, fallback);
        source.network = new Thread(null, source::runNetwork, "neuroframe-remote-" + config.target(), 4L << 20);
        source.network.setDaemon(true);
        source.network.start();
        return source;
    }

    @Override
    public void submitAction(FloatBuffer action, long inputSampleNanos) {
        if (state == ConnectionState.CONNECTED) {
            actions.submit(action, inputSampleNanos);
            LockSupport.unpark(network);
        } else if (fallback instanceof WorldModelSource local) {
            local.submitAction(action, inputSampleNanos);
        }
    }

    @Override
    public Pull pull(LatentFrame frame) {
        synchronized (lock) {
            if (fresh) {
                frame.latent().put(received);
                FloatBuffer action = frame.action();
                for (int i = 0; i < OasisAction.SIZE; i++) {
                    action.put(i, receivedAction[i]);
                }
                frame.setInputSampleNanos(receivedInputNanos);
                fresh = false;
                stats.remoteFrame();
                return Pull.FRAME;
            }
        }
        ConnectionState now = state;
        if ((now == ConnectionState.CONNECTED && !restartPending) || now == ConnectionState.CLOSED || fallback == null
                || fallbackEnded) {
            return Pull.NONE_READY;
        }
        Pull pulled = fallback.pull(frame);
        if (pulled == Pull.FRAME) {
            synchronized (lock) {
                frame.latent().get(0, context);
                contextGeneration++;
                fresh = false;
            }
            restartPending = false;
            if (now != ConnectionState.CONNECTED) {
                stats.fallbackFrame();
            }
        } else if (pulled == Pull.ENDED) {
            fallbackEnded = true;
            return Pull.NONE_READY;
        }
        return pulled;
    }

    /**
     * Sets the context the next remote step starts from, e.g. the encoded view of the scene the
     * player is in; until then (and until the fallback delivers a frame) the context is all zeros.
     * Any thread.
     *
     * @param latent {@link LatentContract#LATENT_FLOATS} scaled floats, token-major, from index 0
     */
    public void setContext(FloatBuffer latent) {
        if (latent.limit() < N) {
            throw new IllegalArgumentException("context latent: expected " + N + " floats, limit is " + latent.limit());
        }
        synchronized (lock) {
            latent.get(0, context);
            contextGeneration++;
            fresh = false;
        }
    }

    /**
     * Starts the remote world again from the fallback's next frame: until the fallback delivers
     * it, no remote step runs (the player's actions wait) and {@link #pull} takes that frame from
     * the fallback; it becomes the context of the next step. Any thread; without a fallback it
     * does nothing.
     */
    public void restartFromFallback() {
        if (fallback != null) {
            restartPending = true;
        }
    }

    /** Calls, round trips, rejections and reconnections so far; for overlays and tests. */
    public RemoteStats stats() {
        return stats;
    }

    @Override
    public ConnectionState connectionState() {
        return state;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public StringBuilder appendStatus(StringBuilder sb) {
        return stats.appendSummary(sb);
    }

    @Override
    public String describe() {
        return "remote world model " + endpoint() + (fallback == null ? "" : ", fallback " + fallback.describe());
    }

    @Override
    public void close() {
        closing = true;
        state = ConnectionState.CLOSED;
        channel.shutdownNow();
        if (network != null) {
            LockSupport.unpark(network);
            try {
                network.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state = ConnectionState.CLOSED;
        if (fallback != null) {
            fallback.close();
        }
    }

    private void runNetwork() {
        while (!closing && state != ConnectionState.PROTOCOL_ERROR) {
            if (state != ConnectionState.CONNECTED) {
                if (probe()) {
                    if (everConnected) {
                        stats.reconnected();
                        LOG.info(endpoint() + ": server is back; remote steps resume");
                    }
                    everConnected = true;
                    backoff.reset();
                    if (!closing) {
                        state = ConnectionState.CONNECTED;
                    }
                } else if (!closing && state != ConnectionState.PROTOCOL_ERROR) {
                    state = everConnected ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING;
                    if (!everConnected && !loggedUnreachable) {
                        loggedUnreachable = true;
                        LOG.warning(endpoint() + ": cannot reach the server yet (" + stats.lastProblem() + "); frames come from "
                                + fallbackName() + " until it answers");
                    }
                    LockSupport.parkNanos(backoff.next());
                }
                continue;
            }
            long inputNanos = restartPending ? LatentFrame.NO_INPUT : actions.take(stepAction);
            if (inputNanos == LatentFrame.NO_INPUT) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            step(inputNanos);
        }
    }

    /** Whether the server and the world model say they are ready. */
    private boolean probe() {
        channel.resetConnectBackoff();
        try {
            boolean ready = stub.withDeadlineAfter(probeNanos, TimeUnit.NANOSECONDS)
                    .serverReady(ServerReadyRequest.getDefaultInstance()).getReady()
                    && stub.withDeadlineAfter(probeNanos, TimeUnit.NANOSECONDS)
                    .modelReady(ModelReadyRequest.newBuilder().setName(config.worldModel()).build()).getReady();
            if (!ready) {
                stats.failed(endpoint() + ": the server or model is not ready");
            }
            return ready;
        } catch (StatusRuntimeException e) {
            if (closing) {
                return false;
            }
            if (RemoteProtocolException.isRefusal(e.getStatus())) {
                refused(e, "readiness probe", LatentFrame.NO_INPUT);
            } else {
                stats.failed(endpoint() + ": " + e.getStatus());
            }
            return false;
        }
    }

    private void step(long inputNanos) {
        stepAction.get(0, actionValues);
        long generation;
        synchronized (lock) {
            System.arraycopy(context, 0, scratchTokenMajor, 0, N);
            generation = contextGeneration;
        }
        WorldStepContract.toChannelFirst(scratchTokenMajor, scratchChannelFirst);
        ModelInferRequest request = ModelInferRequest.newBuilder()
                .setModelName(config.worldModel())
                .addInputs(latentInput)
                .addInputs(actionInput)
                .addRawInputContents(OipTensors.rawFloats(scratchChannelFirst, 0, N))
                .addRawInputContents(OipTensors.rawFloats(actionValues, 0, OasisAction.SIZE))
                .build();
        stats.requestSent();
        long start = System.nanoTime();
        ModelInferResponse response;
        try {
            response = stub.withDeadlineAfter(deadlineNanos, TimeUnit.NANOSECONDS).modelInfer(request);
        } catch (StatusRuntimeException e) {
            if (closing) {
                return;
            }
            if (RemoteProtocolException.isRefusal(e.getStatus())) {
                refused(e, "world step", inputNanos);
            } else {
                lost(e, inputNanos);
            }
            return;
        }
        long roundTrip = System.nanoTime() - start;
        stats.responseReceived(roundTrip, roundTrip > lateNanos);
        try {
            OipTensors.readFloats(response, config.worldModel(), WorldStepContract.NEXT_LATENT, replyShape,
                    scratchChannelFirst);
        } catch (RemoteResponseException e) {
            stats.rejected(e);
            if (!loggedRejection) {
                loggedRejection = true;
                LOG.warning(endpoint() + ": response rejected (further rejections are only counted): " + e.getMessage());
            }
            return;
        }
        WorldStepContract.toTokenMajor(scratchChannelFirst, scratchTokenMajor);
        synchronized (lock) {
            if (generation != contextGeneration) {
                return; // the context was replaced while this step ran: its answer continues a world no longer shown
            }
            System.arraycopy(scratchTokenMajor, 0, received, 0, N);
            System.arraycopy(scratchTokenMajor, 0, context, 0, N);
            System.arraycopy(actionValues, 0, receivedAction, 0, OasisAction.SIZE);
            receivedInputNanos = inputNanos;
            fresh = true;
        }
    }

    private void lost(StatusRuntimeException e, long inputNanos) {
        if (fallback instanceof WorldModelSource local) {
            local.submitAction(stepAction, inputNanos);
        }
        stats.failed(endpoint() + ": world step call failed: " + e.getStatus());
        state = ConnectionState.RECONNECTING; // after the stats, so whoever sees the state sees why
        LOG.warning(endpoint() + ": server lost (" + RemoteProtocolException.describe(e.getStatus()) + "); frames come from "
                + fallbackName() + " while reconnecting");
    }

    /** The server refused a call: remote play stops for good, the fallback plays. Logged once (the thread ends). */
    private void refused(StatusRuntimeException e, String call, long inputNanos) {
        if (inputNanos != LatentFrame.NO_INPUT && fallback instanceof WorldModelSource local) {
            local.submitAction(stepAction, inputNanos);
        }
        String server = RemoteProtocolException.describe(e.getStatus());
        stats.refused(server);
        state = ConnectionState.PROTOCOL_ERROR; // after the stats, so whoever sees the state sees why
        LOG.warning(endpoint() + ": the server refused the " + call + " request (" + server + "). This is a protocol "
                + "error, not a lost server, so no more requests are sent: frames come from " + fallbackName()
                + " for the rest of the session. Check the served model's name, version and tensors, and the token.");
    }

    private String fallbackName() {
        return fallback == null ? "nowhere (last frame held)" : fallback.describe();
    }
}
