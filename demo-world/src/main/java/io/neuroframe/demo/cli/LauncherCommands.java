package io.neuroframe.demo.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * The subcommands that the {@code ./neuroframe} shell launcher runs itself, because they drive Maven
 * rather than this Java program. They are listed here so that {@code --help} shows every subcommand;
 * called from Java, they say how to run them.
 */
final class LauncherCommands {

    private LauncherCommands() {
    }

    /** {@code neuroframe test}. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Installs what the tests need (Xvfb, Mesa) and runs the whole test suite under a virtual "
                    + "display. Tests that compare wall-clock times are left out: 'test --timing' runs only those, "
                    + "and should run on a quiet machine. Further arguments go to Maven.",
                "Run through the launcher: ./neuroframe test [--timing] [MAVEN ARGUMENTS]"})
    static final class Test extends LauncherOnly {
        @Override
        String usage() {
            return "./neuroframe test [--timing] [MAVEN ARGUMENTS]";
        }
    }

    /** {@code neuroframe bench}. */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = {"Runs the JMH benchmarks of every stage and prints a table of medians, rates and "
                    + "allocations (docs/perf-harness.md); --quick leaves out the oasis-vit-l-20 decode, --include "
                    + "PATTERN runs only the benchmarks whose name matches, --out DIR writes the JSON results there.",
                "Run through the launcher: ./neuroframe bench [--quick] [--include PATTERN] [--out DIR]"})
    static final class Bench extends LauncherOnly {
        @Override
        String usage() {
            return "./neuroframe bench [--quick] [--include PATTERN] [--out DIR]";
        }
    }

    /** A subcommand that only the shell launcher can run: called here, it names the launcher command. */
    abstract static class LauncherOnly implements Callable<Integer> {
        @Spec
        private CommandLine.Model.CommandSpec spec;

        /** The launcher's own arguments, accepted so that the answer is how to run the command, not a parse error. */
        @Unmatched
        private List<String> arguments;

        /** How to run the command through the launcher. */
        abstract String usage();

        @Override
        public Integer call() {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": run it through the launcher: " + usage());
            return spec.exitCodeOnInvalidInput();
        }
    }
}
