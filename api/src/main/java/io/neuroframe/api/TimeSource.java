package io.neuroframe.api;


/**
 * Where the pipeline reads the time: {@link #SYSTEM} in a game, a virtual clock in
 * tests, so that timing-driven behaviour (budget ladder, replay pacing, stall detection) is
 * deterministic.
 */
@FunctionalInterface
public interface TimeSource {

    /** The monotonic system clock, {@link System#nanoTime()}. */
    TimeSource SYSTEM = System::nanoTime;

    /** The current time in nanoseconds; only differences between two readings are meaningful. */
    long nanoTime();
}
