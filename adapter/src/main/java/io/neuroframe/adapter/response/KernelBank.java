package io.neuroframe.adapter.response;

import io.neuroframe.codec.weights.Tensor;
import java.util.Arrays;

/**
 * The fixed reservoir in matrix form: for every stimulation site and current level, the trial-averaged
 * response over all electrodes, stored sparsely (a response is local, so most electrodes are zero).
 *
 * <p>Entry {@code (site, level)} is the response to stimulating site {@code site} (in the encoding's token
 * order) at {@link #currentLevelsUa()}{@code [level]}. Interpolation between levels follows
 * {@link CurrentLevels}. For training, {@link #toTensor(String)} gives the dense tensor
 * {@code [levels, sites, electrodes]}: activity = sum over sites and levels of weight * kernel.
 */
public final class KernelBank {

    private final int sites;
    private final int electrodes;
    private final float[] levels;
    private final int[] offsets;
    private final int[] indices;
    private final float[] values;

    private KernelBank(int sites, int electrodes, float[] levels, int[] offsets, int[] indices, float[] values) {
        this.sites = sites;
        this.electrodes = electrodes;
        this.levels = levels;
        this.offsets = offsets;
        this.indices = indices;
        this.values = values;
    }

    /**
     * Samples the trial-averaged responses of {@code model} at its current levels for every electrode in
     * {@code siteElectrodes}, dropping entries whose magnitude is at most {@code dropBelow} times the
     * kernel's largest magnitude (0 keeps every non-zero entry).
     */
    public static KernelBank of(ResponseModel model, int[] siteElectrodes, float dropBelow) {
        float[] levels = model.currentLevelsUa();
        int electrodes = model.geometry().electrodes();
        Builder builder = new Builder(siteElectrodes.length, electrodes, levels);
        float[] dense = new float[electrodes];
        for (int s = 0; s < siteElectrodes.length; s++) {
            for (int l = 0; l < levels.length; l++) {
                Arrays.fill(dense, 0f);
                model.addMeanResponse(siteElectrodes[s], l, 1f, dense);
                builder.add(dense, dropBelow);
            }
        }
        return builder.build();
    }

    /** A bank holding dense kernels {@code [levels][sites][electrodes]} as given (used for random controls). */
    public static KernelBank dense(float[] levels, float[][][] kernels) {
        int sites = kernels[0].length;
        int electrodes = kernels[0][0].length;
        Builder builder = new Builder(sites, electrodes, CurrentLevels.validated(levels, "kernel bank"));
        for (int s = 0; s < sites; s++) {
            for (int l = 0; l < levels.length; l++) {
                builder.add(kernels[l][s], 0f);
            }
        }
        return builder.build();
    }

    /**
     * Reads a bank from the dense tensor {@code [levels, sites, electrodes]} and the current levels; the
     * tensor's shape is checked against {@code sites} and {@code electrodes}.
     */
    public static KernelBank fromTensor(Tensor kernels, float[] levels, int sites, int electrodes) {
        int[] shape = kernels.shape();
        if (shape.length != 3 || shape[0] != levels.length || shape[1] != sites || shape[2] != electrodes) {
            throw new IllegalArgumentException(kernels.name() + ": expected shape [" + levels.length + ", " + sites
                    + ", " + electrodes + "], got " + Arrays.toString(shape));
        }
        Builder builder = new Builder(sites, electrodes, CurrentLevels.validated(levels, kernels.name()));
        float[] row = new float[electrodes];
        float[] data = kernels.data();
        for (int s = 0; s < sites; s++) {
            for (int l = 0; l < levels.length; l++) {
                System.arraycopy(data, (l * sites + s) * electrodes, row, 0, electrodes);
                for (float v : row) {
                    if (!Float.isFinite(v)) {
                        throw new IllegalArgumentException(kernels.name() + ": non-finite value at level " + l
                                + ", site " + s);
                    }
                }
                builder.add(row, 0f);
            }
        }
        return builder.build();
    }

    public int sites() {
        return sites;
    }

    public int electrodes() {
        return electrodes;
    }

    public int levels() {
        return levels.length;
    }

    /** Current levels in microamperes (a copy). */
    public float[] currentLevelsUa() {
        return levels.clone();
    }

    /** Stored entries over all kernels. */
    public int nonZeros() {
        return values.length;
    }

    /** Adds {@code scale} times kernel ({@code site}, {@code level}) into {@code activity}. */
    public void addKernel(int site, int level, float scale, float[] activity) {
        int k = site * levels.length + level;
        for (int i = offsets[k], end = offsets[k + 1]; i < end; i++) {
            activity[indices[i]] += scale * values[i];
        }
    }

    /**
     * Sum of kernel ({@code site}, {@code level}) weighted by {@code weights[weightsOffset + electrode]};
     * a kernel that stores every electrode takes a contiguous loop.
     */
    public float dot(int site, int level, float[] weights, int weightsOffset) {
        int k = site * levels.length + level;
        int start = offsets[k];
        int end = offsets[k + 1];
        float sum = 0f;
        if (end - start == electrodes) {
            for (int e = 0; e < electrodes; e++) {
                sum += values[start + e] * weights[weightsOffset + e];
            }
            return sum;
        }
        for (int i = start; i < end; i++) {
            sum += values[i] * weights[weightsOffset + indices[i]];
        }
        return sum;
    }

    /** Euclidean norm of kernel ({@code site}, {@code level}). */
    public double norm(int site, int level) {
        int k = site * levels.length + level;
        double sum = 0;
        for (int i = offsets[k]; i < offsets[k + 1]; i++) {
            sum += (double) values[i] * values[i];
        }
        return Math.sqrt(sum);
    }

    /** Kernel ({@code site}, {@code level}) as a dense vector over electrodes. */
    public float[] denseKernel(int site, int level) {
        float[] out = new float[electrodes];
        addKernel(site, level, 1f, out);
        return out;
    }

    /** The same kernels with electrode {@code e} moved to {@code permutation[e]}. */
    public KernelBank permuteElectrodes(int[] permutation) {
        if (permutation.length != electrodes) {
            throw new IllegalArgumentException("permutation has " + permutation.length + " entries, expected "
                    + electrodes);
        }
        int[] moved = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            moved[i] = permutation[indices[i]];
        }
        return new KernelBank(sites, electrodes, levels, offsets, moved, values);
    }

    /** The dense tensor {@code [levels, sites, electrodes]} named {@code name}. */
    public Tensor toTensor(String name) {
        float[] data = new float[levels.length * sites * electrodes];
        for (int s = 0; s < sites; s++) {
            for (int l = 0; l < levels.length; l++) {
                int base = (l * sites + s) * electrodes;
                int k = s * levels.length + l;
                for (int i = offsets[k]; i < offsets[k + 1]; i++) {
                    data[base + indices[i]] = values[i];
                }
            }
        }
        return new Tensor(name, new int[] {levels.length, sites, electrodes}, data);
    }

    /** Accumulates kernels in (site, level) order. */
    private static final class Builder {
        private final int sites;
        private final int electrodes;
        private final float[] levels;
        private final int[] offsets;
        private int[] indices = new int[1024];
        private float[] values = new float[1024];
        private int kernels;
        private int size;

        Builder(int sites, int electrodes, float[] levels) {
            this.sites = sites;
            this.electrodes = electrodes;
            this.levels = levels;
            this.offsets = new int[sites * levels.length + 1];
        }

        void add(float[] dense, float dropBelow) {
            float peak = 0f;
            for (float v : dense) {
                peak = Math.max(peak, Math.abs(v));
            }
            float threshold = peak * dropBelow;
            for (int e = 0; e < dense.length; e++) {
                float v = dense[e];
                if (v != 0f && Math.abs(v) > threshold) {
                    if (size == indices.length) {
                        indices = Arrays.copyOf(indices, size * 2);
                        values = Arrays.copyOf(values, size * 2);
                    }
                    indices[size] = e;
                    values[size++] = v;
                }
            }
            offsets[++kernels] = size;
        }

        KernelBank build() {
            return new KernelBank(sites, electrodes, levels, offsets, Arrays.copyOf(indices, size),
                    Arrays.copyOf(values, size));
        }
    }
}
