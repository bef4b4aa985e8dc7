package io.neuroframe.codec.train;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** How the training commands turn their arguments into values: a rejected argument is a command-line error. */
public final class CommandArguments {
    private CommandArguments() {
    }

    /**
     * Runs {@code parser}, reporting an {@link IllegalArgumentException} it throws as a command-line
     * error of {@code spec}'s command, with the same message.
     */
    public static <T> T parse(CommandSpec spec, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
