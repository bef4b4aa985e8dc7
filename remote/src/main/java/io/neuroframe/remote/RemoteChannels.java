package io.neuroframe.remote;

import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

/** Opens gRPC channels (Netty transport) and call credentials from a {@link RemoteConfig}. */
public final class RemoteChannels {

    /** The metadata key the bearer token travels under. */
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private RemoteChannels() {
    }

    /**
     * A channel to {@code config.target()}, with TLS when asked.
     *
     * @throws UncheckedIOException naming the file if the trust certificate cannot be read
     */
    public static ManagedChannel open(RemoteConfig config) {
        ChannelCredentials credentials;
        if (config.useTls()) {
            TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
            if (config.trustCertificate() != null) {
                try {
                    tls.trustManager(config.trustCertificate().toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException("TLS trust certificate " + config.trustCertificate()
                            + " cannot be read: " + e.getMessage(), e);
                }
            }
            credentials = tls.build();
        } else {
            credentials = InsecureChannelCredentials.create();
        }
        return NettyChannelBuilder.forTarget(config.target(), credentials)
                .maxInboundMessageSize(64 * 1024 * 1024)
                .build();
    }

    /** Call credentials that send the config's bearer token, or {@code null} when it has none. */
    public static CallCredentials bearer(RemoteConfig config) {
        return config.bearerToken() == null ? null : new BearerToken(config.bearerToken());
    }

    /** Adds {@code authorization: Bearer <token>} to every call. */
    private static final class BearerToken extends CallCredentials {
        private final String header;

        BearerToken(String token) {
            this.header = "Bearer " + token;
        }

        @Override
        public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
            if (info.getSecurityLevel() == SecurityLevel.NONE && !isLoopback(info.getAuthority())) {
                applier.fail(Status.UNAUTHENTICATED.withDescription("refusing to send a bearer token to "
                        + info.getAuthority() + " without TLS; use TLS or a loopback address"));
                return;
            }
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, header);
            applier.apply(headers);
        }

        private static boolean isLoopback(String authority) {
            return authority.startsWith("localhost:") || authority.startsWith("127.") || authority.startsWith("[::1]");
        }
    }
}
