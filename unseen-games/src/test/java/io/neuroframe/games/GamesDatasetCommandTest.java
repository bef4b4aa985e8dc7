package io.neuroframe.games;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.capture.CaptureSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GamesDatasetCommandTest {

    /** Runs the command; returns its exit code and what it printed on standard error. */
    private static Object[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new GamesDatasetCommand());
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Object[] {code, err.toString()};
    }

    @Test
    void anUnknownGameStopsBeforeAnythingIsWritten(@TempDir Path dir) {
        Path out = dir.resolve("set");
        Object[] result = run("--out", out.toString(), "--games", "highlands,tetris");
        assertEquals(2, result[0]);
        assertTrue(((String) result[1]).contains("unknown game 'tetris'"), (String) result[1]);
        assertFalse(Files.exists(out.resolve(CaptureSettings.FILE_NAME)), "nothing rendered or written");
    }

    @Test
    void frameCountsBelowOneAreRefused(@TempDir Path dir) {
        Object[] train = run("--out", dir.toString(), "--train-frames", "0");
        assertEquals(2, train[0]);
        assertTrue(((String) train[1]).contains("--train-frames must be > 0, got 0"), (String) train[1]);
        Object[] validation = run("--out", dir.toString(), "--val-frames", "-3");
        assertEquals(2, validation[0]);
        assertTrue(((String) validation[1]).contains("--val-frames must be > 0, got -3"), (String) validation[1]);
    }

    @Test
    void aFolderOfAnotherDatasetIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(CaptureSettings.FILE_NAME), new GamesSettings(UnseenGame.parseList("night"), 4, 2,
                9, 2).toJson().toString());
        Object[] result = run("--out", dir.toString(), "--games", "all");
        assertEquals(2, result[0]);
        assertTrue(((String) result[1]).contains("other settings"), (String) result[1]);
    }

    @Test
    void aFileInPlaceOfTheFolderIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "not a folder");
        Object[] result = run("--out", file.toString());
        assertEquals(2, result[0]);
        assertTrue(((String) result[1]).contains(file.toString()), (String) result[1]);
    }
}
