package io.neuroframe.adapter;

import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.weights.Tensor;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The low-rank linear control: {@code out = z + gate * Up (Down z)} on the whole flattened latent (9216
 * values). Rank {@value #RANK} matches the reservoir adapters' readout exactly:
 * {@code 2 * 9216 * 128 = 2,359,296} weights plus the gate.
 *
 * <p>Initialisation: Down ~ N(0, 1/9216), Up ~ N(0, 1/128), gate 0 (identity at start).
 */
public final class LowRankAdapter implements LatentAdapter {

    /** Rank that matches the parameter count of the 576 x 4096 readout. */
    public static final int RANK = 128;
    /** Tensor name of the down projection {@code [RANK, 9216]}. */
    public static final String DOWN_NAME = "lowrank.down";
    /** Tensor name of the up projection {@code [9216, RANK]}. */
    public static final String UP_NAME = "lowrank.up";

    private static final int N = LatentContract.LATENT_FLOATS;

    private final float[] down;
    private final float[] up;
    private final float gate;
    private final float[] latent = new float[N];
    private final float[] hidden = new float[RANK];
    private final float[] result = new float[N];

    private LowRankAdapter(float[] down, float[] up, float gate) {
        this.down = down;
        this.up = up;
        this.gate = gate;
    }

    /** Fresh weights from {@code seed}, gate 0. */
    public static LowRankAdapter initial(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new LowRankAdapter(gaussian(random, RANK * N, 1.0 / Math.sqrt(N)),
                gaussian(random, N * RANK, 1.0 / Math.sqrt(RANK)), 0f);
    }

    /** Weights from named tensors, shapes and values checked. */
    public static LowRankAdapter fromTensors(Map<String, Tensor> tensors) {
        return new LowRankAdapter(ReadoutWeights.require(tensors, DOWN_NAME, RANK, N).data().clone(),
                ReadoutWeights.require(tensors, UP_NAME, N, RANK).data().clone(),
                ReadoutWeights.require(tensors, ReadoutWeights.GATE_NAME, 1).data()[0]);
    }

    private static float[] gaussian(SplittableRandom random, int size, double std) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return values;
    }

    /** The named tensors for export (copies). */
    public List<Tensor> toTensors() {
        return List.of(new Tensor(DOWN_NAME, new int[] {RANK, N}, down.clone()),
                new Tensor(UP_NAME, new int[] {N, RANK}, up.clone()),
                new Tensor(ReadoutWeights.GATE_NAME, new int[] {1}, new float[] {gate}));
    }

    /** Trainable values: both projections and the gate. */
    public long parameterCount() {
        return (long) down.length + up.length + 1;
    }

    @Override
    public void apply(FloatBuffer input, FloatBuffer output) {
        input.get(0, latent);
        for (int r = 0; r < RANK; r++) {
            float sum = 0f;
            int base = r * N;
            for (int i = 0; i < N; i++) {
                sum += down[base + i] * latent[i];
            }
            hidden[r] = sum;
        }
        for (int i = 0; i < N; i++) {
            float sum = 0f;
            int base = i * RANK;
            for (int r = 0; r < RANK; r++) {
                sum += up[base + r] * hidden[r];
            }
            result[i] = latent[i] + gate * sum;
        }
        output.put(0, result);
    }

    @Override
    public String describe() {
        return "low-rank rank=" + RANK;
    }

    @Override
    public void close() {
        // Holds heap arrays only.
    }
}
