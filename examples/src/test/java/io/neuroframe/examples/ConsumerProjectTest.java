package io.neuroframe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Builds {@code examples/consumer}, a game project outside this build that depends on the
 * installed plugin, the way a jME developer's project would; checks what it pulls in; and runs it
 * with a plain {@code java -cp <long explicit class path>}, the launch that once crashed the JVM
 * inside ONNX Runtime (see {@code OrtRuntime}).
 *
 * <p>Needs the plugin's artifacts installed ({@code mvn install}, which {@code ./neuroframe test}
 * runs); under a plain {@code mvn verify} it is skipped.
 */
@Tag("gl")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerProjectTest {
    /** What the game must not pull in: training, reports, importers, the command line, a logging binding. */
    private static final List<String> TOOLING = List.of("ai.djl", "pytorch", "xchart", "pdfbox", "jhdf", "picocli",
            "slf4j");
    private static final long CLASSPATH_LIMIT_BYTES = 80L << 20;
    /** A game's launch line: the one that crashed was 7 KB. */
    private static final int COMMAND_LINE_CHARS = 12_000;
    private static final Path CONSUMER = Path.of("consumer").toAbsolutePath();
    private static final Path TARGET = CONSUMER.resolve("target");

    @Test
    @Order(1)
    void theConsumerBuildsAgainstTheInstalledArtifactsAndPullsInNoTooling() throws Exception {
        assumeTrue(Boolean.getBoolean("neuroframe.artifactsInstalled"),
                "the plugin's artifacts are not installed by this build (run ./neuroframe test or mvn install)");
        List<String> mvn = new ArrayList<>(List.of("mvn", "-B", "-q", "-Dstyle.color=never",
                "-Dmaven.repo.local=" + System.getProperty("neuroframe.mavenRepository"),
                "-f", CONSUMER.resolve("pom.xml").toString(), "clean", "package",
                "dependency:tree", "-DoutputFile=" + TARGET.resolve("dependency-tree.txt"),
                "dependency:build-classpath", "-Dmdep.outputFile=" + TARGET.resolve("classpath.txt")));
        Process build = new ProcessBuilder(mvn).redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(build.waitFor(10, TimeUnit.MINUTES), "the consumer's build finished");
        assertEquals(0, build.exitValue(), "the consumer builds:\n" + output);

        String tree = Files.readString(TARGET.resolve("dependency-tree.txt")).toLowerCase(Locale.ROOT);
        for (String tool : TOOLING) {
            assertTrue(!tree.contains(tool), "the game's dependencies include " + tool + ":\n" + tree);
        }
        long bytes = 0;
        for (String jar : classpath()) {
            bytes += Files.size(Path.of(jar));
        }
        System.out.printf("consumer runtime class path: %d jars, %.1f MB%n", classpath().size(), bytes / 1e6);
        assertTrue(bytes < CLASSPATH_LIMIT_BYTES, "runtime class path is " + bytes / 1e6 + " MB");
    }

    @Test
    @Order(2)
    void theConsumerRunsUnderAPlainJavaLaunchWithALongExplicitClassPath() throws Exception {
        assumeTrue(Files.isRegularFile(TARGET.resolve("classpath.txt")), "the consumer was not built");
        StringBuilder cp = new StringBuilder(TARGET.resolve("classes").toString());
        for (String jar : classpath()) {
            cp.append(File.pathSeparator).append(jar);
        }
        // Entries that do not exist are skipped by the JVM; they make the launch line as long as a game's.
        for (int i = 0; cp.length() < COMMAND_LINE_CHARS; i++) {
            cp.append(File.pathSeparator).append(TARGET.resolve("game-libraries/library-" + i + ".jar"));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path weights = Path.of("..", "models", "nf-small.safetensors").toAbsolutePath().normalize();
        Process game = new ProcessBuilder(java.toString(), "-cp", cp.toString(), "com.example.game.ConsumerGame", "10",
                weights.toString()).redirectErrorStream(true).start();
        String output = new String(game.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(game.waitFor(3, TimeUnit.MINUTES), "the game exited");
        assertEquals(0, game.exitValue(), "the game exits 0 (139 is the old crash):\n" + output);
        assertTrue(output.contains("10 decoded frames shown"), output);
    }

    private static List<String> classpath() throws IOException {
        String line = Files.readString(TARGET.resolve("classpath.txt")).trim();
        return List.of(line.split(File.pathSeparator));
    }
}
