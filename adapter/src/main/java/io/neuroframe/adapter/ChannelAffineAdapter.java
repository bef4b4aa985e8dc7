package io.neuroframe.adapter;

import io.neuroframe.api.LatentAdapter;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.weights.Tensor;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The per-channel affine map, the smallest reference: {@code out[t, c] = z[t, c] + gate * (a[c] z[t, c] + b[c])}
 * (33 trainable values), i.e. a scale and an offset per latent channel, the same for every token.
 */
public final class ChannelAffineAdapter implements LatentAdapter {

    /** Tensor name of the per-channel scale {@code [16]}. */
    public static final String SCALE_NAME = "affine.scale";
    /** Tensor name of the per-channel offset {@code [16]}. */
    public static final String SHIFT_NAME = "affine.shift";

    private static final int C = LatentContract.CHANNELS;

    private final float[] scale;
    private final float[] shift;
    private final float gate;
    private final float[] latent = new float[LatentContract.LATENT_FLOATS];

    private ChannelAffineAdapter(float[] scale, float[] shift, float gate) {
        this.scale = scale;
        this.shift = shift;
        this.gate = gate;
    }

    /** Scale and offset N(0, 0.1^2) from {@code seed} with the gate at 0 (identity at start). */
    public static ChannelAffineAdapter initial(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[C];
        float[] b = new float[C];
        for (int c = 0; c < C; c++) {
            a[c] = (float) (0.1 * random.nextGaussian());
            b[c] = (float) (0.1 * random.nextGaussian());
        }
        return new ChannelAffineAdapter(a, b, 0f);
    }

    /** Values from named tensors, shapes and values checked. */
    public static ChannelAffineAdapter fromTensors(Map<String, Tensor> tensors) {
        return new ChannelAffineAdapter(ReadoutWeights.require(tensors, SCALE_NAME, C).data().clone(),
                ReadoutWeights.require(tensors, SHIFT_NAME, C).data().clone(),
                ReadoutWeights.require(tensors, ReadoutWeights.GATE_NAME, 1).data()[0]);
    }

    /** The named tensors for export (copies). */
    public List<Tensor> toTensors() {
        return List.of(new Tensor(SCALE_NAME, new int[] {C}, scale.clone()),
                new Tensor(SHIFT_NAME, new int[] {C}, shift.clone()),
                new Tensor(ReadoutWeights.GATE_NAME, new int[] {1}, new float[] {gate}));
    }

    @Override
    public void apply(FloatBuffer input, FloatBuffer output) {
        input.get(0, latent);
        for (int i = 0; i < latent.length; i++) {
            int c = i % C;
            latent[i] += gate * (scale[c] * latent[i] + shift[c]);
        }
        output.put(0, latent);
    }

    @Override
    public String describe() {
        return "channel-affine";
    }

    @Override
    public void close() {
        // Holds heap arrays only.
    }
}
