package io.neuroframe.adapter.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.checksum.ChecksumUtils;
import io.neuroframe.adapter.mea.MeaGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Library files written by the real writers, then cut or corrupted: each is refused with the field named. */
class MeaLibraryCorruptFileTest {

    @TempDir
    Path dir;

    private String readError(Path file) {
        return assertThrows(MeaLibraryFormatException.class, () -> MeaLibraryFile.read(file)).getMessage();
    }

    /** A dense library of 65,536 response values: 4 sites, 2 currents, 8 trials, 32 x 32 electrodes. */
    private static RecordedLibrary denseLibrary() {
        MeaGeometry g = new MeaGeometry(32, 32, 42.0);
        int[] sites = {g.index(3, 4), g.index(10, 20), g.index(17, 9), g.index(30, 30)};
        int trials = 8;
        float[] flat = new float[sites.length * 2 * trials * g.electrodes()];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < flat.length; i++) {
            flat[i] = 1 + random.nextInt(5);
        }
        return RecordedLibrary.ofDense(g, new float[] {1f, 2f}, sites, flat, trials,
                new RecordedLibrary.Metadata("spikes", 20.0, "corrupt-file fixture"));
    }

    private Path cut(Path file, long keep) throws IOException {
        Path cut = dir.resolve("cut-" + keep + "-" + file.getFileName());
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(file), (int) keep));
        return cut;
    }

    @Test
    void aLibraryWithItsLastFourKilobytesCutOffIsRefusedAsTruncated() throws IOException {
        Path file = dir.resolve("dense.h5");
        MeaLibraryFile.write(denseLibrary(), file);
        assertEquals(65_536, MeaLibraryFile.read(file).values().length, "the intact file reads");
        long size = Files.size(file);
        String message = readError(cut(file, size - 4096));
        assertTrue(message.contains("truncated: the file has " + (size - 4096) + " bytes but its HDF5 superblock "
                + "declares " + size + " (the last 4096 bytes are missing)"), message);
    }

    @Test
    void halfALibraryIsRefusedAsTruncatedNotAsMissingAField() throws IOException {
        Path file = dir.resolve("sparse.h5");
        MeaLibraryFile.write(TestLibraries.small(0.05, 3), file);
        String message = readError(cut(file, Files.size(file) / 2));
        assertTrue(message.contains("truncated") && !message.contains("missing attribute"), message);
    }

    @Test
    void aDatasetReachingPastTheEndOfAFileWhoseSuperblockAgreesIsNamed() throws IOException {
        Path file = dir.resolve("dense.h5");
        MeaLibraryFile.write(denseLibrary(), file);
        long keep = Files.size(file) - 4096;
        Path cut = cut(file, keep);
        setEndOfFileAddress(cut, keep);
        String message = readError(cut);
        assertTrue(message.matches(".*: [a-z_/]+: truncated: its data ends at byte \\d+ but the file has " + keep
                + " bytes"), message);
    }

    @Test
    void aDenseLibraryWithoutTrialsIsRefusedWithTheShape() throws IOException {
        Path file = dir.resolve("no-trials.h5");
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            writeHeaderAndAxes(h5);
            h5.putDataset("responses", new float[2][2][1][64]);
        }
        // jHDF cannot write an empty array, so the trial dimension of the written dataspace is set to 0.
        replaceOnce(file, dims(2, 2, 1, 64), dims(2, 2, 0, 64));
        String message = readError(file);
        assertTrue(message.contains("responses") && message.contains("[2, 2, 0, 64]")
                && message.contains("expected at least 1"), message);
    }

    @Test
    void aDamagedObjectHeaderIsReportedAsDamagedNotAsMissing() throws IOException {
        Path file = dir.resolve("damaged.h5");
        MeaLibraryFile.write(TestLibraries.small(0.6, 4), file);
        byte[] bytes = Files.readAllBytes(file);
        int header = indexOf(bytes, dims(3, 2, 4, 64));
        bytes[header] ^= 0x7f;
        Files.write(file, bytes);
        String message = readError(file);
        assertTrue(message.contains("unreadable, the file is damaged") && !message.contains("missing"), message);
    }

    @Test
    void aCsrShapeBeyondTheIntRangeIsRefusedInsteadOfNarrowed() {
        Path file = dir.resolve("huge-shape.h5");
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            writeHeaderAndAxes(h5);
            WritableGroup responses = h5.putGroup("responses");
            responses.putAttribute("encoding", "csr");
            responses.putAttribute("units", "spikes");
            responses.putAttribute("shape", new long[] {2, 2, (1L << 32) + 2, 64});
            responses.putDataset("data", new float[] {1f});
            responses.putDataset("indices", new int[] {5});
            responses.putDataset("indptr", new long[] {0, 1, 1, 1, 1, 1, 1, 1, 1});
        }
        String message = readError(file);
        assertTrue(message.contains("/responses@shape: 4294967298 trials"), message);
    }

    @Test
    void aCsrOffsetTableShorterThanTheShapeIsNamed() {
        Path file = dir.resolve("short-indptr.h5");
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            writeHeaderAndAxes(h5);
            WritableGroup responses = h5.putGroup("responses");
            responses.putAttribute("encoding", "csr");
            responses.putAttribute("units", "spikes");
            responses.putAttribute("shape", new long[] {2, 2, 3, 64});
            responses.putDataset("data", new float[] {1f});
            responses.putDataset("indices", new int[] {5});
            responses.putDataset("indptr", new long[] {0, 1, 1, 1, 1});
        }
        String message = readError(file);
        assertTrue(message.contains("responses/indptr") && message.contains("expected shape [13], found [5]"), message);
    }

    private static void writeHeaderAndAxes(WritableHdfFile h5) {
        h5.putAttribute("format", MeaLibraryFile.FORMAT);
        h5.putAttribute("format_version", MeaLibraryFile.VERSION);
        h5.putAttribute("units", "spikes");
        h5.putAttribute("window_ms", 20.0);
        h5.putAttribute("provenance", "test");
        WritableGroup geometry = h5.putGroup("geometry");
        geometry.putDataset("shape", new int[] {8, 8});
        geometry.putDataset("pitch_um", new double[] {42.0});
        geometry.putDataset("electrode_xy_um", new float[64][2]);
        h5.putDataset("currents_ua", new float[] {1f, 2f});
        h5.putDataset("stimulated_sites", new int[] {3, 9});
    }

    private static byte[] dims(long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            buffer.putLong(v);
        }
        return buffer.array();
    }

    /** Where {@code pattern} occurs in {@code bytes}; it must occur exactly once. */
    private static int indexOf(byte[] bytes, byte[] pattern) {
        int found = -1;
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                assertEquals(-1, found, "the byte pattern occurs once");
                found = i;
            }
        }
        assertTrue(found >= 0, "the byte pattern occurs");
        return found;
    }

    private static void replaceOnce(Path file, byte[] from, byte[] to) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int found = indexOf(bytes, from);
        System.arraycopy(to, 0, bytes, found, to.length);
        refreshObjectHeaderChecksum(bytes, found);
        Files.write(file, bytes);
    }

    /** Recomputes the checksum of the version 2 object header ("OHDR") whose first chunk holds {@code position}. */
    private static void refreshObjectHeaderChecksum(byte[] bytes, int position) {
        byte[] signature = {'O', 'H', 'D', 'R'};
        int start = position;
        while (!Arrays.equals(bytes, start, start + 4, signature, 0, 4)) {
            start--;
        }
        int flags = bytes[start + 5] & 0xff;
        int at = start + 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        int width = 1 << (flags & 3);
        long chunkSize = 0;
        for (int i = 0; i < width; i++) {
            chunkSize |= (bytes[at + i] & 0xffL) << (8 * i);
        }
        int end = Math.toIntExact(at + width + chunkSize);
        assertTrue(position < end, "the pattern lies in the first chunk");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(end, ChecksumUtils.checksum(Arrays.copyOfRange(bytes, start, end)));
    }

    /**
     * Rewrites the end-of-file address of a version 2 or 3 superblock (with its checksum), as a
     * tool that "repairs" a cut file would, so that only the datasets' own extents show the cut.
     */
    private static void setEndOfFileAddress(Path file, long address) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes[8] == 2 || bytes[8] == 3, "superblock version " + bytes[8]);
        assertEquals(8, bytes[9], "size of offsets");
        ByteBuffer superblock = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        superblock.putLong(28, address);
        superblock.putInt(44, ChecksumUtils.checksum(Arrays.copyOf(bytes, 44)));
        Files.write(file, bytes);
    }
}
