package io.neuroframe.adapter.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OodResultsTest {
    @TempDir
    Path dir;

    @Test
    void aUnitRecordedTwiceIsRefusedWithTheFileAndTheUnitNamed() throws Exception {
        Path file = dir.resolve("results.csv");
        List<OodResults.Row> unit = List.of(row("arena"), row("pooled"));
        OodResults.append(file, unit);
        assertEquals(2, OodResults.read(file).size(), "one unit, two games");

        OodResults.append(file, unit);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OodResults.read(file));
        assertTrue(e.getMessage().startsWith(file + ": unit " + unit.get(0).key() + " has two rows for arena"),
                e.getMessage());
    }

    private static OodResults.Row row(String game) {
        return new OodResults.Row("token-map", "-", 3, game, 1e-6, 331777, 1500, 200.5, 100, 0.0025, 26.0, 0.73,
                0.002, 1e-6);
    }
}
