package io.neuroframe.adapter.experiment;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code neuroframe experiment adapters}: trains every adapter condition against a frozen codec and writes the
 * report that checks the reference work's claims. Resumable: rerun the same command after an interruption.
 */
@Command(name = "adapters", mixinStandardHelpOptions = true,
        description = "Train every adapter condition over several seeds against a frozen ViT-VAE and write results.csv, "
                + "figures and report.md. Rerunning the same command resumes.")
public final class AdaptersExperimentCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--protocol", defaultValue = "quick",
            description = "quick (minutes, checks the machinery) or full (8 seeds, sweep, 11 cultures; hours). "
                    + "Default: ${DEFAULT-VALUE}.")
    private String protocol;

    @Mixin
    private ExperimentOptions options;

    @Override
    public Integer call() throws Exception {
        Protocol chosen;
        try {
            chosen = Protocol.named(protocol);
            if (options.seeds() != null) {
                chosen = chosen.withSeeds(options.seeds());
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        ExperimentSetup setup = options.setup(spec.commandLine().getErr());
        OutputFolderLock lock = options.lockOutput(setup);
        try {
            new AdapterExperiment(chosen, setup).run();
        } finally {
            lock.close();
        }
        return 0;
    }
}
