package io.neuroframe.demo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NeuroFrameCommandTest {

    /** Runs the command line; returns exit code and what it printed (out + err). */
    static Object[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new NeuroFrameCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Object[] {code, out + "" + err};
    }

    @Test
    void helpListsEverySubcommand() {
        Object[] result = run("--help");
        assertEquals(0, result[0]);
        String text = (String) result[1];
        assertTrue(text.contains("demo") && text.contains("dataset") && text.contains("games-dataset") && text.contains("help"), text);
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
        assertTrue(firstLine.startsWith("TLS trust certificate " + garbage), text);
        assertFalse(text.contains("\tat ") || text.contains("Exception"), "no stack trace:\n" + text);
    }

    @Test
    void demoRefusesATokenInPlainTextToAnAddressThatIsNotLoopback() {
        Object[] result = run("demo", "--remote", "192.0.2.10:8001", "--token", "secret");
        assertEquals(2, result[0]);
        String text = (String) result[1];
        assertTrue(text.startsWith("refusing to send the bearer token in plain text to 192.0.2.10:8001"), text);
        assertFalse(text.contains("secret"), "the token itself is not printed:\n" + text);
    }
}
