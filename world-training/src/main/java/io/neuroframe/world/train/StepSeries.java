package io.neuroframe.world.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The decoded frames of one or more runs through time, as {@link FrameStatistics} by step: a real
 * trajectory (one frame a step) or the rollouts of a world model from one or more start frames (one
 * frame per rollout a step, fewer where some rollout ended).
 */
public final class StepSeries {
    private final List<List<FrameStatistics>> steps = new ArrayList<>();

    /** Adds one frame at {@code step} (from 0). */
    public void add(int step, FrameStatistics frame) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be at least 0, got " + step);
        }
        while (steps.size() <= step) {
            steps.add(new ArrayList<>());
        }
        steps.get(step).add(frame);
    }

    /** One past the last step that has a frame. */
    public int steps() {
        return steps.size();
    }

    /** Frames at {@code step}; 0 beyond the last step. */
    public int samples(int step) {
        return step < steps.size() ? steps.get(step).size() : 0;
    }

    /** The frames at {@code step} (none beyond the last step). */
    public List<FrameStatistics> frames(int step) {
        return step < steps.size() ? Collections.unmodifiableList(steps.get(step)) : List.of();
    }

    /**
     * The mean of every frame at steps {@code end - window + 1} to {@code end} (from step 0 where the
     * window reaches back before it).
     *
     * @throws IllegalArgumentException if {@code window} is below 1 or there is no frame at {@code end}
     */
    public FrameStatistics windowMean(int end, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1 step, got " + window);
        }
        if (samples(end) == 0) {
            throw new IllegalArgumentException("no frame at step " + end + " (the series has " + steps.size() + " steps)");
        }
        List<FrameStatistics> frames = new ArrayList<>();
        for (int s = Math.max(0, end - window + 1); s <= end; s++) {
            frames.addAll(steps.get(s));
        }
        return FrameStatistics.mean(frames);
    }
}
