package io.neuroframe.adapter.library;

import io.neuroframe.adapter.mea.MeaGeometry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code neuroframe import-mea}: turns a 3Brain BXR or BRW recording and its stimulation protocol into a library. */
@Command(name = "import-mea", mixinStandardHelpOptions = true,
        description = "Import a 3Brain BXR (spikes) or BRW v4 (raw) recording into a recorded-library HDF5 file.")
public final class ImportRecordingCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    /** Exactly one recording. */
    static final class Source {
        @Option(names = "--bxr", description = "BXR file with detected spikes.")
        Path bxr;

        @Option(names = "--brw", description = "BRW v4 file with raw samples (spikes are detected).")
        Path brw;
    }

    @Option(names = "--protocol", required = true, description = "CSV with the header frame,electrode,current_ua.")
    private Path protocol;

    @Option(names = "--out", required = true, description = "Library file to write.")
    private Path out;

    @Option(names = "--window-ms", defaultValue = "20", description = "End of the counting window (default: ${DEFAULT-VALUE}).")
    private double windowMs;

    @Option(names = "--blanking-ms", defaultValue = "2", description = "Start of the counting window (default: ${DEFAULT-VALUE}).")
    private double blankingMs;

    @Option(names = "--threshold", defaultValue = "5", description = "BRW detection threshold in noise sigmas "
            + "(default: ${DEFAULT-VALUE}).")
    private double threshold;

    @Option(names = "--pitch-um", defaultValue = "42", description = "Electrode pitch (default: ${DEFAULT-VALUE}).")
    private double pitchUm;

    @Override
    public Integer call() throws Exception {
        List<StimulationEvent> events = StimulationEvent.readCsv(protocol);
        Path recording = source.bxr != null ? source.bxr : source.brw;
        SpikeTrain spikes = source.bxr != null ? BrainWaveFiles.readBxr(recording)
                : BrainWaveFiles.readBrw(recording, threshold);
        PostStimulusCounter counter = new PostStimulusCounter(new MeaGeometry(64, 64, pitchUm), windowMs, blankingMs);
        RecordedLibrary library;
        try {
            library = counter.count(spikes, events, recording.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        MeaLibraryFile.write(library, out);
        spec.commandLine().getOut().printf("%s: %d spikes, %d sites x %d currents x %d trials -> %s%n%s%n",
                recording, spikes.frames().length, library.sites(), library.currents(), library.trials(), out,
                library.metadata().provenance());
        return 0;
    }
}
