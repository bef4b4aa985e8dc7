package io.neuroframe.adapter.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void theCosineToZeroWarmsUpLikeTheCodecScheduleAndEndsAtNothing() {
        int steps = 1500;
        float peak = 1e-3f;
        for (int step = 0; step < 75; step++) {
            assertEquals(LearningRateSchedule.WARMUP_COSINE.at(step, steps, peak),
                    LearningRateSchedule.WARMUP_COSINE_TO_ZERO.at(step, steps, peak), "warm-up step " + step);
        }
        assertEquals(peak, LearningRateSchedule.WARMUP_COSINE_TO_ZERO.at(75, steps, peak), 1e-9f);
        assertEquals(0.1f * peak, LearningRateSchedule.WARMUP_COSINE.at(steps - 1, steps, peak), 1e-7f);
        float lastTenth = LearningRateSchedule.WARMUP_COSINE_TO_ZERO.at(steps - steps / 10, steps, peak);
        assertTrue(lastTenth > 0.02f * peak && lastTenth < 0.03f * peak, "start of the last tenth: " + lastTenth);
        assertTrue(LearningRateSchedule.WARMUP_COSINE_TO_ZERO.at(steps - 1, steps, peak) < 1e-5f * peak);
        float previous = Float.POSITIVE_INFINITY;
        for (int step = 75; step < steps; step++) {
            float rate = LearningRateSchedule.WARMUP_COSINE_TO_ZERO.at(step, steps, peak);
            assertTrue(rate <= previous, "decays at step " + step);
            previous = rate;
        }
    }
}
