package io.neuroframe.adapter.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeaLibraryFileTest {

    @TempDir
    Path dir;

    private static void assertSameLibrary(RecordedLibrary expected, RecordedLibrary actual) {
        assertEquals(expected.geometry(), actual.geometry());
        assertArrayEquals(expected.currentsUa(), actual.currentsUa());
        assertArrayEquals(expected.siteElectrodes(), actual.siteElectrodes());
        assertEquals(expected.trials(), actual.trials());
        assertArrayEquals(expected.rowOffsets(), actual.rowOffsets());
        assertArrayEquals(expected.electrodeIndices(), actual.electrodeIndices());
        assertArrayEquals(expected.values(), actual.values());
        assertEquals(expected.metadata(), actual.metadata());
    }

    @Test
    void roundTripsADenseLibrary() throws IOException {
        RecordedLibrary library = TestLibraries.small(0.6, 1);
        assertTrue(library.density() >= MeaLibraryFile.DENSE_THRESHOLD);
        Path file = dir.resolve("dense.h5");
        MeaLibraryFile.write(library, file);
        try (HdfFile h5 = new HdfFile(file)) {
            assertArrayEquals(new int[] {3, 2, 4, 64}, h5.getDatasetByPath("responses").getDimensions());
        }
        assertSameLibrary(library, MeaLibraryFile.read(file));
    }

    @Test
    void roundTripsASparseLibrary() throws IOException {
        RecordedLibrary library = TestLibraries.small(0.05, 2);
        assertTrue(library.density() < MeaLibraryFile.DENSE_THRESHOLD);
        Path file = dir.resolve("sparse.h5");
        MeaLibraryFile.write(library, file);
        try (HdfFile h5 = new HdfFile(file)) {
            assertEquals("csr", h5.getByPath("responses").getAttribute("encoding").getData());
        }
        assertSameLibrary(library, MeaLibraryFile.read(file));
    }

    /** Writes a valid dense library file, letting {@code change} replace or add fields. */
    private Path libraryFile(String name, boolean writeResponses, Consumer<WritableHdfFile> change) {
        Path file = dir.resolve(name);
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            writeHeader(h5);
            h5.putDataset("currents_ua", new float[] {1f, 2f});
            h5.putDataset("stimulated_sites", new int[] {3, 9});
            if (writeResponses) {
                h5.putDataset("responses", new float[2][2][3][64]);
            }
            change.accept(h5);
        }
        return file;
    }

    private String readError(Path file) {
        return assertThrows(MeaLibraryFormatException.class, () -> MeaLibraryFile.read(file)).getMessage();
    }

    @Test
    void acceptsTheHandWrittenFixture() throws IOException {
        RecordedLibrary library = MeaLibraryFile.read(libraryFile("ok.h5", true, h5 -> { }));
        assertEquals(3, library.trials());
        assertEquals(0, library.nonZeros());
    }

    @Test
    void namesTheMissingDataset() {
        Path file = libraryFile("missing.h5", false, h5 -> { });
        String message = readError(file);
        assertTrue(message.contains(file.toString()) && message.contains("responses") && message.contains("missing"),
                message);
    }

    @Test
    void namesTheDatasetWithTheWrongShape() {
        Path file = libraryFile("shape.h5", false, h5 -> h5.putDataset("responses", new float[2][2][3][63]));
        String message = readError(file);
        assertTrue(message.contains("responses") && message.contains("[2, 2, *, 64]") && message.contains("63"),
                message);
    }

    @Test
    void namesTheDatasetWithTheWrongType() {
        Path file = libraryFile("dtype.h5", false, h5 -> h5.putDataset("responses", new double[2][2][3][64]));
        String message = readError(file);
        assertTrue(message.contains("responses") && message.contains("float32") && message.contains("float64"),
                message);
    }

    @Test
    void rejectsNaNValues() {
        float[][][][] values = new float[2][2][3][64];
        values[1][0][2][17] = Float.NaN;
        Path file = libraryFile("nan.h5", false, h5 -> h5.putDataset("responses", values));
        String message = readError(file);
        assertTrue(message.contains("responses") && message.contains("NaN"), message);
    }

    @Test
    void rejectsDescendingCurrentsAndSitesOutsideTheArray() {
        Path currents = dir.resolve("currents.h5");
        Path sites = dir.resolve("sites.h5");
        try (WritableHdfFile h5 = HdfFile.write(currents)) {
            writeHeader(h5);
            h5.putDataset("currents_ua", new float[] {2f, 1f});
            h5.putDataset("stimulated_sites", new int[] {3, 9});
            h5.putDataset("responses", new float[2][2][1][64]);
        }
        try (WritableHdfFile h5 = HdfFile.write(sites)) {
            writeHeader(h5);
            h5.putDataset("currents_ua", new float[] {1f, 2f});
            h5.putDataset("stimulated_sites", new int[] {3, 64});
            h5.putDataset("responses", new float[2][2][1][64]);
        }
        assertTrue(readError(currents).contains("/currents_ua"), readError(currents));
        assertTrue(readError(sites).contains("/stimulated_sites"), readError(sites));
    }

    private static void writeHeader(WritableHdfFile h5) {
        h5.putAttribute("format", MeaLibraryFile.FORMAT);
        h5.putAttribute("format_version", MeaLibraryFile.VERSION);
        h5.putAttribute("units", "spikes");
        h5.putAttribute("window_ms", 20.0);
        h5.putAttribute("provenance", "test");
        writeGeometry(h5);
    }

    private static void writeGeometry(WritableHdfFile h5) {
        WritableGroup geometry = h5.putGroup("geometry");
        geometry.putDataset("shape", new int[] {8, 8});
        geometry.putDataset("pitch_um", new double[] {42.0});
        geometry.putDataset("electrode_xy_um", new float[64][2]);
    }

    @Test
    void rejectsFilesThatAreNotHdf5OrAbsent() throws IOException {
        Path text = dir.resolve("text.h5");
        Files.writeString(text, "not an HDF5 file");
        assertTrue(readError(text).contains("not a readable HDF5 file"), readError(text));
        assertTrue(readError(dir.resolve("absent.h5")).contains("no such file"));
    }

    @Test
    void rejectsAnotherFormat() {
        Path file = libraryFile("format.h5", true, h5 -> h5.putAttribute("format", "something-else"));
        assertTrue(readError(file).contains("/@format"), readError(file));
    }
}
