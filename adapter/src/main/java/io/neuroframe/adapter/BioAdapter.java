package io.neuroframe.adapter;

import io.neuroframe.api.LatentAdapter;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.response.KernelBank;
import io.neuroframe.api.LatentContract;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * The MEA reservoir adapter on the frame path:
 * {@code out[t, c] = z[t, c] + gate * sum_e W[t, e] * activity_c[e]}, where {@code activity_c} is the array's
 * response to channel c's stimulation pattern (superposed per-site kernels interpolated over current
 * levels, {@link StimulationWeights}) and W the shared readout.
 *
 * <p>The reservoir can be biological (local kernel, recorded library, simulated culture) or one of the
 * parameter-matched controls ({@link AdapterCondition}); only its {@link KernelBank} differs. Because the
 * response is linear in the per-level stimulation weights, the readout is folded into the kernels once at
 * construction ({@code M[level][site][token] = sum_e W[token, e] * K[level, site, e]}), so a frame costs at most
 * {@code 2 * sites * channels * tokens} multiply-adds and allocates nothing.
 */
public final class BioAdapter implements LatentAdapter {

    private static final int T = LatentContract.TOKENS;
    private static final int C = LatentContract.CHANNELS;

    private final StimulationEncoding encoding;
    private final int[] activeTokens;
    private final int[] channels;
    private final float[] levels;
    private final float[] folded;
    private final float gate;
    private final String description;
    private final float[] latent = new float[LatentContract.LATENT_FLOATS];
    private final float[] stimulation;
    private final float[][] accumulators = new float[C][T];
    private final float[] pendingWeights = new float[C];
    private final float[][] pendingRows = new float[C][];
    private final float[] result = new float[LatentContract.LATENT_FLOATS];

    /**
     * @param encoding how latents stimulate the array
     * @param reservoir kernels for the 576 token sites (token order)
     * @param readout trained (or initial) readout and gate, on the reservoir's electrodes
     * @param description name for logs and reports
     */
    public BioAdapter(StimulationEncoding encoding, KernelBank reservoir, ReadoutWeights readout, String description) {
        if (reservoir.sites() != T) {
            throw new IllegalArgumentException("reservoir has " + reservoir.sites() + " sites, expected one per token ("
                    + T + ")");
        }
        if (reservoir.electrodes() != readout.electrodes()) {
            throw new IllegalArgumentException("reservoir has " + reservoir.electrodes() + " electrodes but the readout "
                    + "expects " + readout.electrodes());
        }
        this.encoding = encoding;
        this.activeTokens = encoding.activeTokens();
        this.channels = encoding.channels();
        this.levels = reservoir.currentLevelsUa();
        this.gate = readout.gate();
        this.description = description;
        this.stimulation = new float[StimulationWeights.size(levels.length)];
        this.folded = fold(reservoir, readout, activeTokens);
    }

    private static float[] fold(KernelBank reservoir, ReadoutWeights readout, int[] activeTokens) {
        int levelCount = reservoir.levels();
        float[] folded = new float[levelCount * T * T];
        float[] w = readout.readoutArray();
        int electrodes = readout.electrodes();
        IntStream.of(activeTokens).parallel().forEach(site -> {
            for (int l = 0; l < levelCount; l++) {
                int base = (l * T + site) * T;
                for (int t = 0; t < T; t++) {
                    folded[base + t] = reservoir.dot(site, l, w, t * electrodes);
                }
            }
        });
        return folded;
    }

    @Override
    public void apply(FloatBuffer input, FloatBuffer output) {
        input.get(0, latent);
        StimulationWeights.compute(encoding, activeTokens, channels, levels, latent, stimulation);
        for (float[] accumulator : accumulators) {
            java.util.Arrays.fill(accumulator, 0f);
        }
        for (int l = 0; l < levels.length; l++) {
            int levelBase = l * T * C;
            for (int site : activeTokens) {
                int cellBase = levelBase + site * C;
                int pending = 0;
                for (int c : channels) {
                    float u = stimulation[cellBase + c];
                    if (u != 0f) {
                        pendingWeights[pending] = u;
                        pendingRows[pending++] = accumulators[c];
                    }
                }
                accumulate(pending, (l * T + site) * T);
            }
        }
        for (int t = 0; t < T; t++) {
            for (int c = 0; c < C; c++) {
                result[t * C + c] = latent[t * C + c] + gate * accumulators[c][t];
            }
        }
        output.put(0, result);
    }

    /**
     * Adds {@code pendingWeights[i]} times folded row {@code rowBase} to {@code pendingRows[i]}, four channels
     * per pass so that the row is loaded once for four accumulators.
     */
    private void accumulate(int pending, int rowBase) {
        float[] m = folded;
        int i = 0;
        for (; i + 4 <= pending; i += 4) {
            float u0 = pendingWeights[i];
            float u1 = pendingWeights[i + 1];
            float u2 = pendingWeights[i + 2];
            float u3 = pendingWeights[i + 3];
            float[] y0 = pendingRows[i];
            float[] y1 = pendingRows[i + 1];
            float[] y2 = pendingRows[i + 2];
            float[] y3 = pendingRows[i + 3];
            for (int t = 0; t < T; t++) {
                float x = m[rowBase + t];
                y0[t] += u0 * x;
                y1[t] += u1 * x;
                y2[t] += u2 * x;
                y3[t] += u3 * x;
            }
        }
        for (; i < pending; i++) {
            float u = pendingWeights[i];
            float[] y = pendingRows[i];
            for (int t = 0; t < T; t++) {
                y[t] += u * m[rowBase + t];
            }
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        // Holds heap arrays only.
    }
}
