package io.neuroframe.remote;

import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Opens gRPC channels (Netty transport) from a {@link RemoteConfig}, with TLS when asked and the
 * config's bearer token on every call.
 *
 * <p>A token travels in plain text only to a host whose every address is a loopback address: the
 * host is resolved before anything connects, anything else is refused, and the channel then
 * connects to the address that was checked (a name that resolves differently later cannot pull
 * the token elsewhere). With TLS the token goes to any host.
 */
public final class RemoteChannels {

    /** The metadata key the bearer token travels under. */
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final int MAX_INBOUND_BYTES = 64 * 1024 * 1024;

    private RemoteChannels() {
    }

    /**
     * Checks, without connecting, what {@link #open(RemoteConfig)} would refuse: an unreadable or
     * certificate-free trust file, and a token in plain text to a host that is not loopback.
     *
     * @throws IllegalArgumentException naming the file or the host and the problem
     */
    public static void verify(RemoteConfig config) {
        credentials(config);
        plaintextTokenAddress(config, HostResolver.SYSTEM);
    }

    /** A channel to {@code config.target()}; host names resolve through the system. */
    public static ManagedChannel open(RemoteConfig config) {
        return open(config, HostResolver.SYSTEM);
    }

    /**
     * A channel to {@code config.target()}, with TLS when asked and the bearer token on every call.
     * Nothing connects before the first call.
     *
     * @param resolver resolves the host when a token would travel in plain text
     * @throws IllegalArgumentException naming the file if the trust certificate cannot be used, or
     *     naming the host and its addresses if a token would travel in plain text to an address
     *     that is not loopback
     */
    public static ManagedChannel open(RemoteConfig config, HostResolver resolver) {
        ChannelCredentials credentials = credentials(config);
        InetAddress pinned = plaintextTokenAddress(config, resolver);
        NettyChannelBuilder builder = pinned == null
                ? NettyChannelBuilder.forTarget(config.target(), credentials)
                : NettyChannelBuilder.forAddress(new InetSocketAddress(pinned, config.port()), credentials)
                        .overrideAuthority(config.target());
        return builder.maxInboundMessageSize(MAX_INBOUND_BYTES).build();
    }

    /**
     * The loopback address a plain-text channel carrying a token must connect to, or {@code null}
     * when no token travels in plain text.
     */
    private static InetAddress plaintextTokenAddress(RemoteConfig config, HostResolver resolver) {
        if (config.useTls() || config.bearerToken() == null) {
            return null;
        }
        String refusal = "refusing to send the bearer token in plain text to " + config.target();
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(config.host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(refusal + ": the host does not resolve (" + e.getMessage()
                    + "), so it cannot be checked to be a loopback address; use TLS", e);
        }
        if (addresses == null || addresses.length == 0) {
            throw new IllegalArgumentException(refusal + ": the host resolves to no address; use TLS");
        }
        String others = Arrays.stream(addresses).filter(a -> !a.isLoopbackAddress()).map(InetAddress::getHostAddress)
                .collect(Collectors.joining(", "));
        if (!others.isEmpty()) {
            throw new IllegalArgumentException(refusal + ": it resolves to " + others
                    + ", not a loopback address; use TLS, or a host whose every address is a loopback address");
        }
        return addresses[0];
    }

    private static ChannelCredentials credentials(RemoteConfig config) {
        ChannelCredentials channel = config.useTls() ? tls(config) : InsecureChannelCredentials.create();
        return config.bearerToken() == null ? channel
                : CompositeChannelCredentials.create(channel, new BearerToken(config.bearerToken()));
    }

    private static ChannelCredentials tls(RemoteConfig config) {
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        if (config.trustCertificate() != null) {
            try {
                tls.trustManager(new ByteArrayInputStream(trustedCertificates(config)));
            } catch (IOException e) {
                throw new IllegalArgumentException("TLS trust certificate " + config.trustCertificate() + " cannot be used: "
                        + e.getMessage(), e);
            }
        }
        return tls.build();
    }

    /** The trust file's bytes, checked to hold at least one X.509 certificate. */
    private static byte[] trustedCertificates(RemoteConfig config) {
        String where = "TLS trust certificate " + config.trustCertificate();
        byte[] pem;
        try {
            pem = Files.readAllBytes(config.trustCertificate());
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " cannot be read: " + e, e);
        }
        try {
            if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).isEmpty()) {
                throw new IllegalArgumentException(where + " holds no certificate; expected PEM (-----BEGIN CERTIFICATE-----)");
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(where + " is not a PEM certificate file: " + e.getMessage(), e);
        }
        return pem;
    }

    /** Adds {@code authorization: Bearer <token>} to every call of a channel {@link #open} cleared for it. */
    private static final class BearerToken extends CallCredentials {
        private final String header;

        BearerToken(String token) {
            this.header = "Bearer " + token;
        }

        @Override
        public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, header);
            applier.apply(headers);
        }
    }
}
