package io.neuroframe.demo.cli;

import io.neuroframe.adapter.culture.GrowCulturesCommand;
import io.neuroframe.adapter.experiment.ExperimentCommand;
import io.neuroframe.adapter.library.ImportRecordingCommand;
import io.neuroframe.codec.train.DistillDecoderCommand;
import io.neuroframe.codec.train.EvalVaeCommand;
import io.neuroframe.codec.train.TrainVaeCommand;
import io.neuroframe.games.GamesDatasetCommand;
import io.neuroframe.remote.serving.ExportServingCommand;
import io.neuroframe.world.train.EvalWorldCommand;
import io.neuroframe.world.train.TrainWorldCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code neuroframe} command line: every user-facing task is a subcommand listed here. */
@Command(name = "neuroframe", mixinStandardHelpOptions = true, version = "neuroframe 0.1.0",
        description = "A jMonkeyEngine plugin that renders a neural world model's latents, with a playable voxel "
                + "demo world.",
        subcommands = {DemoCommand.class, DatasetCommand.class, GamesDatasetCommand.class, TrainVaeCommand.class, DistillDecoderCommand.class, EvalVaeCommand.class,
            GrowCulturesCommand.class, ImportRecordingCommand.class, ExperimentCommand.class, TrainWorldCommand.class,
            EvalWorldCommand.class, ExportServingCommand.class, LauncherCommands.Test.class,
            LauncherCommands.Bench.class, CommandLine.HelpCommand.class})
public final class NeuroFrameCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print the stack trace when a command refuses its input.")
    private boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * The command line with its error handling: a refused input is one line on stderr (see
     * {@link UserErrorHandler}); colours only on a terminal and never with {@code NO_COLOR} set.
     */
    public static CommandLine commandLine() {
        NeuroFrameCommand root = new NeuroFrameCommand();
        CommandLine commandLine = new CommandLine(root);
        UserErrorHandler errors = new UserErrorHandler(() -> root.verbose);
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        boolean plain = System.console() == null || System.getenv("NO_COLOR") != null;
        commandLine.setColorScheme(Help.defaultColorScheme(plain ? Help.Ansi.OFF : Help.Ansi.AUTO));
        return commandLine;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        KnownLogNoise.silence();
        System.exit(commandLine().execute(args));
    }
}
