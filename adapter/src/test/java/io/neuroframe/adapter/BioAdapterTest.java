package io.neuroframe.adapter;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.LatentAdapter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.adapter.mea.MeaGeometry;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.mea.TokenRegion;
import io.neuroframe.adapter.response.KernelBank;
import io.neuroframe.adapter.response.LocalKernelResponse;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.weights.Tensor;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BioAdapterTest {

    private static final MeaGeometry GEOMETRY = MeaGeometry.standard();
    private static final StimulationEncoding ENCODING = StimulationEncoding.defaults();
    private static LocalKernelResponse model;
    private static KernelBank bank;

    @BeforeAll
    static void buildReservoir() {
        model = LocalKernelResponse.of(GEOMETRY, 2.0, 1f);
        bank = KernelBank.of(model, ENCODING.siteElectrodes(), 0f);
    }

    static FloatBuffer randomLatent(long seed) {
        FloatBuffer buffer = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < LatentContract.LATENT_FLOATS; i++) {
            buffer.put(i, (float) (random.nextGaussian() * 1.5));
        }
        return buffer;
    }

    static float[] apply(LatentAdapter adapter, FloatBuffer input) {
        FloatBuffer output = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
        adapter.apply(input, output);
        float[] values = new float[LatentContract.LATENT_FLOATS];
        output.get(0, values);
        return values;
    }

    static float[] values(FloatBuffer buffer) {
        float[] values = new float[LatentContract.LATENT_FLOATS];
        buffer.get(0, values);
        return values;
    }

    private static ReadoutWeights gatedReadout(float gate) {
        ReadoutWeights readout = ReadoutWeights.initial(GEOMETRY.electrodes(), 3);
        readout.setGate(gate);
        return readout;
    }

    @Test
    void untrainedAdapterIsExactlyTheIdentity() {
        FloatBuffer input = randomLatent(1);
        try (BioAdapter adapter = new BioAdapter(ENCODING, bank, ReadoutWeights.initial(GEOMETRY.electrodes(), 3),
                "local-kernel")) {
            assertArrayEquals(values(input), apply(adapter, input));
        }
    }

    @Test
    void readoutHas2359296WeightsPlusTheGate() {
        ReadoutWeights readout = ReadoutWeights.initial(GEOMETRY.electrodes(), 3);
        Tensor weight = readout.toTensors().get(0);
        assertEquals(ReadoutWeights.READOUT_NAME, weight.name());
        assertArrayEquals(new int[] {576, 4096}, weight.shape());
        assertEquals(2_359_296, weight.data().length);
        assertEquals(2_359_297, readout.parameterCount());
        assertEquals(0f, readout.toTensors().get(1).data()[0]);
    }

    @Test
    void foldedFramePathMatchesTheExplicitReservoirAndReadout() {
        FloatBuffer input = randomLatent(2);
        float[] latent = values(input);
        ReadoutWeights readout = gatedReadout(0.5f);
        float[] expected = latent.clone();
        int[] sites = ENCODING.siteElectrodes();
        float[] currents = new float[sites.length];
        float[] activity = new float[GEOMETRY.electrodes()];
        for (int c = 0; c < LatentContract.CHANNELS; c++) {
            for (int t = 0; t < sites.length; t++) {
                float z = latent[t * LatentContract.CHANNELS + c];
                currents[t] = ENCODING.polarity(z) * ENCODING.currentUa(z, c);
            }
            model.respond(sites, currents, null, activity);
            for (int t = 0; t < LatentContract.TOKENS; t++) {
                double sum = 0;
                for (int e = 0; e < activity.length; e++) {
                    sum += readout.weight(t, e) * activity[e];
                }
                expected[t * LatentContract.CHANNELS + c] += (float) (0.5 * sum);
            }
        }
        try (BioAdapter adapter = new BioAdapter(ENCODING, bank, readout, "local-kernel")) {
            float[] actual = apply(adapter, input);
            double maxDiff = 0;
            for (int i = 0; i < actual.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
            }
            assertTrue(maxDiff < 1e-3, "max difference " + maxDiff);
            assertFalse(java.util.Arrays.equals(actual, latent), "a non-zero gate changes the latent");
        }
    }

    @Test
    void unselectedChannelsAndTokensOutsideTheRegionDoNotStimulate() {
        StimulationEncoding subset = StimulationEncoding.builder(GEOMETRY).channels(3)
                .region(new TokenRegion(5, 9, 10, 20)).build();
        FloatBuffer input = randomLatent(3);
        float[] latent = values(input);
        try (BioAdapter adapter = new BioAdapter(subset, bank, gatedReadout(1f), "subset")) {
            float[] out = apply(adapter, input);
            for (int i = 0; i < out.length; i++) {
                if (i % LatentContract.CHANNELS != 3) {
                    assertEquals(latent[i], out[i], "unselected channel changed at " + i);
                }
            }
            FloatBuffer changedOutside = randomLatent(3);
            changedOutside.put(LatentContract.latentIndex(0, 0, 3), 9f);
            float[] outsideOut = apply(adapter, changedOutside);
            for (int t = 0; t < LatentContract.TOKENS; t++) {
                int i = t * LatentContract.CHANNELS + 3;
                if (t != 0) {
                    assertEquals(out[i], outsideOut[i], 1e-6, "a token outside the region stimulated");
                }
            }
            FloatBuffer changedInside = randomLatent(3);
            changedInside.put(LatentContract.latentIndex(6, 12, 3), 9f);
            float[] insideOut = apply(adapter, changedInside);
            assertTrue(insideOut[LatentContract.latentIndex(6, 13, 3)] != out[LatentContract.latentIndex(6, 13, 3)],
                    "a token inside the region should stimulate");
        }
    }

    @Test
    void applyAllocatesNothingPerFrame() {
        FloatBuffer input = randomLatent(4);
        FloatBuffer output = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (BioAdapter bio = new BioAdapter(ENCODING, bank, gatedReadout(0.1f), "bio");
                LowRankAdapter lowRank = LowRankAdapter.initial(5)) {
            for (LatentAdapter adapter : new LatentAdapter[] {bio, lowRank, new IdentityAdapter()}) {
                for (int i = 0; i < 200; i++) {
                    adapter.apply(input, output);
                }
                long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                for (int i = 0; i < 50; i++) {
                    adapter.apply(input, output);
                }
                long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
                assertTrue(allocated < 50, adapter.describe() + " allocated " + allocated + " bytes in 50 frames");
            }
        }
    }

    @Test
    void weightsRoundTripThroughNamedTensors() {
        ReadoutWeights readout = gatedReadout(0.25f);
        Map<String, Tensor> tensors = new HashMap<>();
        readout.toTensors().forEach(t -> tensors.put(t.name(), t));
        ReadoutWeights loaded = ReadoutWeights.fromTensors(tensors, GEOMETRY.electrodes());
        assertEquals(0.25f, loaded.gate());
        assertEquals(readout.weight(100, 2000), loaded.weight(100, 2000));
        FloatBuffer input = randomLatent(6);
        try (BioAdapter a = new BioAdapter(ENCODING, bank, readout, "a");
                BioAdapter b = new BioAdapter(ENCODING, bank, loaded, "b")) {
            assertArrayEquals(apply(a, input), apply(b, input));
        }
        tensors.put(ReadoutWeights.GATE_NAME, new Tensor(ReadoutWeights.GATE_NAME, new int[] {1},
                new float[] {Float.NaN}));
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ReadoutWeights.fromTensors(tensors, GEOMETRY.electrodes()));
        assertTrue(error.getMessage().contains("gate"), error.getMessage());
    }

    @Test
    void reservoirExportsAsADenseTensorThatLoadsBack() {
        Tensor kernels = bank.toTensor("reservoir.kernels");
        assertArrayEquals(new int[] {4, 576, 4096}, kernels.shape());
        KernelBank loaded = KernelBank.fromTensor(kernels, bank.currentLevelsUa(), 576, 4096);
        assertEquals(bank.nonZeros(), loaded.nonZeros());
        assertArrayEquals(bank.denseKernel(100, 2), loaded.denseKernel(100, 2));
    }
}
