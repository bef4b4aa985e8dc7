package io.neuroframe.perf.bench;

/** Reads the values of the bench tools' options ({@code --latency}, {@code --profile}, {@code --compare}). */
public final class ToolArguments {

    private ToolArguments() {
    }

    /**
     * The value after option {@code args[i - 1]}.
     *
     * @throws IllegalArgumentException naming the option when it is the last argument, with {@code usage}
     */
    public static String value(String[] args, int i, String usage) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value; " + usage);
        }
        return args[i];
    }

    /** The positive whole number after option {@code args[i - 1]}; refuses others, naming the option. */
    public static int positive(String[] args, int i, String usage) {
        int n = Integer.parseInt(value(args, i, usage));
        if (n <= 0) {
            throw new IllegalArgumentException(args[i - 1] + " must be positive, got " + n);
        }
        return n;
    }
}
