package io.neuroframe.remote;

import io.neuroframe.remote.RemoteResponseException.Reason;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a remote client saw: calls, round-trip times, late and rejected responses, transport
 * failures, requests the server refused (protocol errors), reconnections and frames the local
 * fallback made. The network thread writes; any
 * thread (the overlay) reads. Reading and {@link #appendSummary} allocate nothing.
 *
 * <p>Round trips also go into a log-scale histogram ({@value #BUCKETS_PER_OCTAVE} buckets per
 * doubling, 1 us to about 69 s): {@link #addRoundTripCounts} pools them (one client or many)
 * into a caller's array and {@link #percentileNanos} reads percentiles from it to within about 4%.
 */
public final class RemoteStats {
    /** Weight of the newest round trip in {@link #smoothedRoundTripNanos()}. */
    private static final double SMOOTHING = 0.1;
    static final int BUCKETS_PER_OCTAVE = 16;
    private static final int FIRST_OCTAVE = 10;
    private static final int OCTAVES = 26;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong protocolErrors = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong fallbackFrames = new AtomicLong();
    private final AtomicLong remoteFrames = new AtomicLong();
    private final AtomicLongArray rejected = new AtomicLongArray(Reason.values().length);
    private final AtomicLongArray roundTrips = new AtomicLongArray(OCTAVES * BUCKETS_PER_OCTAVE);
    private volatile long lastRoundTripNanos = -1;
    private volatile long smoothedRoundTripNanos = -1;
    private volatile String lastProblem = "";
    private volatile String protocolError = "";

    void requestSent() {
        requests.incrementAndGet();
    }

    void responseReceived(long roundTripNanos, boolean wasLate) {
        responses.incrementAndGet();
        lastRoundTripNanos = roundTripNanos;
        long smoothed = smoothedRoundTripNanos;
        smoothedRoundTripNanos = smoothed < 0 ? roundTripNanos
                : (long) (smoothed + SMOOTHING * (roundTripNanos - smoothed));
        if (wasLate) {
            late.incrementAndGet();
        }
        roundTrips.incrementAndGet(bucket(roundTripNanos));
    }

    static int bucket(long nanos) {
        double octaves = Math.log(Math.max(nanos, 1)) / Math.log(2) - FIRST_OCTAVE;
        int bucket = (int) Math.floor(octaves * BUCKETS_PER_OCTAVE);
        return Math.max(0, Math.min(OCTAVES * BUCKETS_PER_OCTAVE - 1, bucket));
    }

    /** The geometric middle of {@code bucket} in nanoseconds. */
    static double bucketMiddleNanos(int bucket) {
        return Math.pow(2, FIRST_OCTAVE + (bucket + 0.5) / BUCKETS_PER_OCTAVE);
    }

    /** Adds this histogram's counts into {@code counts} (for pooling several clients' round trips). */
    public void addRoundTripCounts(long[] counts) {
        for (int i = 0; i < roundTrips.length(); i++) {
            counts[i] += roundTrips.get(i);
        }
    }

    /** The length of the array {@link #addRoundTripCounts} fills. */
    public static int roundTripBuckets() {
        return OCTAVES * BUCKETS_PER_OCTAVE;
    }

    /**
     * The {@code quantile} (0 to 1, e.g. 0.95) of pooled histogram {@code counts} in nanoseconds,
     * or -1 when it is empty.
     */
    public static double percentileNanos(long[] counts, double quantile) {
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + quantile);
        }
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return bucketMiddleNanos(i);
            }
        }
        return bucketMiddleNanos(counts.length - 1);
    }

    void rejected(RemoteResponseException e) {
        rejected.incrementAndGet(e.reason().ordinal());
        lastProblem = e.getMessage();
    }

    void failed(String problem) {
        failures.incrementAndGet();
        lastProblem = problem;
    }

    void refused(String serverMessage) {
        protocolErrors.incrementAndGet();
        protocolError = serverMessage;
        lastProblem = serverMessage;
    }

    void reconnected() {
        reconnects.incrementAndGet();
    }

    void fallbackFrame() {
        fallbackFrames.incrementAndGet();
    }

    void remoteFrame() {
        remoteFrames.incrementAndGet();
    }

    /** Inference calls sent. */
    public long requests() {
        return requests.get();
    }

    /** Responses received (accepted or rejected). */
    public long responses() {
        return responses.get();
    }

    /** Responses whose round trip took longer than {@link RemoteConfig#lateAfter()}. */
    public long late() {
        return late.get();
    }

    /** Responses rejected for {@code reason}. */
    public long rejected(Reason reason) {
        return rejected.get(reason.ordinal());
    }

    /** Responses rejected for any reason. */
    public long rejectedTotal() {
        long sum = 0;
        for (int i = 0; i < rejected.length(); i++) {
            sum += rejected.get(i);
        }
        return sum;
    }

    /** Calls that failed in transport (server gone, deadline passed, connection refused). */
    public long failures() {
        return failures.get();
    }

    /** Requests the server refused ({@link RemoteProtocolException#isRefusal}); not counted in {@link #failures()}. */
    public long protocolErrors() {
        return protocolErrors.get();
    }

    /** The server's status and message of the newest refused request, or an empty string. */
    public String protocolError() {
        return protocolError;
    }

    /** Times the connection came back after being lost (the first connection is not counted). */
    public long reconnects() {
        return reconnects.get();
    }

    /** Frames the local fallback source delivered while the server was away. */
    public long fallbackFrames() {
        return fallbackFrames.get();
    }

    /** Served latents handed to the pipeline (accepted responses it pulled). */
    public long remoteFrames() {
        return remoteFrames.get();
    }

    /** Round trip of the newest response in nanoseconds, or -1 before the first. */
    public long lastRoundTripNanos() {
        return lastRoundTripNanos;
    }

    /** Exponentially smoothed round trip in nanoseconds, or -1 before the first response. */
    public long smoothedRoundTripNanos() {
        return smoothedRoundTripNanos;
    }

    /** The newest rejection or failure message, or an empty string. */
    public String lastProblem() {
        return lastProblem;
    }

    /**
     * Appends e.g. {@code "rtt 12.3 ms (avg 11.8), late 2, rejected 0, failures 1, reconnects 1, protocol errors 0"};
     * after a refused request a second line {@code "protocol error: <server's status and message>"}.
     */
    public StringBuilder appendSummary(StringBuilder sb) {
        sb.append("rtt ");
        appendMillis(sb, lastRoundTripNanos);
        sb.append(" ms (avg ");
        appendMillis(sb, smoothedRoundTripNanos);
        sb.append("), late ").append(late.get())
                .append(", rejected ").append(rejectedTotal())
                .append(", failures ").append(failures.get())
                .append(", reconnects ").append(reconnects.get())
                .append(", protocol errors ").append(protocolErrors.get());
        String refusal = protocolError;
        if (!refusal.isEmpty()) {
            sb.append("\nprotocol error: ").append(refusal);
        }
        return sb;
    }

    private static void appendMillis(StringBuilder sb, long nanos) {
        if (nanos < 0) {
            sb.append('-');
            return;
        }
        long tenths = (nanos + 50_000) / 100_000;
        sb.append(tenths / 10).append('.').append(tenths % 10);
    }
}
