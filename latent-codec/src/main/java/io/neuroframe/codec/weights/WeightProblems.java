package io.neuroframe.codec.weights;

import java.util.List;

/** The checks and the error message shared by the weight loaders: the first few problems, then a count of the rest. */
public final class WeightProblems {
    /** Problems listed one per line; the rest are counted. */
    public static final int MAX_LISTED = 8;

    private WeightProblems() {
    }

    /**
     * {@code "<subject> weights: N problems"}, then the first {@link #MAX_LISTED} problems one per
     * line and the count of the others.
     */
    public static String describe(String subject, List<String> problems) {
        StringBuilder message = new StringBuilder(subject).append(" weights: ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems");
        for (int i = 0; i < Math.min(problems.size(), MAX_LISTED); i++) {
            message.append("\n  ").append(problems.get(i));
        }
        if (problems.size() > MAX_LISTED) {
            message.append("\n  ... and ").append(problems.size() - MAX_LISTED).append(" more");
        }
        return message.toString();
    }

    /** The index of the first value of {@code data} that is NaN or infinite, or -1 when all are finite. */
    public static int firstNonFinite(float[] data) {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }
}
