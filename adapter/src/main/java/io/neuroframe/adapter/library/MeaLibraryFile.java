package io.neuroframe.adapter.library;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import io.neuroframe.adapter.mea.MeaGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Reads and writes recorded-library HDF5 files (schema: {@code docs/mea-library-hdf5.md}, format version 1).
 *
 * <p>The responses are stored densely as {@code /responses} float32 {@code [site, current, trial, electrode]}
 * when at least {@link #DENSE_THRESHOLD} of the values are non-zero, otherwise as the compressed-sparse-row
 * group {@code /responses} ({@code data}, {@code indices}, {@code indptr}); readers accept both.
 */
public final class MeaLibraryFile {

    /** Value of the root attribute {@code format}. */
    public static final String FORMAT = "neuroframe.mea-library";
    /** Value of the root attribute {@code format_version} this class writes and reads. */
    public static final int VERSION = 1;
    /** Fraction of non-zero values from which the dense layout is written. */
    public static final double DENSE_THRESHOLD = 0.25;
    /** The most CSR row offsets ({@code S*C*T + 1}) a library holds: the length of one Java array. */
    private static final long MAX_CSR_ROWS = Integer.MAX_VALUE - 8;

    static {
        Hdf5Logging.quiet();
    }

    private MeaLibraryFile() {
    }

    /**
     * Writes {@code library} to {@code path} (replacing it), choosing the layout by density. The file is
     * written next to {@code path} under a temporary name and moved into place only when complete, so a
     * failed write leaves nothing behind and never a partial library.
     */
    public static void write(RecordedLibrary library, Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".part");
        try {
            writeComplete(library, temp, path);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes the whole file {@code temp}; errors name {@code path}, the file the caller asked for. */
    private static void writeComplete(RecordedLibrary library, Path temp, Path path) throws IOException {
        try (WritableHdfFile file = HdfFile.write(temp)) {
            RecordedLibrary.Metadata meta = library.metadata();
            file.putAttribute("format", FORMAT);
            file.putAttribute("format_version", VERSION);
            file.putAttribute("units", meta.units());
            file.putAttribute("window_ms", meta.windowMs());
            file.putAttribute("provenance", meta.provenance());
            writeGeometry(file.putGroup("geometry"), library.geometry());
            file.putDataset("currents_ua", library.currentsUa()).putAttribute("units", "uA");
            file.putDataset("stimulated_sites", library.siteElectrodes());
            // An empty CSR group would need empty datasets, which jHDF cannot write: all zeros go dense.
            if (library.density() >= DENSE_THRESHOLD || library.nonZeros() == 0) {
                WritableDataset responses = file.putDataset("responses", denseArray(library));
                responses.putAttribute("units", meta.units());
            } else {
                WritableGroup responses = file.putGroup("responses");
                responses.putAttribute("encoding", "csr");
                responses.putAttribute("units", meta.units());
                responses.putAttribute("shape", new long[] {library.sites(), library.currents(), library.trials(),
                        library.geometry().electrodes()});
                responses.putDataset("data", library.values());
                responses.putDataset("indices", library.electrodeIndices());
                int[] offsets = library.rowOffsets();
                long[] indptr = new long[offsets.length];
                for (int i = 0; i < offsets.length; i++) {
                    indptr[i] = offsets[i];
                }
                responses.putDataset("indptr", indptr);
            }
        } catch (RuntimeException e) {
            throw new IOException(path + ": could not write the library: " + e, e);
        }
    }

    /**
     * Geometry as datasets of the group (jHDF 0.9.4 writes a group holding only attributes incorrectly when
     * more objects follow it, so the schema keeps geometry values in datasets).
     */
    private static void writeGeometry(WritableGroup group, MeaGeometry geometry) {
        group.putDataset("shape", new int[] {geometry.rows(), geometry.cols()});
        group.putDataset("pitch_um", new double[] {geometry.pitchUm()});
        float[][] positions = new float[geometry.electrodes()][2];
        for (int e = 0; e < positions.length; e++) {
            positions[e][0] = (float) geometry.xUm(e);
            positions[e][1] = (float) geometry.yUm(e);
        }
        group.putDataset("electrode_xy_um", positions);
    }

    private static float[][][][] denseArray(RecordedLibrary library) {
        int electrodes = library.geometry().electrodes();
        float[][][][] dense = new float[library.sites()][library.currents()][library.trials()][electrodes];
        for (int s = 0; s < library.sites(); s++) {
            for (int c = 0; c < library.currents(); c++) {
                for (int t = 0; t < library.trials(); t++) {
                    library.addTrial(s, c, t, 1f, dense[s][c][t]);
                }
            }
        }
        return dense;
    }

    /** Reads and validates a library; any deviation from the schema raises an error naming the field. */
    public static RecordedLibrary read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new MeaLibraryFormatException(path, "/", "no such file");
        }
        HdfFile file;
        try {
            file = new HdfFile(path);
        } catch (HdfException e) {
            throw new MeaLibraryFormatException(path, "/", "not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
        try (file) {
            Hdf5Fields fields = new Hdf5Fields(file, path);
            fields.requireComplete();
            return read(fields, file);
        } catch (HdfException e) {
            throw new MeaLibraryFormatException(path, "/", "unreadable HDF5 content (" + e.getMessage() + ")", e);
        }
    }

    private static RecordedLibrary read(Hdf5Fields fields, HdfFile file) throws IOException {
        Path path = fields.path();
        String format = fields.stringAttribute(file, "format");
        if (!FORMAT.equals(format)) {
            throw new MeaLibraryFormatException(path, "/@format", "expected '" + FORMAT + "', found '" + format + "'");
        }
        int version = (int) fields.numberAttribute(file, "format_version");
        if (version != VERSION) {
            throw new MeaLibraryFormatException(path, "/@format_version", "version " + version
                    + " is not supported (this reader knows version " + VERSION + ")");
        }
        int[] rowsCols = fields.ints("geometry/shape", 2);
        double pitch = ((double[]) fields.dataset("geometry/pitch_um", double.class, 1).getDataFlat())[0];
        MeaGeometry geometry;
        try {
            geometry = new MeaGeometry(rowsCols[0], rowsCols[1], pitch);
        } catch (IllegalArgumentException e) {
            throw new MeaLibraryFormatException(path, "/geometry", e.getMessage(), e);
        }
        fields.floats("geometry/electrode_xy_um", geometry.electrodes(), 2);
        float[] currents = fields.floats("currents_ua", -1);
        int[] sites = fields.ints("stimulated_sites", -1);
        RecordedLibrary.Metadata metadata = new RecordedLibrary.Metadata(fields.stringAttribute(file, "units"),
                fields.numberAttribute(file, "window_ms"), fields.stringAttribute(file, "provenance"));
        Node responses = fields.node("responses");
        try {
            if (responses instanceof Dataset) {
                Dataset dense = fields.dataset("responses", float.class, sites.length, currents.length, -1,
                        geometry.electrodes());
                int trials = dense.getDimensions()[2];
                if (trials < 1) {
                    throw new MeaLibraryFormatException(path, "/responses", "shape " + Arrays.toString(
                            dense.getDimensions()) + " holds no trial, expected at least 1");
                }
                return RecordedLibrary.ofDense(geometry, currents, sites, fields.floats("responses",
                        sites.length, currents.length, trials, geometry.electrodes()), trials, metadata);
            }
            String encoding = fields.stringAttribute(responses, "encoding");
            if (!"csr".equals(encoding)) {
                throw new MeaLibraryFormatException(path, "/responses@encoding", "expected 'csr', found '"
                        + encoding + "'");
            }
            long[] shape = fields.longArrayAttribute(responses, "shape");
            if (shape.length != 4 || shape[0] != sites.length || shape[1] != currents.length || shape[2] < 1
                    || shape[3] != geometry.electrodes()) {
                throw new MeaLibraryFormatException(path, "/responses@shape", "expected [" + sites.length + ", "
                        + currents.length + ", trials >= 1, " + geometry.electrodes() + "], found "
                        + Arrays.toString(shape));
            }
            long rows = (long) sites.length * currents.length;
            if (shape[2] > (MAX_CSR_ROWS - 1) / rows) {
                throw new MeaLibraryFormatException(path, "/responses@shape", shape[2] + " trials of " + rows
                        + " site-current pairs need more row offsets (S*C*T + 1) than the " + MAX_CSR_ROWS
                        + " one library can hold");
            }
            int trials = (int) shape[2];
            float[] data = fields.floats("responses/data", -1);
            int[] indices = fields.ints("responses/indices", data.length);
            long[] indptr = fields.longs("responses/indptr", (int) (rows * trials + 1));
            int[] offsets = new int[indptr.length];
            for (int i = 0; i < indptr.length; i++) {
                if (indptr[i] < 0 || indptr[i] > data.length) {
                    throw new MeaLibraryFormatException(path, "/responses/indptr", "offset " + indptr[i]
                            + " outside 0.." + data.length);
                }
                offsets[i] = (int) indptr[i];
            }
            return RecordedLibrary.ofSparse(geometry, currents, sites, trials, offsets, indices, data, metadata);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = message.indexOf(':');
            String field = colon > 0 ? "/" + message.substring(0, colon) : "/responses";
            throw new MeaLibraryFormatException(path, field, colon > 0 ? message.substring(colon + 2) : message, e);
        }
    }
}
