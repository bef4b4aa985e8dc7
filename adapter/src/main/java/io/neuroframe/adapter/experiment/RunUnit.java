package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.AdapterCondition;

/**
 * One unit of work of an experiment: a condition trained on one library with one seed. Its result row in
 * {@code results.csv} marks it done.
 *
 * @param condition the adapter condition
 * @param library the reservoir it runs on ({@code kernel sigma=2 A=1}, a culture's name, or {@code -} without one)
 * @param seed the random initialisation
 */
public record RunUnit(AdapterCondition condition, String library, int seed) {

    /** Library name of conditions without a reservoir. */
    public static final String NO_LIBRARY = "-";

    /** Identifies the unit among the rows of a results table. */
    public String key() {
        return key(condition.id(), library, seed);
    }

    /** The {@link #key()} of the unit a results row with these fields belongs to. */
    static String key(String condition, String library, int seed) {
        return condition + "|" + library + "|" + seed;
    }

    /** A file-name-safe form of {@link #key()}. */
    public String fileStem() {
        return (condition.id() + "_" + library + "_seed" + seed).replaceAll("[^A-Za-z0-9._=-]+", "_");
    }

    /** The adapter's name in logs, checkpoints and exported files. */
    public String description() {
        return condition.id() + (library.equals(NO_LIBRARY) ? "" : " " + library) + " seed " + seed;
    }
}
