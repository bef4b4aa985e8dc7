package io.neuroframe.demo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.codec.onnx.OnnxGraphBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class NeuroFrameCommandTest {

    /** What one run of the command line did. */
    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** Runs the command line in-process, as {@code main} does, without exiting. */
    static Run execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = NeuroFrameCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs the command line; returns exit code and what it printed (out + err). */
    static Object[] run(String... args) {
        Run run = execute(args);
        return new Object[] {run.code(), run.all()};
    }

    @Test
    void helpListsEverySubcommandTheLauncherOnesIncluded() {
        Run help = execute("--help");
        assertEquals(0, help.code());
        Set<String> names = NeuroFrameCommand.commandLine().getSubcommands().keySet();
        assertTrue(names.containsAll(List.of("demo", "dataset", "games-dataset", "test", "bench", "help")), names.toString());
        for (String name : names) {
            assertTrue(help.out().matches("(?s).*\\n  " + Pattern.quote(name) + " .*"), name + " missing:\n" + help.out());
        }
        assertTrue(help.out().contains("--verbose"), help.out());
    }

    @Test
    void theLauncherOnlyCommandsSayHowToRunThem() {
        Run test = execute("test", "--timing");
        assertEquals(2, test.code());
        assertEquals("neuroframe test: run it through the launcher: ./neuroframe test [--timing] [MAVEN ARGUMENTS]",
                test.err().strip());
        Run bench = execute("bench", "--help");
        assertEquals(0, bench.code());
        assertTrue(bench.out().contains("./neuroframe bench"), bench.out());
    }

    @Test
    void helpTextsBreakOnlyBetweenSentences() {
        List<CommandLine> commands = new ArrayList<>();
        commands.add(NeuroFrameCommand.commandLine());
        for (int i = 0; i < commands.size(); i++) {
            CommandLine command = commands.get(i);
            commands.addAll(command.getSubcommands().values());
            if (command.getCommand() instanceof CommandLine.HelpCommand) {
                continue; // picocli's own
            }
            String[] paragraphs = command.getCommandSpec().usageMessage().description();
            for (int p = 0; p < paragraphs.length; p++) {
                String paragraph = paragraphs[p];
                String where = command.getCommandName() + " description paragraph " + (p + 1) + ": " + paragraph;
                assertFalse(paragraph.contains("\n") || paragraph.contains("%n"), where);
                assertFalse(p > 0 && (Character.isLowerCase(paragraph.charAt(0)) || paragraph.startsWith("(")),
                        "a sentence broken across lines; " + where);
            }
        }
    }

    static Stream<Arguments> badInputs() throws IOException {
        Path dir = Files.createTempDirectory("nf-cli");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path corrupt = Files.writeString(dir.resolve("corrupt.onnx"), "not an ONNX model");
        OnnxGraphBuilder graph = new OnnxGraphBuilder("other");
        graph.output(graph.op("Identity", "y", graph.input("x", 1, 4)), "y", 1, 4);
        Path other = Files.write(dir.resolve("other.onnx"), graph.build("test", "not an adapter").toByteArray());
        return Stream.of(
                Arguments.of(new String[] {"demo", "--neural", "--game", "racing"},
                        "unknown game 'racing'; known games: arena, atrium, highlands, night, showroom"),
                Arguments.of(new String[] {"demo", "--game", "atrium"}, "--game needs --neural"),
                Arguments.of(new String[] {"demo", "--remote", "localhost:8001", "--game", "night"},
                        "choose one of --remote and --game"),
                Arguments.of(new String[] {"demo", "--neural", "--game", "arena", "--style", "desert"},
                        "--style and --view-distance set up the voxel world"),
                Arguments.of(new String[] {"demo", "--adapter", corrupt.toString()}, "--adapter needs --neural"),
                Arguments.of(new String[] {"demo", "--action-guidance", "2"}, "--action-guidance needs --dream"),
                Arguments.of(new String[] {"demo", "--dream", "--action-guidance", "0.5"},
                        "--action-guidance: action guidance must be finite and at least 1, got 0.5"),
                Arguments.of(new String[] {"demo", "--dream", "--adapter", corrupt.toString()},
                        "--adapter needs --neural"),
                Arguments.of(new String[] {"demo", "--neural", "--adapter", dir.resolve("none.onnx").toString()},
                        "adapter not found: " + dir.resolve("none.onnx").toAbsolutePath()),
                Arguments.of(new String[] {"demo", "--neural", "--game", "showroom", "--adapter", dir.toString()},
                        "adapter: " + dir.toAbsolutePath() + " is a folder, not a file"),
                Arguments.of(new String[] {"demo", "--neural", "--adapter", corrupt.toString()},
                        "adapter: ONNX Runtime cannot load " + corrupt.toAbsolutePath()),
                Arguments.of(new String[] {"demo", "--neural", "--adapter", other.toString()},
                        "adapter: " + other.toAbsolutePath() + " is not an exported adapter"),
                Arguments.of(new String[] {"grow-cultures", "--out", dir.toString(), "--count", "0"},
                        "--count must be at least 1, got 0"),
                Arguments.of(new String[] {"eval-vae", "--data", dir.resolve("none").toString(), "--weights",
                        file.toString()}, "no dataset manifest"),
                Arguments.of(new String[] {"eval-vae", "--data", dir.toString(), "--weights", dir.toString()},
                        "is a folder, not a file"),
                Arguments.of(new String[] {"demo", "--neural", "--weights", dir.toString(), "--out",
                        dir.resolve("demo").toString()}, "is a folder, not a file"),
                Arguments.of(new String[] {"demo", "--width", "100000"}, "--width and --height must be within"),
                Arguments.of(new String[] {"demo", "--neural", "--out", file.resolve("demo").toString()},
                        "--out: cannot create the output folder"),
                Arguments.of(new String[] {"dataset", "--out", file.resolve("data").toString()},
                        "cannot create the output folder"),
                Arguments.of(new String[] {"train-world", "--latents", dir.resolve("none.safetensors").toString(),
                        "--out", dir.resolve("world").toString()}, "none.safetensors"),
                Arguments.of(new String[] {"demo", "--no-such-option"}, "Unknown option: '--no-such-option'"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void aRefusedInputIsOneClearLineWithoutAStackTrace(String[] args, String message) {
        Run run = execute(args);
        assertEquals(2, run.code(), run.all());
        String[] lines = run.err().strip().split("\\R");
        assertTrue(lines[0].startsWith("neuroframe " + args[0] + ": ") && lines[0].contains(message), run.err());
        assertTrue(lines.length == 1 || (lines.length == 2 && lines[1].startsWith("Try 'neuroframe " + args[0]
                + " --help'")), "one line, and at most a pointer to the help:\n" + run.err());
        assertFalse(run.all().contains("\tat "), "no stack trace:\n" + run.all());
    }

    @Test
    void verboseAddsTheStackTraceToARefusedInput(@TempDir Path dir) {
        Run run = execute("--verbose", "eval-vae", "--data", dir.resolve("none").toString(), "--weights",
                dir.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("\tat "), run.err());
        Run inherited = execute("grow-cultures", "--verbose", "--out", dir.toString(), "--count", "0");
        assertTrue(inherited.err().contains("\tat "), inherited.err());
    }

    @Test
    void aBugKeepsItsStackTrace() {
        CommandLine cmd = NeuroFrameCommand.commandLine();
        cmd.addSubcommand("broken", new CommandLine(new Broken()));
        cmd.setExecutionExceptionHandler(cmd.getExecutionExceptionHandler()); // reaches the subcommand added here
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        assertEquals(1, cmd.execute("broken"));
        assertTrue(err.toString().contains("a bug") && err.toString().contains("\tat "), err.toString());
    }

    /** A command with a bug in it. */
    @CommandLine.Command(name = "broken")
    static final class Broken implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("an index went wrong");
        }
    }

    @Test
    void datasetRejectsANonPositiveFrameCount(@TempDir Path dir) {
        Object[] result = run("dataset", "--out", dir.toString(), "--frames", "0");
        assertEquals(2, result[0]);
        assertTrue(((String) result[1]).contains("--frames must be > 0, got 0"), (String) result[1]);
    }

    @Test
    void datasetRejectsAnUnknownStyle(@TempDir Path dir) {
        Object[] result = run("dataset", "--out", dir.toString(), "--styles", "meadow,jungle");
        assertEquals(2, result[0]);
        assertTrue(((String) result[1]).contains("unknown style 'jungle'"), (String) result[1]);
    }

    @Test
    void datasetRejectsAFolderItCannotCreate(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Object[] result = run("dataset", "--out", file.resolve("data").toString(), "--frames", "5");
        assertEquals(2, result[0]);
        assertTrue(((String) result[1]).contains("cannot create the output folder"), (String) result[1]);
        assertFalse(Files.exists(file.resolve("data")));
    }

    @Test
    void demoRejectsAnUnknownStyleAndBadSizes() {
        Object[] result = run("demo", "--style", "jungle");
        assertEquals(2, result[0]);
        assertTrue(((String) result[1]).contains("known styles: meadow"), (String) result[1]);
        result = run("demo", "--frames", "-3");
        assertEquals(2, result[0]);
        assertTrue(((String) result[1]).contains("--frames must be > 0"), (String) result[1]);
    }

    @Test
    void demoRejectsInconsistentRemoteOptions() {
        Object[] result = run("demo", "--token", "secret");
        assertEquals(2, result[0]);
        assertTrue(((String) result[1]).contains("--token, --tls and --trust need --remote"), (String) result[1]);
        result = run("demo", "--remote", "localhost");
        assertEquals(2, result[0]);
        assertTrue(((String) result[1]).contains("expected host:port"), (String) result[1]);
        result = run("demo", "--remote", "localhost:8001", "--dream");
        assertEquals(2, result[0]);
        assertTrue(((String) result[1]).contains("choose one of --remote and --dream"), (String) result[1]);
        result = run("demo", "--remote", "localhost:8001", "--trust", "ca.pem");
        assertEquals(2, result[0]);
        assertTrue(((String) result[1]).contains("--trust needs --tls"), (String) result[1]);
    }

    @Test
    void demoRejectsAPortOutOfRangeBeforeConnecting() {
        Object[] result = run("demo", "--remote", "127.0.0.1:99999");
        assertEquals(2, result[0]);
        assertTrue(((String) result[1]).contains("127.0.0.1:99999: port 99999 is outside 1..65535"), (String) result[1]);
    }

    @Test
    void demoNamesAnUnusableTrustFileInOneLineWithoutAStackTrace(@TempDir Path dir) throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
        Object[] result = run("demo", "--remote", "localhost:8001", "--tls", "--trust", garbage.toString());
        assertEquals(2, result[0]);
        String text = (String) result[1];
        String firstLine = text.lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith("neuroframe demo: TLS trust certificate " + garbage), text);
        assertFalse(text.contains("\tat ") || text.contains("Exception"), "no stack trace:\n" + text);
    }

    @Test
    void demoRefusesATokenInPlainTextToAnAddressThatIsNotLoopback() {
        Object[] result = run("demo", "--remote", "192.0.2.10:8001", "--token", "secret");
        assertEquals(2, result[0]);
        String text = (String) result[1];
        assertTrue(text.startsWith("neuroframe demo: refusing to send the bearer token in plain text to 192.0.2.10:8001"), text);
        assertFalse(text.contains("secret"), "the token itself is not printed:\n" + text);
    }
}
