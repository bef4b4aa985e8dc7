package io.neuroframe.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how to reach an Open Inference Protocol server (NVIDIA Triton Inference Server,
 * KServe, Seldon MLServer, or the test loopback server) over gRPC.
 *
 * <p>Make one with {@link #plaintext(String)} or {@link #tls(String, Path)} and adjust it with the
 * {@code with...} methods; instances are immutable.
 *
 * @param target {@code host:port} of the server's gRPC endpoint (Triton's default port is 8001); the host is
 *     a name, an IPv4 address or a bracketed IPv6 address ({@code [::1]:8001}), the port 1 to 65535
 * @param useTls whether the connection is encrypted with TLS
 * @param trustCertificate PEM file of the certificate(s) to trust, or {@code null} for the JVM's
 *     default trust store; only with TLS
 * @param bearerToken sent as {@code authorization: Bearer <token>} on every call, or {@code null}
 * @param worldModel name of the served world-model step (see {@link WorldStepContract})
 * @param decoderModel name of the served decoder (see {@link RemoteDecoder})
 * @param deadline how long one inference call may take before the server counts as gone (default 500 ms)
 * @param connectTimeout how long a readiness probe may take, TLS handshake included (default 5 s)
 * @param lateAfter a round trip longer than this is counted as late (default 50 ms, one 20 Hz step)
 * @param backoffInitial first delay before reconnecting (default 100 ms); delays double from there
 * @param backoffMax largest delay between reconnection attempts (default 5 s)
 */
public record RemoteConfig(String target, boolean useTls, Path trustCertificate, String bearerToken,
                           String worldModel, String decoderModel, Duration deadline, Duration connectTimeout,
                           Duration lateAfter, Duration backoffInitial, Duration backoffMax) {

    /** Name the exported world-model step is served under. */
    public static final String DEFAULT_WORLD_MODEL = "world-step";
    /** Name the exported decoder is served under. */
    public static final String DEFAULT_DECODER_MODEL = "decoder";
    /** {@code host:port}, the host a name, an IPv4 address or a bracketed IPv6 address. */
    private static final Pattern TARGET = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^\\s:\\[\\]]+):(\\d{1,5})");

    public RemoteConfig {
        Matcher parts = target == null ? null : TARGET.matcher(target);
        if (parts == null || !parts.matches()) {
            throw new IllegalArgumentException("target: expected host:port (e.g. localhost:8001), got " + target);
        }
        int port = Integer.parseInt(parts.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("target " + target + ": port " + port + " is outside 1..65535");
        }
        if (trustCertificate != null && !useTls) {
            throw new IllegalArgumentException("trustCertificate " + trustCertificate + " is set but TLS is off");
        }
        if (bearerToken != null && (bearerToken.isBlank() || bearerToken.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("bearerToken must be non-empty and contain no whitespace");
        }
        requireName("worldModel", worldModel);
        requireName("decoderModel", decoderModel);
        requirePositive("deadline", deadline);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("lateAfter", lateAfter);
        requirePositive("backoffInitial", backoffInitial);
        requirePositive("backoffMax", backoffMax);
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoffMax " + backoffMax + " is below backoffInitial " + backoffInitial);
        }
    }

    /** An unencrypted connection to {@code target} ({@code host:port}) with the defaults above. */
    public static RemoteConfig plaintext(String target) {
        return new RemoteConfig(target, false, null, null, DEFAULT_WORLD_MODEL, DEFAULT_DECODER_MODEL,
                Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    /**
     * A TLS connection to {@code target} with the defaults above.
     *
     * @param trustCertificate PEM certificate(s) to trust, or {@code null} for the JVM's trust store
     */
    public static RemoteConfig tls(String target, Path trustCertificate) {
        return plaintext(target).withTls(trustCertificate);
    }

    public RemoteConfig withTls(Path trust) {
        return new RemoteConfig(target, true, trust, bearerToken, worldModel, decoderModel, deadline, connectTimeout, lateAfter,
                backoffInitial, backoffMax);
    }

    public RemoteConfig withBearerToken(String token) {
        return new RemoteConfig(target, useTls, trustCertificate, token, worldModel, decoderModel, deadline, connectTimeout, lateAfter,
                backoffInitial, backoffMax);
    }

    public RemoteConfig withModels(String world, String decoder) {
        return new RemoteConfig(target, useTls, trustCertificate, bearerToken, world, decoder, deadline, connectTimeout, lateAfter,
                backoffInitial, backoffMax);
    }

    public RemoteConfig withDeadline(Duration callDeadline) {
        return new RemoteConfig(target, useTls, trustCertificate, bearerToken, worldModel, decoderModel, callDeadline,
                connectTimeout, lateAfter, backoffInitial, backoffMax);
    }

    public RemoteConfig withConnectTimeout(Duration timeout) {
        return new RemoteConfig(target, useTls, trustCertificate, bearerToken, worldModel, decoderModel, deadline, timeout,
                lateAfter, backoffInitial, backoffMax);
    }

    public RemoteConfig withLateAfter(Duration late) {
        return new RemoteConfig(target, useTls, trustCertificate, bearerToken, worldModel, decoderModel, deadline, connectTimeout, late,
                backoffInitial, backoffMax);
    }

    public RemoteConfig withBackoff(Duration initial, Duration max) {
        return new RemoteConfig(target, useTls, trustCertificate, bearerToken, worldModel, decoderModel, deadline,
                connectTimeout, lateAfter, initial, max);
    }

    /** The host part of {@link #target()}, an IPv6 address without its brackets. */
    public String host() {
        String host = target.substring(0, target.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The port part of {@link #target()}. */
    public int port() {
        return Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
    }

    /** The endpoint as a URI-like string for overlays and logs, e.g. {@code grpcs://host:8001/world-step}. */
    public String describe(String model) {
        return (useTls ? "grpcs://" : "grpc://") + target + "/" + model;
    }

    private static void requireName(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must name a served model");
        }
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, got " + value);
        }
    }
}
