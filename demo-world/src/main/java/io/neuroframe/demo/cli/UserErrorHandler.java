package io.neuroframe.demo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a subcommand's failure reaches the user. A refused input, anywhere in the cause chain, is one
 * line on stderr naming the command and the problem, with exit code 2 like a bad option: an
 * {@link IllegalArgumentException} (the commands' and loaders' way of refusing a value) or an
 * {@link IOException} (a missing, unreadable or misplaced file, or a file in the wrong format such as
 * the safetensors, MEA-library and latent-recording format exceptions). Anything else is a bug and
 * gets its stack trace, with exit code 1. {@code --verbose} adds the stack trace to refused inputs too.
 * A bad option is its message and a pointer to the command's help, not the whole usage text.
 */
final class UserErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final BooleanSupplier verbose;

    /** @param verbose whether the user asked for stack traces */
    UserErrorHandler(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String command = commandLine.getCommandSpec().qualifiedName();
        Throwable userError = userError(ex);
        if (userError == null) {
            err.println(command + ": failed unexpectedly (a bug; please report it with this trace):");
            ex.printStackTrace(err);
            err.flush();
            return commandLine.getCommandSpec().exitCodeOnExecutionException();
        }
        err.println(command + ": " + describe(userError));
        if (verbose.getAsBoolean()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String command = commandLine.getCommandSpec().qualifiedName();
        err.println(command + ": " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + command + " --help' for more information.");
        if (verbose.getAsBoolean()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The first exception in the cause chain that says the user's input is wrong, or {@code null}. */
    static Throwable userError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof IOException) {
                return t;
            }
        }
        return null;
    }

    /** One line for the user: the message, with the file and what is wrong with it for file-system errors. */
    static String describe(Throwable userError) {
        if (userError instanceof NoSuchFileException e) {
            return e.getReason() != null ? e.getFile() + ": " + e.getReason() : "no such file or folder: " + e.getFile();
        }
        if (userError instanceof NotDirectoryException e) {
            return "not a folder: " + e.getFile();
        }
        if (userError instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (userError instanceof FileAlreadyExistsException e) {
            return "already exists: " + e.getFile();
        }
        String message = userError.getMessage();
        return message == null || message.isBlank() ? userError.getClass().getSimpleName() : message.strip();
    }
}
