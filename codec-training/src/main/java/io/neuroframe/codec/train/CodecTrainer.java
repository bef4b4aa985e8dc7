package io.neuroframe.codec.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.neuroframe.codec.djl.DjlNet;
import io.neuroframe.codec.weights.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * What the codec trainers share: a {@link DjlNet} trained with {@link AdamOptimizer} in a manager
 * of its own, the run's config and options, its training wall time, and the frame of every step:
 * a random generator seeded by the run's seed and the step number (so a checkpoint needs only the
 * step to restore it), the schedule's learning rate, the update and the timing.
 *
 * @param <C> the model's config
 * @param <O> the run's options
 * @param <N> the network
 */
public abstract sealed class CodecTrainer<C, O extends CodecTrainer.Options, N extends DjlNet<?>>
        implements AutoCloseable permits DecoderDistiller, VaeTrainer {

    /** The options every run has besides its schedule. */
    public interface Options extends RunSchedule {
        /** Seed of the initial weights and of every step's random draws. */
        long seed();
    }

    /** A step's work between drawing its randomness and applying its update. */
    @FunctionalInterface
    interface Step<R> {
        /**
         * Computes the loss and its gradients.
         *
         * @param step the step's number, 0-based
         * @param random the step's generator
         * @param lr the step's learning rate
         * @return the step's outcome
         */
        R run(long step, SplittableRandom random, float lr);
    }

    private final C config;
    private final O options;
    final Engine engine;
    final NDManager manager;
    final N net;
    private final AdamOptimizer optimizer;
    private double trainingSeconds;

    /** Builds the network with {@code net} in a new base manager of {@code engine} and makes it trainable. */
    CodecTrainer(C config, O options, Engine engine, Function<NDManager, N> net) {
        this.config = config;
        this.options = options;
        this.engine = engine;
        this.manager = engine.newBaseManager();
        this.net = net.apply(manager);
        this.net.setTrainable(true);
        this.optimizer = new AdamOptimizer(this.net.parameters(), manager);
    }

    /**
     * Puts Adam's moments, the step count and the wall time of {@code saved} into this trainer.
     *
     * @throws IOException naming {@code checkpoint} when they do not fit the network (this trainer is then closed)
     */
    final void restore(TrainingCheckpoint saved, Path checkpoint) throws IOException {
        try {
            trainingSeconds = saved.restore(optimizer);
        } catch (RuntimeException e) {
            close();
            throw new IOException(checkpoint + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code step} as the next step, then applies its gradients and counts its time. */
    final <R> R step(Step<R> step) {
        long started = System.nanoTime();
        long number = optimizer.steps();
        SplittableRandom random = new SplittableRandom(options.seed() ^ (0x9E3779B97F4A7C15L * (number + 1)));
        float lr = options.learningRateAt(number);
        R result = step.run(number, random, lr);
        optimizer.update(lr);
        trainingSeconds += (System.nanoTime() - started) / 1e9;
        return result;
    }

    /** Writes {@code weights}, Adam's moments, the step, the wall time and then each of {@code settings}. */
    @SafeVarargs
    final void writeCheckpoint(Path path, String format, Collection<Tensor> weights, Map<String, String>... settings)
            throws IOException {
        TrainingCheckpoint.write(path, format, weights, optimizer, trainingSeconds, settings);
    }

    /**
     * Writes a checkpoint to {@code path} (F32 safetensors), atomically: the file under that name is
     * always a complete checkpoint from which the run resumes exactly.
     */
    public abstract void saveCheckpoint(Path path) throws IOException;

    /** Steps completed so far. */
    public long completedSteps() {
        return optimizer.steps();
    }

    /** Wall time spent in steps over the whole run, resumed chunks included. */
    public double trainingSeconds() {
        return trainingSeconds;
    }

    /** The run's options. */
    public O options() {
        return options;
    }

    /** The model's config. */
    public C config() {
        return config;
    }

    @Override
    public void close() {
        optimizer.close();
        net.close();
        manager.close();
    }
}
