package io.neuroframe.codec.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks and the error message shared by the weight loaders: each tensor against the expected layout, and the
 * first few problems, then a count of the rest.
 */
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

    /**
     * Checks {@code tensors} against {@code expected} (shapes by name): every expected tensor present
     * under its own name with its exact shape and finite values, and nothing else.
     *
     * @param subject what the weights are, for the message ({@link #describe})
     * @param owner what an unexpected tensor is not part of, for its problem line
     * @return the tensors in the order of {@code expected}, unmodifiable
     * @throws IllegalArgumentException listing each missing, unexpected, misnamed, wrongly shaped or
     *         non-finite tensor with the shape that was expected
     */
    public static Map<String, Tensor> checked(String subject, Map<String, int[]> expected, Map<String, Tensor> tensors,
                                              String owner) {
        List<String> problems = new ArrayList<>();
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> entry : expected.entrySet()) {
            String name = entry.getKey();
            Tensor tensor = tensors.get(name);
            if (tensor == null) {
                problems.add("missing tensor " + name + " (expected shape " + Arrays.toString(entry.getValue()) + ")");
            } else if (!Arrays.equals(tensor.shape(), entry.getValue())) {
                problems.add("tensor " + name + " has shape " + Arrays.toString(tensor.shape())
                        + ", expected " + Arrays.toString(entry.getValue()));
            } else if (!name.equals(tensor.name())) {
                problems.add("tensor stored under " + name + " is named " + tensor.name());
            } else {
                int bad = firstNonFinite(tensor.data());
                if (bad >= 0) {
                    problems.add("tensor " + name + " holds " + tensor.data()[bad] + " at flat index " + bad
                            + " (expected finite values)");
                }
                ordered.put(name, tensor);
            }
        }
        for (String name : tensors.keySet()) {
            if (!expected.containsKey(name)) {
                problems.add("unexpected tensor " + name + " (not part of " + owner + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(describe(subject, problems));
        }
        return Collections.unmodifiableMap(ordered);
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
