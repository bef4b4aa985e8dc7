package io.neuroframe.codec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.codec.weights.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** The checks every codec trainer passes: its loss falls, and a resumed run continues exactly. */
final class TrainerChecks {
    private TrainerChecks() {
    }

    /** Opens a run from a checkpoint file. */
    @FunctionalInterface
    interface Resume<T> {
        T from(Path checkpoint) throws IOException;
    }

    /**
     * Runs {@code step} {@code steps} times and checks that what it returns, averaged over the last
     * {@code window} steps, is under half its average over the first {@code window}.
     */
    static void assertHalves(String what, int steps, int window, Supplier<Float> step) {
        float first = 0;
        float last = 0;
        for (int i = 0; i < steps; i++) {
            float value = step.get();
            if (i < window) {
                first += value / window;
            } else if (i >= steps - window) {
                last += value / window;
            }
        }
        assertTrue(last < 0.5f * first, what + " went from " + first + " to " + last);
    }

    /**
     * Checks that a run of {@code steps} steps ends with the same weights (within {@code tolerance})
     * when it stops halfway with a checkpoint at {@code checkpoint} and is resumed from it, and that
     * the resumed run has the step count, the config and the options it was saved with.
     */
    static <T extends CodecTrainer<?, ?, ?>> void assertResumesExactly(int steps, Supplier<T> start, Resume<T> resume,
                                                                      Consumer<T> step,
                                                                      Function<T, Map<String, Tensor>> weights,
                                                                      float tolerance, Path checkpoint)
            throws IOException {
        Map<String, Tensor> straight;
        try (T trainer = start.get()) {
            for (int i = 0; i < steps; i++) {
                step.accept(trainer);
            }
            straight = weights.apply(trainer);
        }
        Object config;
        Object options;
        try (T trainer = start.get()) {
            for (int i = 0; i < steps / 2; i++) {
                step.accept(trainer);
            }
            trainer.saveCheckpoint(checkpoint);
            config = trainer.config();
            options = trainer.options();
        }
        try (T resumed = resume.from(checkpoint)) {
            assertEquals(steps / 2, resumed.completedSteps());
            assertEquals(config, resumed.config());
            assertEquals(options, resumed.options());
            while (resumed.completedSteps() < steps) {
                step.accept(resumed);
            }
            Map<String, Tensor> continued = weights.apply(resumed);
            for (Tensor t : straight.values()) {
                assertArrayEquals(t.data(), continued.get(t.name()).data(), tolerance, t.name());
            }
        }
    }
}
