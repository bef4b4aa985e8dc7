package io.neuroframe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a bearer token may travel in plain text: decided from the resolved addresses, with name resolution injected.
 * No test here connects anywhere: a refused channel is never built, an allowed one is closed before its first call.
 */
class RemoteChannelsTest {
    private static final String TOKEN = "studio-token-7f3a";

    @TempDir
    Path dir;

    /** Answers every name with the given addresses and records the names asked. */
    private static final class FixedResolver implements HostResolver {
        private final InetAddress[] addresses;
        final List<String> asked = new ArrayList<>();

        FixedResolver(InetAddress... addresses) {
            this.addresses = addresses;
        }

        @Override
        public InetAddress[] resolve(String host) {
            asked.add(host);
            return addresses.clone();
        }
    }

    private static InetAddress address(String host, int... bytes) throws UnknownHostException {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return InetAddress.getByAddress(host, raw);
    }

    private static InetAddress ipv6Loopback(String host) throws UnknownHostException {
        int[] bytes = new int[16];
        bytes[15] = 1;
        return address(host, bytes);
    }

    @Test
    void aNameThatLooksLikeLoopbackButResolvesElsewhereIsRefusedBeforeAnyChannelExists() throws Exception {
        FixedResolver resolver = new FixedResolver(address("127.attacker.example", 203, 0, 113, 7));
        RemoteConfig config = RemoteConfig.plaintext("127.attacker.example:8001").withBearerToken(TOKEN);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RemoteChannels.open(config, resolver));
        assertEquals(List.of("127.attacker.example"), resolver.asked);
        assertTrue(refused.getMessage().contains("refusing to send the bearer token in plain text to 127.attacker.example:8001"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("203.0.113.7"), "names the address: " + refused.getMessage());
    }

    @Test
    void localhostResolvingToTheIpv6AndIpv4LoopbackCarriesTheToken() throws Exception {
        FixedResolver resolver = new FixedResolver(ipv6Loopback("localhost"), address("localhost", 127, 0, 0, 1));
        ManagedChannel channel = RemoteChannels.open(RemoteConfig.plaintext("localhost:8001").withBearerToken(TOKEN), resolver);
        try {
            assertEquals("localhost:8001", channel.authority());
            assertEquals(List.of("localhost"), resolver.asked);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aNameResolvingToLoopbackAndToAnotherAddressIsRefused() throws Exception {
        FixedResolver resolver = new FixedResolver(address("mixed.example", 127, 0, 0, 1),
                address("mixed.example", 198, 51, 100, 20));
        RemoteConfig config = RemoteConfig.plaintext("mixed.example:8001").withBearerToken(TOKEN);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RemoteChannels.open(config, resolver));
        assertTrue(refused.getMessage().contains("198.51.100.20") && !refused.getMessage().contains("127.0.0.1"),
                "names only the address that is not loopback: " + refused.getMessage());
    }

    @Test
    void aNameThatDoesNotResolveGetsNoTokenInPlainText() {
        HostResolver unknown = host -> {
            throw new UnknownHostException(host);
        };
        RemoteConfig config = RemoteConfig.plaintext("nowhere.invalid:8001").withBearerToken(TOKEN);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RemoteChannels.open(config, unknown));
        assertTrue(refused.getMessage().contains("does not resolve"), refused.getMessage());
    }

    @Test
    void withTlsTheTokenGoesToAnyHostAndNothingIsResolvedForIt() throws Exception {
        FixedResolver resolver = new FixedResolver(address("inference.example", 203, 0, 113, 7));
        ManagedChannel channel = RemoteChannels.open(RemoteConfig.tls("inference.example:8001", null).withBearerToken(TOKEN),
                resolver);
        try {
            assertEquals("inference.example:8001", channel.authority());
            assertTrue(resolver.asked.isEmpty(), "no loopback check with TLS: " + resolver.asked);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void withoutATokenAPlainTextChannelNeedsNoCheck() throws Exception {
        FixedResolver resolver = new FixedResolver(address("inference.example", 203, 0, 113, 7));
        ManagedChannel channel = RemoteChannels.open(RemoteConfig.plaintext("inference.example:8001"), resolver);
        channel.shutdownNow();
        assertTrue(resolver.asked.isEmpty(), resolver.asked.toString());
    }

    @Test
    void aTrustFileWithoutACertificateIsNamedWithItsProblem() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "this is not a certificate\n");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> RemoteChannels.verify(RemoteConfig.tls("localhost:8001", garbage)));
        assertTrue(bad.getMessage().startsWith("TLS trust certificate " + garbage), bad.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> RemoteChannels.verify(RemoteConfig.tls("localhost:8001", dir.resolve("missing.pem"))));
        assertTrue(missing.getMessage().contains("missing.pem") && missing.getMessage().contains("cannot be read"),
                missing.getMessage());
    }
}
