package io.neuroframe.remote;

import static io.neuroframe.remote.Latents.await;
import static io.neuroframe.remote.Latents.awaitState;
import static io.neuroframe.remote.Latents.buffer;
import static io.neuroframe.remote.Latents.cameraShift;
import static io.neuroframe.remote.Latents.latentOf;
import static io.neuroframe.remote.Latents.pattern;
import static io.neuroframe.remote.Latents.pullFrame;
import static io.neuroframe.remote.Latents.turn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.OasisAction;
import io.neuroframe.remote.loopback.LoopbackInferenceServer;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource.Pull;
import io.neuroframe.api.source.RemoteLatentSource.ConnectionState;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureConnectionTest {
    private static final String TOKEN = "studio-token-7f3a";
    private static final char[] STORE_PASSWORD = "loopback".toCharArray();

    @TempDir
    Path dir;

    @Test
    void theServerRefusesCallsWithoutTheBearerTokenOnceAndServesThoseWithIt() throws Exception {
        try (LoopbackInferenceServer server = LoopbackInferenceServer.builder()
                .model(RemoteConfig.DEFAULT_WORLD_MODEL, CameraShiftWorldStep.build())
                .bearerToken(TOKEN)
                .start()) {
            RemoteConfig config = RemoteConfig.plaintext(server.target()).withBackoff(Duration.ofMillis(20), Duration.ofMillis(80));
            try (RemoteWorldModelSource anonymous = RemoteWorldModelSource.connect(config, null)) {
                assertTrue(awaitState(anonymous, ConnectionState.PROTOCOL_ERROR), "refused, not lost: "
                        + anonymous.connectionState() + ", " + anonymous.stats().lastProblem());
                assertTrue(anonymous.stats().protocolError().startsWith("UNAUTHENTICATED"), anonymous.stats().protocolError());
                Thread.sleep(300);
                assertEquals(1, server.unauthenticated(), "one refused call, no retries within several back-off periods");
                assertEquals(0, anonymous.stats().failures());
            }
            try (RemoteWorldModelSource wrong = RemoteWorldModelSource.connect(config.withBearerToken("not-" + TOKEN), null)) {
                assertTrue(awaitState(wrong, ConnectionState.PROTOCOL_ERROR));
                assertEquals(1, wrong.stats().protocolErrors());
            }
            try (RemoteWorldModelSource authorized = RemoteWorldModelSource.connect(config.withBearerToken(TOKEN), null)) {
                assertServes(authorized);
            }
        }
    }

    @Test
    void tlsWithATrustedCertificateAndTokenIsServedAndPlaintextIsNot() throws Exception {
        Path certificate = dir.resolve("server.pem");
        Path store = selfSignedKeyStore(certificate);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, STORE_PASSWORD);
        try (LoopbackInferenceServer server = LoopbackInferenceServer.builder()
                .model(RemoteConfig.DEFAULT_WORLD_MODEL, CameraShiftWorldStep.build())
                .bearerToken(TOKEN)
                .tls(factory.getKeyManagers())
                .start()) {
            String target = "localhost:" + server.port();
            RemoteConfig tls = RemoteConfig.tls(target, certificate).withBearerToken(TOKEN)
                    .withBackoff(Duration.ofMillis(20), Duration.ofMillis(80));
            try (RemoteWorldModelSource secure = RemoteWorldModelSource.connect(tls, null)) {
                assertTrue(secure.endpoint().startsWith("grpcs://"));
                assertServes(secure);
            }
            RemoteConfig plain = RemoteConfig.plaintext(target).withBearerToken(TOKEN)
                    .withConnectTimeout(Duration.ofMillis(300)).withBackoff(Duration.ofMillis(20), Duration.ofMillis(80));
            try (RemoteWorldModelSource insecure = RemoteWorldModelSource.connect(plain, null)) {
                assertTrue(await(() -> insecure.stats().failures() >= 2));
                assertNotEquals(ConnectionState.CONNECTED, insecure.connectionState());
            }
        }
    }

    private static void assertServes(RemoteWorldModelSource source) throws InterruptedException {
        assertTrue(awaitState(source, ConnectionState.CONNECTED), "not connected: " + source.stats().lastProblem());
        source.setContext(buffer(pattern(5)));
        source.submitAction(turn(OasisAction.CAMERA_MAX_DEGREES), 1L);
        LatentFrame frame = new LatentFrame();
        assertEquals(Pull.FRAME, pullFrame(source, frame));
        assertArrayEquals(cameraShift(pattern(5), 1f), latentOf(frame));
    }

    /** A PKCS12 key store with a self-signed certificate for localhost, made by the JDK's keytool; its certificate as PEM. */
    private Path selfSignedKeyStore(Path certificatePem) throws Exception {
        Path store = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String password = new String(STORE_PASSWORD);
        run(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password));
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(),
                "-storepass", password, "-file", certificatePem.toString()));
        return store;
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), "keytool failed: " + output);
    }
}
