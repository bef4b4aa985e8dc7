package io.neuroframe.adapter.culture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.adapter.library.MeaLibraryFile;
import io.neuroframe.adapter.library.RecordedLibrary;
import io.neuroframe.adapter.mea.StimulationEncoding;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GrowCulturesCommandTest {

    @Test
    void growsNumberedCultureFilesWithProgressAndKeepsExistingOnes(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new GrowCulturesCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] args = {"--out", dir.toString(), "--count", "2", "--seed", "3", "--neurons", "400", "--trials", "1",
            "--threads", "2"};
        assertEquals(0, cli.execute(args), err.toString());
        RecordedLibrary first = MeaLibraryFile.read(dir.resolve("culture-01.h5"));
        assertTrue(Files.exists(dir.resolve("culture-02.h5")));
        assertEquals(576, first.sites());
        assertEquals(StimulationEncoding.defaults().siteElectrode(0), first.siteElectrodes()[0]);
        assertTrue(first.metadata().provenance().contains("seed=3"));
        assertTrue(err.toString().contains("culture 2/2: 576/576 sites"), err.toString());
        assertTrue(err.toString().contains("ETA"), err.toString());

        StringWriter again = new StringWriter();
        cli.setOut(new PrintWriter(again));
        assertEquals(0, cli.execute(args));
        assertTrue(again.toString().contains("exists, kept"), again.toString());
    }
}
