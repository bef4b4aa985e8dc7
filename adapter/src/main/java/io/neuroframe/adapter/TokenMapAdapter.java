package io.neuroframe.adapter;

import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.weights.Tensor;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The plain trainable token map, a reference without any reservoir:
 * {@code out[t, c] = z[t, c] + gate * sum_t' M[t, t'] z[t', c]}, one 576 x 576 map shared by all channels
 * (331,777 trainable values with the gate). It mixes tokens as the reservoir adapters' folded readout does, but
 * linearly in z and with every entry free.
 */
public final class TokenMapAdapter implements LatentAdapter {

    /** Tensor name of the map {@code [576, 576]}. */
    public static final String MAP_NAME = "tokenmap.weight";

    private static final int T = LatentContract.TOKENS;
    private static final int C = LatentContract.CHANNELS;

    private final float[] map;
    private final float gate;
    private final float[] latent = new float[LatentContract.LATENT_FLOATS];
    private final float[] result = new float[LatentContract.LATENT_FLOATS];

    private TokenMapAdapter(float[] map, float gate) {
        this.map = map;
        this.gate = gate;
    }

    /** A random map N(0, 1/576) from {@code seed} with the gate at 0 (identity at start). */
    public static TokenMapAdapter initial(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] m = new float[T * T];
        double std = 1.0 / Math.sqrt(T);
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) (random.nextGaussian() * std);
        }
        return new TokenMapAdapter(m, 0f);
    }

    /** Values from named tensors, shapes and values checked. */
    public static TokenMapAdapter fromTensors(Map<String, Tensor> tensors) {
        return new TokenMapAdapter(ReadoutWeights.require(tensors, MAP_NAME, T, T).data().clone(),
                ReadoutWeights.require(tensors, ReadoutWeights.GATE_NAME, 1).data()[0]);
    }

    /** The named tensors for export (copies). */
    public List<Tensor> toTensors() {
        return List.of(new Tensor(MAP_NAME, new int[] {T, T}, map.clone()),
                new Tensor(ReadoutWeights.GATE_NAME, new int[] {1}, new float[] {gate}));
    }

    @Override
    public void apply(FloatBuffer input, FloatBuffer output) {
        input.get(0, latent);
        System.arraycopy(latent, 0, result, 0, result.length);
        for (int t = 0; t < T; t++) {
            int row = t * T;
            int outBase = t * C;
            for (int s = 0; s < T; s++) {
                float w = gate * map[row + s];
                int inBase = s * C;
                for (int c = 0; c < C; c++) {
                    result[outBase + c] += w * latent[inBase + c];
                }
            }
        }
        output.put(0, result);
    }

    @Override
    public String describe() {
        return "token-map 576x576";
    }

    @Override
    public void close() {
        // Holds heap arrays only.
    }
}
