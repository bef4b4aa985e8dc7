package io.neuroframe.adapter.culture;

import io.neuroframe.adapter.library.MeaLibraryFile;
import io.neuroframe.adapter.library.RecordedLibrary;
import io.neuroframe.adapter.mea.SiteLayout;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.codec.train.ProgressLine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code neuroframe grow-cultures}: grows simulated cultures and records each as a library file
 * {@code culture-NN.h5}, stimulating the 576 token sites of the stimulation encoding.
 */
@Command(name = "grow-cultures", mixinStandardHelpOptions = true,
        description = "Grow simulated MEA cultures and record their stimulation responses as HDF5 libraries.")
public final class GrowCulturesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, description = "Folder for the culture-NN.h5 files.")
    private Path out;

    @Option(names = "--count", defaultValue = "11", description = "Number of cultures (default: ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the first culture; culture i uses seed + i "
            + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--neurons", description = "Neurons per culture (default: 4096).")
    private Integer neurons;

    @Option(names = "--trials", description = "Trials per site and current (default: 32).")
    private Integer trials;

    @Option(names = "--layout", defaultValue = "SPREAD", description = "Site layout: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}).")
    private SiteLayout layout;

    @Option(names = "--threads", description = "Worker threads (default: all processors).")
    private Integer threads;

    @Option(names = "--force", description = "Regrow cultures whose file already exists.")
    private boolean force;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        if (threads != null && threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        CultureParameters parameters = CultureParameters.defaults();
        if (neurons != null) {
            parameters = parameters.withNeurons(neurons);
        }
        if (trials != null) {
            parameters = parameters.withTrials(trials);
        }
        int[] sites = StimulationEncoding.builder(parameters.geometry()).layout(layout).build().siteElectrodes();
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Files.createDirectories(out);
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Path file = out.resolve(String.format(Locale.ROOT, "culture-%02d.h5", i + 1));
            if (Files.exists(file) && !force) {
                stdout.println(file + " exists, kept (use --force to regrow)");
                continue;
            }
            long cultureStart = System.nanoTime();
            SimulatedCulture culture = SimulatedCulture.grow(parameters, seed + i);
            int index = i + 1;
            RecordedLibrary library = culture.record(sites, workers, new ProgressLine(err, "culture " + index + "/" + count, "sites")::accept);
            MeaLibraryFile.write(library, file);
            double seconds = (System.nanoTime() - cultureStart) / 1e9;
            stdout.printf(Locale.ROOT, "culture %d/%d: %s (%d neurons, %d synapses, %d sites x %d currents x %d trials, "
                    + "%.1f%% non-zero) in %.1f s%n", index, count, file, culture.network().neurons(),
                    culture.network().synapses(), library.sites(), library.currents(), library.trials(),
                    100 * library.density(), seconds);
            stdout.flush();
        }
        stdout.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
