package io.neuroframe.adapter.culture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.adapter.library.MeaLibraryFile;
import io.neuroframe.adapter.library.RecordedLibrary;
import io.neuroframe.adapter.mea.MeaGeometry;
import io.neuroframe.adapter.response.RecordedLibraryResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedCultureTest {

    /** A 24 x 24 array with the default density of one neuron per electrode. */
    private static final MeaGeometry GEOMETRY = new MeaGeometry(24, 24, 42.0);
    private static final CultureParameters PARAMETERS = CultureParameters.defaults().withGeometry(GEOMETRY)
            .withNeurons(576).withTrials(8);
    private static final int[] SITES = {GEOMETRY.index(6, 6), GEOMETRY.index(12, 12), GEOMETRY.index(17, 8),
        GEOMETRY.index(8, 17)};
    private static RecordedLibrary library;

    @BeforeAll
    static void recordOnce() {
        library = SimulatedCulture.grow(PARAMETERS, 5).record(SITES, 2, (done, total) -> { });
    }

    @Test
    void growsExcitatoryAndInhibitoryNeuronsWithLocalSynapses() {
        CultureNetwork network = CultureNetwork.grow(PARAMETERS, 5);
        double excitatory = network.excitatoryCount() / (double) network.neurons();
        assertEquals(0.8, excitatory, 0.06);
        assertTrue(network.synapses() > 10 * network.neurons(), "synapses " + network.synapses());
    }

    @Test
    void sameSeedGivesTheSameLibraryWhateverTheThreadCount() {
        RecordedLibrary again = SimulatedCulture.grow(PARAMETERS, 5).record(SITES, 1, (done, total) -> { });
        assertArrayEquals(library.rowOffsets(), again.rowOffsets());
        assertArrayEquals(library.electrodeIndices(), again.electrodeIndices());
        assertArrayEquals(library.values(), again.values());
        RecordedLibrary other = SimulatedCulture.grow(PARAMETERS, 6).record(SITES, 2, (done, total) -> { });
        assertFalse(Arrays.equals(library.values(), other.values()) && Arrays.equals(library.electrodeIndices(),
                other.electrodeIndices()), "another seed grows another culture");
    }

    @Test
    void trialsOfTheSameStimulusDiffer() {
        int differing = 0;
        for (int s = 0; s < SITES.length; s++) {
            float[] first = trial(s, 3, 0);
            for (int t = 1; t < library.trials(); t++) {
                differing += Arrays.equals(first, trial(s, 3, t)) ? 0 : 1;
            }
        }
        assertTrue(differing >= SITES.length * (library.trials() - 1) / 2, "only " + differing + " trials differ");
    }

    private float[] trial(int site, int current, int t) {
        float[] activity = new float[GEOMETRY.electrodes()];
        library.addTrial(site, current, t, 1f, activity);
        return activity;
    }

    @Test
    void strongerStimulationEvokesMoreActivityOverMoreElectrodes() {
        RecordedLibraryResponse response = new RecordedLibraryResponse(library, "test culture");
        double[] near = new double[library.currents()];
        int[] activeElectrodes = new int[library.currents()];
        for (int site : SITES) {
            for (int level = 0; level < library.currents(); level++) {
                float[] mean = new float[GEOMETRY.electrodes()];
                response.addMeanResponse(site, level, 1f, mean);
                for (int e = 0; e < mean.length; e++) {
                    double d = GEOMETRY.distancePitches(e, site);
                    if (d <= 3) {
                        near[level] += mean[e];
                    }
                    if (d <= 6 && mean[e] > 0) {
                        activeElectrodes[level]++;
                    }
                }
            }
        }
        for (int level = 1; level < library.currents(); level++) {
            assertTrue(near[level] > near[level - 1], "activity near the sites " + Arrays.toString(near));
        }
        assertTrue(activeElectrodes[library.currents() - 1] > activeElectrodes[0],
                "active electrodes " + Arrays.toString(activeElectrodes));
    }

    @Test
    void recordedTrialModeDrawsRecordedTrialsReproduciblyForASeed() {
        RecordedLibraryResponse response = new RecordedLibraryResponse(library, "test culture");
        float[] currents = {4f, 2.5f, 1f, 3f};
        float[] first = new float[GEOMETRY.electrodes()];
        float[] again = new float[GEOMETRY.electrodes()];
        float[] other = new float[GEOMETRY.electrodes()];
        float[] mean = new float[GEOMETRY.electrodes()];
        response.respond(SITES, currents, new java.util.SplittableRandom(1), first);
        response.respond(SITES, currents, new java.util.SplittableRandom(1), again);
        response.respond(SITES, currents, new java.util.SplittableRandom(2), other);
        response.respond(SITES, currents, null, mean);
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
        assertFalse(Arrays.equals(first, mean));
        float[] single = new float[GEOMETRY.electrodes()];
        response.respond(new int[] {SITES[0]}, new float[] {4f}, new java.util.SplittableRandom(3), single);
        boolean matchesARecordedTrial = false;
        for (int t = 0; t < library.trials(); t++) {
            matchesARecordedTrial |= Arrays.equals(single, trial(0, 3, t));
        }
        assertTrue(matchesARecordedTrial, "a trial draw at a recorded current is one recorded trial");
    }

    @Test
    void writesALibraryFileThatReadsBack(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("culture.h5");
        MeaLibraryFile.write(library, file);
        RecordedLibrary read = MeaLibraryFile.read(file);
        assertArrayEquals(library.values(), read.values());
        assertEquals("spikes", read.metadata().units());
        assertTrue(read.metadata().provenance().contains("seed=5"), read.metadata().provenance());
    }

    @Test
    void reportsProgressForEverySite() {
        AtomicInteger calls = new AtomicInteger();
        int[] last = new int[2];
        SimulatedCulture.grow(PARAMETERS.withTrials(1), 7).record(SITES, 2, (done, total) -> {
            calls.incrementAndGet();
            last[0] = Math.max(last[0], done);
            last[1] = total;
        });
        assertEquals(SITES.length, calls.get());
        assertArrayEquals(new int[] {SITES.length, SITES.length}, last);
    }
}
