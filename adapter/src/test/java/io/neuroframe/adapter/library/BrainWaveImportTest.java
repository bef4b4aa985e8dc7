package io.neuroframe.adapter.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.neuroframe.adapter.mea.MeaGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrainWaveImportTest {

    private static final MeaGeometry GEOMETRY = new MeaGeometry(8, 8, 60.0);
    private static final double RATE = 10_000;
    private static final PostStimulusCounter COUNTER = new PostStimulusCounter(GEOMETRY, 20.0, 2.0);
    private static final int[] SITES = {9, 30};
    private static final float[] CURRENTS = {1f, 2f};
    private static final int TRIALS = 3;

    @TempDir
    Path dir;

    /** Stimuli every 1000 frames: trial-major, then site, then current. */
    private static List<StimulationEvent> protocol() {
        List<StimulationEvent> events = new ArrayList<>();
        long frame = 1000;
        for (int t = 0; t < TRIALS; t++) {
            for (int site : SITES) {
                for (float current : CURRENTS) {
                    events.add(new StimulationEvent(frame, site, current));
                    frame += 1000;
                }
            }
        }
        return events;
    }

    /**
     * Spikes evoked by each stimulus: (2 * current + trial) spikes on the electrode after the site, inside the
     * window; one spike inside the blanking period and one after the window, which must not count.
     */
    private static List<long[]> evokedSpikes() {
        List<long[]> spikes = new ArrayList<>();
        List<StimulationEvent> events = protocol();
        for (int i = 0; i < events.size(); i++) {
            StimulationEvent e = events.get(i);
            int trial = i / (SITES.length * CURRENTS.length);
            int evoked = (int) (2 * e.currentUa()) + trial;
            for (int k = 0; k < evoked; k++) {
                spikes.add(new long[] {e.frame() + 30 + 15 * k, e.electrode() + 1});
            }
            spikes.add(new long[] {e.frame() + 5, e.electrode() + 2});
            spikes.add(new long[] {e.frame() + 400, e.electrode() + 3});
        }
        return spikes;
    }

    private Path writeBxr(String name, boolean withChannels) {
        Path file = dir.resolve(name);
        List<long[]> spikes = evokedSpikes();
        long[] times = new long[spikes.size()];
        int[] channels = new int[spikes.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = spikes.get(i)[0];
            channels[i] = (int) spikes.get(i)[1];
        }
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("SamplingRate", RATE);
            h5.putAttribute("Version", 400);
            WritableGroup well = h5.putGroup("Well_A1");
            well.putDataset("SpikeTimes", times);
            if (withChannels) {
                well.putDataset("SpikeChIdxs", channels);
            }
        }
        return file;
    }

    private static void assertCounts(RecordedLibrary library) {
        assertArrayEquals(SITES, library.siteElectrodes());
        assertArrayEquals(CURRENTS, library.currentsUa());
        assertEquals(TRIALS, library.trials());
        for (int s = 0; s < SITES.length; s++) {
            for (int c = 0; c < CURRENTS.length; c++) {
                for (int t = 0; t < TRIALS; t++) {
                    float[] activity = new float[GEOMETRY.electrodes()];
                    library.addTrial(s, c, t, 1f, activity);
                    assertEquals(2 * CURRENTS[c] + t, activity[SITES[s] + 1], "site " + s + " current " + c + " trial " + t);
                    assertEquals(0f, activity[SITES[s] + 2], "a spike in the blanking period counted");
                    assertEquals(0f, activity[SITES[s] + 3], "a spike after the window counted");
                }
            }
        }
    }

    @Test
    void importsABxrRecordingIntoALibrary() throws IOException {
        SpikeTrain spikes = BrainWaveFiles.readBxr(writeBxr("session.bxr", true));
        RecordedLibrary library = COUNTER.count(spikes, protocol(), "session.bxr");
        assertCounts(library);
        Path out = dir.resolve("library.h5");
        MeaLibraryFile.write(library, out);
        assertCounts(MeaLibraryFile.read(out));
    }

    @Test
    void importCommandWritesALibraryFromBxrAndProtocol() throws IOException {
        Path bxr = writeBxr("cli.bxr", true);
        Path protocol = dir.resolve("cli.csv");
        StringBuilder csv = new StringBuilder("frame,electrode,current_ua\n");
        protocol().forEach(e -> csv.append(e.frame()).append(',').append(e.electrode()).append(',')
                .append(e.currentUa()).append('\n'));
        Files.writeString(protocol, csv);
        Path out = dir.resolve("cli.h5");
        picocli.CommandLine cli = new picocli.CommandLine(new ImportRecordingCommand());
        java.io.StringWriter printed = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(printed));
        int exit = cli.execute("--bxr", bxr.toString(), "--protocol", protocol.toString(), "--out", out.toString(),
                "--pitch-um", "60");
        assertEquals(0, exit);
        assertTrue(printed.toString().contains("72 spikes, 2 sites x 2 currents x 3 trials"), printed.toString());
        RecordedLibrary library = MeaLibraryFile.read(out);
        assertArrayEquals(SITES, library.siteElectrodes());
        assertEquals(TRIALS, library.trials());
        assertEquals(60.0, library.geometry().pitchUm());
        float[] activity = new float[library.geometry().electrodes()];
        library.addTrial(1, 1, 2, 1f, activity);
        assertEquals(2 * CURRENTS[1] + 2, activity[SITES[1] + 1]);
    }

    @Test
    void detectsSpikesInABrwRawRecording() throws IOException {
        int channels = GEOMETRY.electrodes();
        int frames = 14_000;
        short[] raw = new short[frames * channels];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (short) (2048 + Math.round(random.nextGaussian() * 6));
        }
        for (long[] spike : evokedSpikes()) {
            for (int f = 0; f < 4; f++) {
                raw[(int) ((spike[0] + f) * channels + spike[1])] -= 150;
            }
        }
        int[] stored = new int[channels];
        for (int i = 0; i < channels; i++) {
            stored[i] = i;
        }
        Path file = dir.resolve("session.brw");
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("SamplingRate", RATE);
            h5.putAttribute("Version", 400);
            WritableGroup well = h5.putGroup("Well_A1");
            well.putDataset("StoredChIdxs", stored);
            well.putDataset("Raw", raw);
        }
        RecordedLibrary library = COUNTER.count(BrainWaveFiles.readBrw(file, 5.0), protocol(), "session.brw");
        assertCounts(library);
    }

    @Test
    void keepsTheCommonNumberOfTrialsAndSaysSo() {
        List<StimulationEvent> events = new ArrayList<>(protocol());
        events.add(new StimulationEvent(90_000, SITES[0], CURRENTS[0]));
        SpikeTrain none = new SpikeTrain(new long[0], new int[0], RATE);
        RecordedLibrary library = COUNTER.count(none, events, "extra.bxr");
        assertEquals(TRIALS, library.trials());
        assertTrue(library.metadata().provenance().contains("kept the first 3 of up to 4"),
                library.metadata().provenance());
        events.removeIf(e -> e.electrode() == SITES[1] && e.currentUa() == CURRENTS[1]);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> COUNTER.count(none, events, "gap.bxr"));
        assertTrue(error.getMessage().contains("electrode 30 was never stimulated at 2.0 uA"), error.getMessage());
    }

    @Test
    void namesTheMissingBxrDatasetAndRefusesCompressedBrw() {
        Path file = writeBxr("nochannels.bxr", false);
        String message = assertThrows(MeaLibraryFormatException.class, () -> BrainWaveFiles.readBxr(file)).getMessage();
        assertTrue(message.contains("nochannels.bxr") && message.contains("Well_A1/SpikeChIdxs")
                && message.contains("missing"), message);
        Path compressed = dir.resolve("compressed.brw");
        try (WritableHdfFile h5 = HdfFile.write(compressed)) {
            h5.putAttribute("SamplingRate", RATE);
            h5.putGroup("Well_A1").putDataset("WaveletBasedEncodedRaw", new short[16]);
        }
        message = assertThrows(MeaLibraryFormatException.class, () -> BrainWaveFiles.readBrw(compressed, 5)).getMessage();
        assertTrue(message.contains("WaveletBasedEncodedRaw") && message.contains("BXR"), message);
    }

    @Test
    void readsTheProtocolCsvAndNamesABadLine() throws IOException {
        Path good = dir.resolve("protocol.csv");
        Files.writeString(good, "frame,electrode,current_ua\n1000,9,1.0\n2000,30,2.5\n");
        assertEquals(List.of(new StimulationEvent(1000, 9, 1f), new StimulationEvent(2000, 30, 2.5f)),
                StimulationEvent.readCsv(good));
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "frame,electrode,current_ua\n1000,9,1.0\n2000,x,2.5\n");
        String message = assertThrows(MeaLibraryFormatException.class, () -> StimulationEvent.readCsv(bad)).getMessage();
        assertTrue(message.contains("bad.csv") && message.contains("line 3"), message);
    }
}
