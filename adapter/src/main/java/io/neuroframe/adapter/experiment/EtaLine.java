package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.train.AdapterTrainer;
import io.neuroframe.codec.train.TrainingLoop;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Progress of an experiment with an ETA: at most one line every ten seconds, and one per finished unit. The ETA
 * counts the steps still to run (units without parameters count none) at the wall time per step measured so far in
 * this process, validation included.
 */
final class EtaLine {

    private static final long PRINT_NANOS = 10_000_000_000L;

    private final PrintWriter log;
    private final int units;
    private final long started = System.nanoTime();
    private long remainingSteps;
    private long stepsDone;
    private int unitIndex;
    private RunUnit unit;
    private long lastPrint;

    EtaLine(PrintWriter log, List<RunUnit> todo, int stepsPerUnit) {
        this.log = log;
        this.units = todo.size();
        this.remainingSteps = todo.stream().filter(u -> u.condition().trainableParameters(1, 1) > 0).count()
                * (long) stepsPerUnit;
    }

    void startUnit(RunUnit value, long completed, long target) {
        unit = value;
        unitIndex++;
        remainingSteps -= Math.min(completed, remainingSteps);
        if (target == 0) {
            log.printf(Locale.ROOT, "[%d/%d] %s: validating%n", unitIndex, units, unit.description());
            log.flush();
        }
    }

    void step(long step, long steps, float loss, double secondsPerStep) {
        stepsDone++;
        remainingSteps = Math.max(0, remainingSteps - 1);
        long now = System.nanoTime();
        if (now - lastPrint < PRINT_NANOS && step < steps) {
            return;
        }
        lastPrint = now;
        double wallPerStep = (now - started) / 1e9 / stepsDone;
        log.printf(Locale.ROOT, "[%d/%d] %s: step %d/%d loss %.5f (%.2f s/step), unit ETA %s, total ETA %s%n",
                unitIndex, units, unit.description(), step, steps, loss, secondsPerStep,
                TrainingLoop.duration(wallPerStep * (steps - step)), TrainingLoop.duration(wallPerStep * remainingSteps));
        log.flush();
    }

    void finishUnit(AdapterTrainer.Validation validation) {
        log.printf(Locale.ROOT, "[%d/%d] %s: validation MSE %.6f, PSNR %.2f dB, SSIM %.4f (%s elapsed)%n", unitIndex,
                units, unit.description(), validation.mse(), validation.psnr(), validation.ssim(),
                TrainingLoop.duration((System.nanoTime() - started) / 1e9));
        log.flush();
    }
}
