package io.neuroframe.adapter.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentFilesTest {

    private static final String HEADER = "name,value";

    @TempDir
    Path dir;

    @Test
    void appendCreatesTheTableWithItsHeaderAndReadSkipsBlankLines() throws IOException {
        Path file = dir.resolve("sub").resolve("table.csv");
        assertTrue(ExperimentFiles.readCsv(file, HEADER, "a test table", f -> f).isEmpty(), "no file, no rows");

        ExperimentFiles.appendCsv(file, HEADER, List.of("a,1"));
        ExperimentFiles.appendCsv(file, HEADER, List.of("b,2", "", "c,3"));

        assertEquals(List.of(HEADER, "a,1", "b,2", "", "c,3"), Files.readAllLines(file));
        List<String[]> rows = ExperimentFiles.readCsv(file, HEADER, "a test table", f -> f);
        assertEquals(3, rows.size());
        assertArrayEquals(new String[] {"c", "3"}, rows.get(2));
    }

    @Test
    void readNamesTheTableAndTheLineOfAProblem() throws IOException {
        Path file = dir.resolve("table.csv");
        Files.writeString(file, "other,header\n");
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
                () -> ExperimentFiles.readCsv(file, HEADER, "a test table", f -> f));
        assertTrue(header.getMessage().contains("not a test table (expected the header " + HEADER + ")"),
                header.getMessage());

        Files.writeString(file, HEADER + "\na,1\nb,2,3\n");
        IllegalArgumentException fields = assertThrows(IllegalArgumentException.class,
                () -> ExperimentFiles.readCsv(file, HEADER, "a test table", f -> f));
        assertTrue(fields.getMessage().endsWith("line 3: expected 2 fields, got 3"), fields.getMessage());

        Files.writeString(file, HEADER + "\na,x\n");
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> ExperimentFiles.readCsv(file, HEADER, "a test table", f -> Double.parseDouble(f[1])));
        assertTrue(number.getMessage().contains("line 2: "), number.getMessage());
    }
}
