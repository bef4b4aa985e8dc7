package io.neuroframe.adapter.library;

import io.neuroframe.adapter.mea.MeaGeometry;
import io.neuroframe.adapter.response.CurrentLevels;
import java.util.Arrays;

/**
 * Recorded stimulation responses of one culture: for each stimulated electrode, each current and each trial,
 * the activity of every electrode in the post-stimulus window (logically {@code [site, current, trial,
 * electrode]} float32). Held sparsely in memory: one row per (site, current, trial), rows in that order,
 * each listing its non-zero electrodes.
 */
public final class RecordedLibrary {

    private final MeaGeometry geometry;
    private final float[] currentsUa;
    private final int[] siteElectrodes;
    private final int trials;
    private final int[] rowOffsets;
    private final int[] electrodeIndices;
    private final float[] values;
    private final Metadata metadata;

    /**
     * Descriptive fields that travel with the responses.
     *
     * @param units unit of a response value, e.g. {@code spikes}
     * @param windowMs post-stimulus counting window in milliseconds
     * @param provenance where the data came from (free text, e.g. the generator and its parameters)
     */
    public record Metadata(String units, double windowMs, String provenance) {
        public Metadata {
            java.util.Objects.requireNonNull(units, "units");
            java.util.Objects.requireNonNull(provenance, "provenance");
        }
    }

    private RecordedLibrary(MeaGeometry geometry, float[] currentsUa, int[] siteElectrodes, int trials,
            int[] rowOffsets, int[] electrodeIndices, float[] values, Metadata metadata) {
        this.geometry = geometry;
        this.currentsUa = currentsUa;
        this.siteElectrodes = siteElectrodes;
        this.trials = trials;
        this.rowOffsets = rowOffsets;
        this.electrodeIndices = electrodeIndices;
        this.values = values;
        this.metadata = metadata;
    }

    /**
     * A library from sparse rows; every argument is validated (ranges, order, finiteness) and the error names
     * the offending field.
     *
     * @param rowOffsets {@code sites * currents * trials + 1} ascending offsets into the entry arrays
     * @param electrodeIndices electrode of each entry, ascending within a row
     * @param values response of each entry, finite
     */
    public static RecordedLibrary ofSparse(MeaGeometry geometry, float[] currentsUa, int[] siteElectrodes,
            int trials, int[] rowOffsets, int[] electrodeIndices, float[] values, Metadata metadata) {
        float[] currents = CurrentLevels.validated(currentsUa, "currents_ua");
        checkSites(geometry, siteElectrodes);
        if (trials < 1) {
            throw new IllegalArgumentException("trials: at least one trial is needed, got " + trials);
        }
        int rows = siteElectrodes.length * currents.length * trials;
        if (rowOffsets.length != rows + 1 || rowOffsets[0] != 0 || rowOffsets[rows] != values.length
                || electrodeIndices.length != values.length) {
            throw new IllegalArgumentException("responses: expected " + (rows + 1) + " row offsets from 0 to "
                    + values.length + " entries, got " + rowOffsets.length + " offsets and "
                    + electrodeIndices.length + " indices");
        }
        for (int r = 0; r < rows; r++) {
            if (rowOffsets[r + 1] < rowOffsets[r]) {
                throw new IllegalArgumentException("responses: row offsets decrease at row " + r);
            }
            for (int i = rowOffsets[r]; i < rowOffsets[r + 1]; i++) {
                int e = electrodeIndices[i];
                if (e < 0 || e >= geometry.electrodes() || (i > rowOffsets[r] && e <= electrodeIndices[i - 1])) {
                    throw new IllegalArgumentException("responses: electrode index " + e + " at entry " + i
                            + " is outside 0.." + (geometry.electrodes() - 1) + " or not ascending within its row");
                }
                if (!Float.isFinite(values[i])) {
                    throw new IllegalArgumentException("responses: non-finite value " + values[i] + " at "
                            + describeRow(r, siteElectrodes.length, currents.length, trials) + ", electrode " + e);
                }
            }
        }
        return new RecordedLibrary(geometry, currents, siteElectrodes.clone(), trials, rowOffsets.clone(),
                electrodeIndices.clone(), values.clone(), metadata);
    }

    /** A library from a dense {@code [site][current][trial][electrode]} array (zeros are not stored). */
    public static RecordedLibrary ofDense(MeaGeometry geometry, float[] currentsUa, int[] siteElectrodes,
            float[] flatResponses, int trials, Metadata metadata) {
        int electrodes = geometry.electrodes();
        int rows = siteElectrodes.length * currentsUa.length * trials;
        if (flatResponses.length != (long) rows * electrodes) {
            throw new IllegalArgumentException("responses: expected " + rows + " x " + electrodes + " values, got "
                    + flatResponses.length);
        }
        int nonZeros = 0;
        for (float v : flatResponses) {
            if (v != 0f) {
                nonZeros++;
            }
        }
        int[] offsets = new int[rows + 1];
        int[] indices = new int[nonZeros];
        float[] values = new float[nonZeros];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            for (int e = 0; e < electrodes; e++) {
                float v = flatResponses[r * electrodes + e];
                if (v != 0f) {
                    indices[n] = e;
                    values[n++] = v;
                }
            }
            offsets[r + 1] = n;
        }
        return ofSparse(geometry, currentsUa, siteElectrodes, trials, offsets, indices, values, metadata);
    }

    private static void checkSites(MeaGeometry geometry, int[] sites) {
        if (sites.length == 0) {
            throw new IllegalArgumentException("stimulated_sites: at least one site is needed");
        }
        int[] sorted = sites.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0 || sorted[i] >= geometry.electrodes() || (i > 0 && sorted[i] == sorted[i - 1])) {
                throw new IllegalArgumentException("stimulated_sites: expected distinct electrode indices in 0.."
                        + (geometry.electrodes() - 1) + ", found " + sorted[i]);
            }
        }
    }

    private static String describeRow(int row, int sites, int currents, int trials) {
        int trial = row % trials;
        int current = (row / trials) % currents;
        int site = row / trials / currents;
        return "site " + site + ", current " + current + ", trial " + trial;
    }

    public MeaGeometry geometry() {
        return geometry;
    }

    /** Stimulation currents in microamperes, ascending (a copy). */
    public float[] currentsUa() {
        return currentsUa.clone();
    }

    /** Stimulated electrodes in library order (a copy). */
    public int[] siteElectrodes() {
        return siteElectrodes.clone();
    }

    public int sites() {
        return siteElectrodes.length;
    }

    public int currents() {
        return currentsUa.length;
    }

    public int trials() {
        return trials;
    }

    public Metadata metadata() {
        return metadata;
    }

    /** Library index of the site that stimulates {@code electrode}, or -1. */
    public int siteOf(int electrode) {
        for (int s = 0; s < siteElectrodes.length; s++) {
            if (siteElectrodes[s] == electrode) {
                return s;
            }
        }
        return -1;
    }

    /** Stored non-zero entries. */
    public int nonZeros() {
        return values.length;
    }

    /** Fraction of the logical array that is non-zero. */
    public double density() {
        return values.length / ((double) rowOffsets.length - 1) / geometry.electrodes();
    }

    /** Adds {@code scale} times the response of one trial into {@code activity}. */
    public void addTrial(int site, int current, int trial, float scale, float[] activity) {
        int row = (site * currentsUa.length + current) * trials + trial;
        for (int i = rowOffsets[row], end = rowOffsets[row + 1]; i < end; i++) {
            activity[electrodeIndices[i]] += scale * values[i];
        }
    }

    /** Adds {@code scale} times the trial average into {@code activity}. */
    public void addMean(int site, int current, float scale, float[] activity) {
        for (int t = 0; t < trials; t++) {
            addTrial(site, current, t, scale / trials, activity);
        }
    }

    /** Row offsets of the sparse storage (a copy), one row per (site, current, trial). */
    public int[] rowOffsets() {
        return rowOffsets.clone();
    }

    /** Electrode of each stored entry (a copy). */
    public int[] electrodeIndices() {
        return electrodeIndices.clone();
    }

    /** Value of each stored entry (a copy). */
    public float[] values() {
        return values.clone();
    }
}
