package io.neuroframe.adapter.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.neuroframe.adapter.mea.MeaGeometry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
        List<long[]> spikes = evokedSpikes();
        long[] times = new long[spikes.size()];
        int[] channels = new int[spikes.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = spikes.get(i)[0];
            channels[i] = (int) spikes.get(i)[1];
        }
        return writeBxr(name, times, withChannels ? channels : null);
    }

    /** A BXR file with these spikes; without {@code channels} its channel dataset is left out. */
    private Path writeBxr(String name, long[] times, int[] channels) {
        Path file = dir.resolve(name);
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("SamplingRate", RATE);
            h5.putAttribute("Version", 400);
            WritableGroup well = h5.putGroup("Well_A1");
            well.putDataset("SpikeTimes", times);
            if (channels != null) {
                well.putDataset("SpikeChIdxs", channels);
            }
        }
        return file;
    }

    private Path writeProtocol(String name) throws IOException {
        Path protocol = dir.resolve(name);
        StringBuilder csv = new StringBuilder("frame,electrode,current_ua\n");
        protocol().forEach(e -> csv.append(e.frame()).append(',').append(e.electrode()).append(',')
                .append(e.currentUa()).append('\n'));
        Files.writeString(protocol, csv);
        return protocol;
    }

    /** Runs {@code import-mea}; returns the exit code, with what it printed in {@code printed}. */
    private static int importMea(StringWriter printed, String... args) {
        CommandLine cli = new CommandLine(new ImportRecordingCommand());
        cli.setOut(new PrintWriter(printed));
        cli.setErr(new PrintWriter(printed));
        return cli.execute(args);
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
        Path protocol = writeProtocol("cli.csv");
        Path out = dir.resolve("cli.h5");
        StringWriter printed = new StringWriter();
        int exit = importMea(printed, "--bxr", bxr.toString(), "--protocol", protocol.toString(), "--out",
                out.toString(), "--pitch-um", "60");
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
        SpikeTrain one = new SpikeTrain(new long[] {1050}, new int[] {10}, RATE);
        RecordedLibrary library = COUNTER.count(one, events, "extra.bxr");
        assertEquals(TRIALS, library.trials());
        assertTrue(library.metadata().provenance().contains("kept the first 3 of up to 4"),
                library.metadata().provenance());
        events.removeIf(e -> e.electrode() == SITES[1] && e.currentUa() == CURRENTS[1]);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> COUNTER.count(one, events, "gap.bxr"));
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
    void aRecordingWithNoSpikeInAnyCountingWindowIsRefusedAndLeavesNoFile() throws IOException {
        Path bxr = writeBxr("late.bxr", new long[] {500_000, 500_100}, new int[] {10, 31});
        Path out = dir.resolve("late").resolve("lib.h5");
        StringWriter printed = new StringWriter();
        int exit = importMea(printed, "--bxr", bxr.toString(), "--protocol", writeProtocol("late.csv").toString(),
                "--out", out.toString());
        assertNotEquals(0, exit);
        assertTrue(printed.toString().contains("late.bxr: none of the 2 spikes fell in a counting window "
                + "(2.0-20.0 ms after each of the 12 stimuli)"), printed.toString());
        assertFalse(Files.exists(out.getParent()) && Files.list(out.getParent()).findAny().isPresent(),
                "nothing is written");
    }

    @Test
    void spikesOnChannelsOutsideTheArrayOrAtNegativeFramesAreDroppedAndCounted() throws IOException {
        List<long[]> spikes = evokedSpikes();
        long[] times = new long[spikes.size() + 2];
        int[] channels = new int[spikes.size() + 2];
        for (int i = 0; i < spikes.size(); i++) {
            times[i + 1] = spikes.get(i)[0];
            channels[i + 1] = (int) spikes.get(i)[1];
        }
        times[0] = -5;
        channels[0] = 10;
        times[times.length - 1] = spikes.get(spikes.size() - 1)[0] + 1;
        channels[channels.length - 1] = 64 * 64;
        Path out = dir.resolve("dropped.h5");
        StringWriter printed = new StringWriter();
        int exit = importMea(printed, "--bxr", writeBxr("dropped.bxr", times, channels).toString(),
                "--protocol", writeProtocol("dropped.csv").toString(), "--out", out.toString());
        assertEquals(0, exit, printed.toString());
        assertTrue(printed.toString().contains("dropped 2 of 74 spikes on channels outside the array or at negative "
                + "frames"), printed.toString());
        assertTrue(MeaLibraryFile.read(out).metadata().provenance().contains("dropped 2 of 74"));
    }

    @Test
    void aRecordingWhoseSpikesAreAllOutsideTheArrayIsRefused() {
        SpikeTrain foreign = new SpikeTrain(new long[] {1050, 1060}, new int[] {64, 4096}, RATE);
        String message = assertThrows(IllegalArgumentException.class,
                () -> COUNTER.count(foreign, protocol(), "foreign.bxr")).getMessage();
        assertTrue(message.contains("foreign.bxr: all 2 spikes lie on channels outside the 8 x 8 array (0..63)"),
                message);
    }

    @Test
    void aLibraryWithoutAnyResponseIsWrittenAsAValidDenseFile() throws IOException {
        RecordedLibrary silent = RecordedLibrary.ofDense(GEOMETRY, CURRENTS, SITES,
                new float[SITES.length * CURRENTS.length * TRIALS * GEOMETRY.electrodes()], TRIALS,
                new RecordedLibrary.Metadata("spikes", 18.0, "a silent culture"));
        Path out = dir.resolve("silent.h5");
        MeaLibraryFile.write(silent, out);
        RecordedLibrary read = MeaLibraryFile.read(out);
        assertEquals(0, read.nonZeros());
        assertEquals(TRIALS, read.trials());
    }

    @Test
    void aWriteThatCannotBeMovedIntoPlaceLeavesNoPartialFile() throws IOException {
        Path occupied = dir.resolve("occupied.h5");
        Files.createDirectories(occupied.resolve("something"));
        assertThrows(IOException.class, () -> MeaLibraryFile.write(TestLibraries.small(0.6, 5), occupied));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(occupied), left.toList(), "no temporary file is left next to the target");
        }
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
