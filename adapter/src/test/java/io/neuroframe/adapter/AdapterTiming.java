package io.neuroframe.adapter;

import io.neuroframe.api.NativeBuffers;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.adapter.mea.MeaGeometry;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.response.KernelBank;
import io.neuroframe.adapter.response.LocalKernelResponse;
import io.neuroframe.api.LatentContract;
import java.nio.FloatBuffer;
import java.util.Locale;

/**
 * Frame-path cost of the adapters on one thread, wall time and thread CPU time (the latter is less
 * disturbed by other processes on a shared machine). Not a test; the JMH benchmarks in perf are the reference.
 * Run: {@code java -cp <adapter test classpath> io.neuroframe.adapter.AdapterTiming [frames]}.
 */
public final class AdapterTiming {

    private AdapterTiming() {
    }

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        StimulationEncoding encoding = StimulationEncoding.defaults();
        MeaGeometry geometry = encoding.geometry();
        long start = System.nanoTime();
        KernelBank bio = KernelBank.of(LocalKernelResponse.of(geometry, 2.0, 1f), encoding.siteElectrodes(), 0f);
        System.out.printf(Locale.ROOT, "local-kernel bank: %d entries, built in %.2f s%n", bio.nonZeros(),
                (System.nanoTime() - start) / 1e9);
        FloatBuffer input = BioAdapterTest.randomLatent(1);
        FloatBuffer output = NativeBuffers.floats(LatentContract.LATENT_FLOATS);
        ReadoutWeights readout = ReadoutWeights.initial(geometry.electrodes(), 2);
        readout.setGate(0.1f);
        start = System.nanoTime();
        LatentAdapter[] adapters = {new IdentityAdapter(), new BioAdapter(encoding, bio, readout, "local-kernel"),
            LowRankAdapter.initial(3)};
        System.out.printf(Locale.ROOT, "adapters built (readout folded) in %.2f s%n", (System.nanoTime() - start) / 1e9);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (LatentAdapter adapter : adapters) {
            for (int i = 0; i < 300; i++) {
                adapter.apply(input, output);
            }
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                adapter.apply(input, output);
            }
            double wall = (System.nanoTime() - t0) / 1e3 / frames;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / frames;
            System.out.printf(Locale.ROOT, "%-18s wall %8.1f us, thread CPU %8.1f us per frame (%d frames)%n",
                    adapter.describe(), wall, cpu, frames);
        }
    }
}
