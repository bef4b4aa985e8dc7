package io.neuroframe.adapter.experiment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code neuroframe experiment}: the project's reproducible experiments, one subcommand each. */
@Command(name = "experiment", mixinStandardHelpOptions = true, description = "Run a reproducible experiment.",
        subcommands = {AdaptersExperimentCommand.class, AdaptersOodCommand.class})
public final class ExperimentCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
