package io.neuroframe.adapter.culture;

import io.neuroframe.adapter.library.RecordedLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A culture grown in silico and stimulated at every site: the stand-in for one recorded array.
 *
 * <p>Protocol per site (each site starts from the same resting culture, so sites are independent and run in
 * parallel): settle for {@code warmupMs}; then for each trial, for each current in ascending order, stimulate,
 * count the spikes of every electrode's neurons during {@code windowMs} and wait out the inter-stimulus
 * interval. Each site draws its randomness from (seed, site), so the library depends only on the parameters,
 * the seed and the sites, never on the thread count.
 */
public final class SimulatedCulture {

    /** Receives progress after each finished site (called from worker threads, one at a time). */
    @FunctionalInterface
    public interface Progress {
        void sitesDone(int done, int total);
    }

    private final CultureNetwork network;
    private final long seed;

    private SimulatedCulture(CultureNetwork network, long seed) {
        this.network = network;
        this.seed = seed;
    }

    /** Grows the culture of {@code seed}. */
    public static SimulatedCulture grow(CultureParameters parameters, long seed) {
        return new SimulatedCulture(CultureNetwork.grow(parameters, seed), seed);
    }

    public CultureNetwork network() {
        return network;
    }

    public long seed() {
        return seed;
    }

    /**
     * Stimulates every electrode of {@code siteElectrodes} at every current for every trial and returns the
     * spike counts as a recorded library, using {@code threads} worker threads.
     */
    public RecordedLibrary record(int[] siteElectrodes, int threads, Progress progress) {
        CultureParameters p = network.parameters();
        SiteRecording[] results = new SiteRecording[siteElectrodes.length];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread thread = new Thread(r, "culture-" + seed);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < Math.max(1, threads); w++) {
                futures.add(pool.submit(() -> {
                    for (int s = next.getAndIncrement(); s < siteElectrodes.length; s = next.getAndIncrement()) {
                        CultureSimulation simulation = new CultureSimulation(network, seed * 1_000_003L + s);
                        results[s] = recordSite(simulation, siteElectrodes[s]);
                        int finished = done.incrementAndGet();
                        synchronized (progress) {
                            progress.sitesDone(finished, siteElectrodes.length);
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("culture " + seed + ": interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("culture " + seed + ": simulation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return assemble(siteElectrodes, results, p);
    }

    private SiteRecording recordSite(CultureSimulation simulation, int electrode) {
        CultureParameters p = network.parameters();
        float[] currents = p.currentsUa();
        int windowSteps = (int) Math.round(p.windowMs() / p.stepMs());
        int restSteps = (int) Math.round(p.interStimulusMs() / p.stepMs()) - windowSteps;
        StimulusField field = StimulusField.around(network, electrode);
        int[] counts = new int[p.geometry().electrodes()];
        SiteRecording recording = new SiteRecording(currents.length, p.trials());
        simulation.reset();
        simulation.run((int) Math.round(p.warmupMs() / p.stepMs()), null);
        for (int t = 0; t < p.trials(); t++) {
            for (int k = 0; k < currents.length; k++) {
                simulation.stimulate(field.neurons(), field.pulsePerUa(), currents[k]);
                java.util.Arrays.fill(counts, 0);
                simulation.run(windowSteps, counts);
                recording.put(k, t, counts);
                simulation.run(restSteps, null);
            }
        }
        return recording;
    }

    private RecordedLibrary assemble(int[] sites, SiteRecording[] results, CultureParameters p) {
        int rows = sites.length * p.currentsUa().length * p.trials();
        int nonZeros = 0;
        for (SiteRecording r : results) {
            nonZeros += r.nonZeros();
        }
        int[] offsets = new int[rows + 1];
        int[] indices = new int[nonZeros];
        float[] values = new float[nonZeros];
        int row = 0;
        int n = 0;
        for (SiteRecording r : results) {
            for (int k = 0; k < r.currents; k++) {
                for (int t = 0; t < r.trials; t++) {
                    int[] e = r.electrodes[k][t];
                    int[] c = r.counts[k][t];
                    for (int i = 0; i < e.length; i++) {
                        indices[n] = e[i];
                        values[n++] = c[i];
                    }
                    offsets[++row] = n;
                }
            }
        }
        String provenance = "simulated culture seed=" + seed + " " + p + " neurons_excitatory="
                + network.excitatoryCount() + " synapses=" + network.synapses();
        return RecordedLibrary.ofSparse(p.geometry(), p.currentsUa(), sites, p.trials(), offsets, indices, values,
                new RecordedLibrary.Metadata("spikes", p.windowMs(), provenance));
    }

    /** Sparse spike counts of one site, indexed [current][trial]. */
    private static final class SiteRecording {
        final int currents;
        final int trials;
        final int[][][] electrodes;
        final int[][][] counts;

        SiteRecording(int currents, int trials) {
            this.currents = currents;
            this.trials = trials;
            this.electrodes = new int[currents][trials][];
            this.counts = new int[currents][trials][];
        }

        void put(int current, int trial, int[] denseCounts) {
            int size = 0;
            for (int count : denseCounts) {
                size += count != 0 ? 1 : 0;
            }
            int[] e = new int[size];
            int[] c = new int[size];
            int n = 0;
            for (int i = 0; i < denseCounts.length; i++) {
                if (denseCounts[i] != 0) {
                    e[n] = i;
                    c[n++] = denseCounts[i];
                }
            }
            electrodes[current][trial] = e;
            counts[current][trial] = c;
        }

        int nonZeros() {
            int total = 0;
            for (int[][] perCurrent : electrodes) {
                for (int[] e : perCurrent) {
                    total += e.length;
                }
            }
            return total;
        }
    }
}
