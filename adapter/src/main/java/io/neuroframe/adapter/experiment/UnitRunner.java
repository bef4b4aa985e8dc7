package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.train.AdapterTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Runs an experiment's units in order until its time limit, counted from this runner's creation. Each unit resumes
 * from its checkpoint in {@code runs/} (written every {@value #CHECKPOINT_SECONDS} s; one of other options is
 * dropped and the unit starts afresh), its loss curve goes to
 * {@code curves/}, and its checkpoint is removed once the experiment has recorded the unit's result.
 */
final class UnitRunner {

    /** Seconds between checkpoints of a unit. */
    static final double CHECKPOINT_SECONDS = 300;

    /** One unit's work: builds its adapter and trainer and hands them to {@link UnitRunner#train}. */
    @FunctionalInterface
    interface Work {
        void run(RunUnit unit, EtaLine eta) throws IOException;
    }

    /** What an experiment keeps of a trained unit. */
    @FunctionalInterface
    interface Recorder {
        /**
         * Records the unit's result (in {@code results.csv}, with any exports).
         *
         * @param trained the validation at the end of training
         * @return the validation to log for the unit
         */
        AdapterTrainer.Validation record(AdapterTrainer.Validation trained) throws IOException;
    }

    private final ExperimentSetup setup;
    private final CurveFiles.Columns curveColumns;
    private final long start = System.nanoTime();

    UnitRunner(ExperimentSetup setup, CurveFiles.Columns curveColumns) {
        this.setup = setup;
        this.curveColumns = curveColumns;
    }

    /** The units of {@code units} whose keys are not in {@code done}, in order. */
    static List<RunUnit> todo(List<RunUnit> units, Set<String> done) {
        return units.stream().filter(u -> !done.contains(u.key())).toList();
    }

    /** Whether the time limit leaves room to start more work. */
    boolean withinTimeLimit() {
        return Duration.ofNanos(System.nanoTime() - start).compareTo(setup.timeLimit()) < 0;
    }

    /** Runs {@code todo} in order, each with {@code work}, starting none once the time limit is reached. */
    void runAll(List<RunUnit> todo, int stepsPerUnit, Work work) throws IOException {
        EtaLine eta = new EtaLine(setup.log(), todo, stepsPerUnit);
        for (RunUnit unit : todo) {
            if (!withinTimeLimit()) {
                setup.log().println("time limit reached: writing the report of the finished units; rerun to resume");
                break;
            }
            work.run(unit, eta);
        }
    }

    /**
     * Trains {@code unit} with {@code trainer}, from its checkpoint when there is one, writes its curve, has
     * {@code recorder} record it, then removes the checkpoint.
     */
    void train(RunUnit unit, AdapterTrainer trainer, EtaLine eta, Recorder recorder) throws IOException {
        Path checkpoint = setup.out().resolve("runs").resolve(unit.fileStem() + ".safetensors");
        if (Files.exists(checkpoint) && !trainer.isCheckpointOf(checkpoint)) {
            setup.log().println(checkpoint + " holds another adapter or other options (an earlier learning rate?): "
                    + unit.description() + " starts afresh");
            Files.delete(checkpoint);
        }
        if (Files.exists(checkpoint)) {
            trainer.restore(checkpoint);
            setup.log().println("resuming " + unit.description() + " at step " + trainer.completedSteps());
        }
        eta.startUnit(unit, trainer.completedSteps(), trainer.targetSteps());
        AdapterTrainer.Validation trained = trainer.train(checkpoint, CHECKPOINT_SECONDS, eta::step);
        if (trainer.skippedSteps() > 0) {
            setup.log().println(unit.description() + ": " + trainer.skippedSteps()
                    + " step(s) skipped for a non-finite loss or gradient");
        }
        CurveFiles.write(setup.out(), unit, trainer.curve(), curveColumns);
        AdapterTrainer.Validation recorded = recorder.record(trained);
        Files.deleteIfExists(checkpoint);
        eta.finishUnit(recorded);
    }
}
