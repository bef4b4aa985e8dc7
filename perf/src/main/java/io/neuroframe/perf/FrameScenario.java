package io.neuroframe.perf;

import io.neuroframe.render.timing.StageClock;

/**
 * Something that drives frames and times their stages: a frame pipeline fed by a recording, a
 * headless game with the plugin attached, or a sequence of stage tasks. The harness calls
 * {@link #runFrame()} over and over (first for a warm-up, then for the measured frames) and reads
 * the per-stage intervals from {@link #clock()}, then closes the scenario.
 *
 * <p>A scenario records each stage of each frame once on its clock (see
 * {@link StageClock#record}); the clock's history must hold at least the warm-up plus the measured
 * frames of every stage.
 */
public interface FrameScenario extends AutoCloseable {

    /** A short name for reports and baselines, e.g. {@code "walk"}. */
    String name();

    /** The clock the scenario records its stages on. */
    StageClock clock();

    /** Drives one frame to completion; blocks until its stages have been recorded. */
    void runFrame();

    /** Frees what the scenario holds (threads, sessions, windows). */
    @Override
    void close();
}
