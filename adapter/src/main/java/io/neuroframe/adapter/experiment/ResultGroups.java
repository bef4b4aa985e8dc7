package io.neuroframe.adapter.experiment;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rows of a results table grouped by condition and library, with statistics over seeds. */
final class ResultGroups {

    /**
     * One condition on one library over its seeds.
     *
     * @param meanMse mean validation MSE over seeds; likewise min, max and the mean relative decrease
     * @param sdMse sample standard deviation of the validation MSE over seeds (0 for one seed)
     */
    record Group(String condition, String library, int seeds, double meanMse, double sdMse, double minMse,
            double maxMse, double meanRelativeDecrease, double meanPsnr, double meanSsim, long trainable, long codec) {

        String label() {
            return library.equals(RunUnit.NO_LIBRARY) ? condition : condition + " " + library;
        }
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();

    ResultGroups(List<ResultsTable.Row> rows) {
        Map<String, List<ResultsTable.Row>> byKey = new LinkedHashMap<>();
        for (ResultsTable.Row row : rows) {
            byKey.computeIfAbsent(key(row.condition(), row.library()), k -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<String, List<ResultsTable.Row>> entry : byKey.entrySet()) {
            List<ResultsTable.Row> r = entry.getValue();
            ResultsTable.Row first = r.get(0);
            DoubleSummaryStatistics mse = r.stream().mapToDouble(ResultsTable.Row::mse).summaryStatistics();
            double squares = r.stream().mapToDouble(row -> Math.pow(row.mse() - mse.getAverage(), 2)).sum();
            groups.put(entry.getKey(), new Group(first.condition(), first.library(), r.size(), mse.getAverage(),
                    r.size() > 1 ? Math.sqrt(squares / (r.size() - 1)) : 0, mse.getMin(), mse.getMax(),
                    r.stream().mapToDouble(ResultsTable.Row::relativeDecrease).average().orElseThrow(),
                    r.stream().mapToDouble(ResultsTable.Row::psnr).average().orElseThrow(),
                    r.stream().mapToDouble(ResultsTable.Row::ssim).average().orElseThrow(),
                    first.trainable(), first.codec()));
        }
    }

    private static String key(String condition, String library) {
        return condition + "|" + library;
    }

    Optional<Group> get(String condition, String library) {
        return Optional.ofNullable(groups.get(key(condition, library)));
    }

    List<Group> all() {
        return List.copyOf(groups.values());
    }
}
