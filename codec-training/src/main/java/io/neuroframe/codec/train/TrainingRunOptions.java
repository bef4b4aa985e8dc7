package io.neuroframe.codec.train;

import ai.djl.engine.Engine;
import io.neuroframe.codec.djl.PyTorchRuntime;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every training command has: peak learning rate, seed, PyTorch threads, and the time
 * limit and checkpoint cadence of a run in chunks (see {@link TrainingLoop}).
 */
public final class TrainingRunOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--lr", defaultValue = "1e-3", description = "peak learning rate (default: ${DEFAULT-VALUE})")
    float learningRate;

    @Option(names = "--seed", defaultValue = "1",
            description = "seed of the initial weights and of every step's random draws (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--max-minutes", description = "stop (with a checkpoint) after this many minutes; run again to continue")
    Double maxMinutes;

    @Option(names = "--checkpoint-minutes", description = "minutes between checkpoints (default: ${DEFAULT-VALUE})")
    double checkpointMinutes;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch intra-op threads, and ONNX Runtime's where"
            + " the command runs it (default: ${DEFAULT-VALUE}; with more, PyTorch's CPU training steps are not"
            + " reproducible run to run, so a resumed run would not continue exactly)")
    int threads;

    /** The options of a command whose checkpoints come every {@code checkpointMinutes} unless told otherwise. */
    public TrainingRunOptions(double checkpointMinutes) {
        this.checkpointMinutes = checkpointMinutes;
    }

    /** Peak learning rate ({@code --lr}). */
    public float learningRate() {
        return learningRate;
    }

    /** Seed of the initial weights and of every step's random draws ({@code --seed}). */
    public long seed() {
        return seed;
    }

    /**
     * Intra-op threads ({@code --threads}).
     *
     * @throws ParameterException if not positive
     */
    public int threads() {
        if (threads <= 0) {
            throw new ParameterException(mixee.commandLine(), "--threads must be positive, got " + threads);
        }
        return threads;
    }

    /** DJL's PyTorch engine with {@link #threads()} intra-op threads. */
    public Engine engine() {
        return PyTorchRuntime.engine(threads());
    }

    /** A loop that stops after {@code --max-minutes} and checkpoints every {@code --checkpoint-minutes}. */
    public TrainingLoop loop(double reportSeconds, String howToContinue) {
        return new TrainingLoop(maxMinutes, checkpointMinutes, reportSeconds, howToContinue, mixee.commandLine().getErr());
    }
}
