package io.neuroframe.perf;

import io.neuroframe.render.timing.Stage;
import io.neuroframe.render.timing.StageClock;
import io.neuroframe.api.TimeSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A scenario whose frames run a fixed list of stage tasks one after another on the calling thread,
 * each timed on the scenario's {@link StageClock}: for measuring your own per-frame work (a custom
 * decoder, an adapter, a packing step) without pipeline threads.
 *
 * <pre>{@code
 * SequentialScenario.builder("decode-pack")
 *         .stage(Stage.DECODE, frame -> decoder.decode(latent, image))
 *         .stage(Stage.PACK, frame -> RgbaPacker.pack(image, rgba, RowOrder.TOP_DOWN))
 *         .closing(decoder)
 *         .build();
 * }</pre>
 */
public final class SequentialScenario implements FrameScenario {

    /** The work of one stage of one frame. */
    @FunctionalInterface
    public interface StageTask {
        /** Runs the stage for frame {@code frameId} (counting from 1). */
        void run(long frameId);
    }

    private record Step(Stage stage, StageTask task) {
    }

    private final String name;
    private final StageClock clock;
    private final List<Step> steps;
    private final List<AutoCloseable> resources;
    private long frameId;

    private SequentialScenario(String name, StageClock clock, List<Step> steps, List<AutoCloseable> resources) {
        this.name = name;
        this.clock = clock;
        this.steps = List.copyOf(steps);
        this.resources = List.copyOf(resources);
    }

    /** Starts a scenario called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public StageClock clock() {
        return clock;
    }

    @Override
    public void runFrame() {
        frameId++;
        for (Step step : steps) {
            long start = clock.now();
            step.task().run(frameId);
            clock.record(frameId, step.stage(), start, clock.now());
        }
    }

    /** Closes the resources handed to {@link Builder#closing}, last first. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("scenario '" + name + "': closing a resource failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Builds a {@link SequentialScenario}. */
    public static final class Builder {
        private final String name;
        private final List<Step> steps = new ArrayList<>();
        private final Set<Stage> stages = EnumSet.noneOf(Stage.class);
        private final List<AutoCloseable> resources = new ArrayList<>();
        private TimeSource time = TimeSource.SYSTEM;
        private int historyFrames = 2_000;

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("scenario name must not be blank");
            }
            this.name = name;
        }

        /** Adds a stage; stages run in the order added, each at most once per frame. */
        public Builder stage(Stage stage, StageTask task) {
            if (stage == null || task == null) {
                throw new IllegalArgumentException("stage and task must not be null");
            }
            if (!stages.add(stage)) {
                throw new IllegalArgumentException("stage " + stage.label() + " was added twice");
            }
            steps.add(new Step(stage, task));
            return this;
        }

        /** Something the scenario closes when it is closed (decoders, sessions). */
        public Builder closing(AutoCloseable resource) {
            if (resource == null) {
                throw new IllegalArgumentException("resource must not be null");
            }
            resources.add(resource);
            return this;
        }

        /** The clock the stages are timed on (default the system clock; a virtual one in tests). */
        public Builder timeSource(TimeSource time) {
            if (time == null) {
                throw new IllegalArgumentException("timeSource must not be null");
            }
            this.time = time;
            return this;
        }

        /** Intervals kept per stage (default 2,000); at least the frames a check measures. */
        public Builder historyFrames(int historyFrames) {
            if (historyFrames < 1) {
                throw new IllegalArgumentException("historyFrames must be >= 1, got " + historyFrames);
            }
            this.historyFrames = historyFrames;
            return this;
        }

        /** The scenario. */
        public SequentialScenario build() {
            if (steps.isEmpty()) {
                throw new IllegalStateException("scenario '" + name + "' has no stages: call stage(...)");
            }
            StageClock clock = new StageClock(time, historyFrames, Math.min(historyFrames,
                    StageClock.DEFAULT_WINDOW_FRAMES));
            return new SequentialScenario(name, clock, steps, resources);
        }
    }
}
