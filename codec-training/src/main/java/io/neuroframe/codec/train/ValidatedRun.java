package io.neuroframe.codec.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A codec trainer's run as {@link TrainingLoop} drives it: steps on the train data, and at each
 * checkpoint a validation that goes to the log and to the validation curve.
 *
 * @param <S> a step's outcome
 * @param <V> a validation's outcome
 */
abstract class ValidatedRun<S, V> implements TrainingLoop.Run {
    private final CodecTrainer<?, ?, ?> trainer;
    private final Path checkpoint;
    private final ValidationCurve curve;
    private final PrintWriter log;
    private S last;
    private V validated;

    ValidatedRun(CodecTrainer<?, ?, ?> trainer, Path checkpoint, ValidationCurve curve, PrintWriter log) {
        this.trainer = trainer;
        this.checkpoint = checkpoint;
        this.curve = curve;
        this.log = log;
    }

    /** Runs the trainer's next step. */
    abstract S nextStep();

    /** The progress line's figures for step {@code step}. */
    abstract String progress(S step);

    /** Validates the current weights. */
    abstract V validate();

    /** The log's account of {@code validation}, after "checkpoint at step N (T trained): ". */
    abstract String describe(V validation);

    /** The validation curve's values of {@code validation}, after the step and the training seconds. */
    abstract String curveValues(V validation);

    @Override
    public final long completedSteps() {
        return trainer.completedSteps();
    }

    @Override
    public final void step() {
        last = nextStep();
    }

    @Override
    public final String progress() {
        return progress(last);
    }

    @Override
    public final void checkpoint() throws IOException {
        trainer.saveCheckpoint(checkpoint);
        validated = validate();
        log.printf(Locale.ROOT, "checkpoint at step %d (%s trained): %s%n", trainer.completedSteps(),
                TrainingLoop.duration(trainer.trainingSeconds()), describe(validated));
        log.flush();
        curve.append(String.format(Locale.ROOT, "%d,%.0f,%s", trainer.completedSteps(), trainer.trainingSeconds(),
                curveValues(validated)));
    }

    /** The validation of the last checkpoint, making one first when this process has made none. */
    final V finalValidation() throws IOException {
        if (validated == null) {
            checkpoint();
        }
        return validated;
    }
}
