package io.neuroframe.adapter.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimsTest {

    private static final String KERNEL = "kernel sigma=2 A=1";
    private static final long CODEC = 229_246_160L;

    private static ResultsTable.Row row(String condition, String library, int seed, long trainable, double mse) {
        double frozen = 0.010;
        return new ResultsTable.Row(condition, library, seed, trainable, CODEC, CODEC + trainable, 0, 100, 1.0, mse,
                10 * Math.log10(1 / mse), 0.9, (frozen - mse) / frozen);
    }

    private static List<ResultsTable.Row> rows(double bio, double frozenRandom, double trainable, double culture,
            double cultureFrozen) {
        return rows(bio, frozenRandom, trainable, culture, cultureFrozen, 1e-5);
    }

    /** Two seeds per group, the second {@code seedSpread} above the first. */
    private static List<ResultsTable.Row> rows(double bio, double frozenRandom, double trainable, double culture,
            double cultureFrozen, double seedSpread) {
        List<ResultsTable.Row> rows = new ArrayList<>();
        rows.add(row("identity", "-", 0, 0, 0.010));
        for (int seed = 0; seed < 2; seed++) {
            double jitter = seed * seedSpread;
            rows.add(row("local-kernel", KERNEL, seed, 2_359_297, bio + jitter));
            rows.add(row("frozen-random", KERNEL, seed, 2_359_297, frozenRandom + jitter));
            rows.add(row("fully-trainable", KERNEL, seed, 11_796_481, trainable + jitter));
            rows.add(row("recorded-library", "culture-01", seed, 2_359_297, culture + jitter));
            rows.add(row("frozen-random", "culture-01", seed, 2_359_297, cultureFrozen + jitter));
        }
        return rows;
    }

    private static List<Claims.Verdict> check(List<ResultsTable.Row> rows) {
        return Claims.check(new ResultGroups(rows), KERNEL, List.of("culture-01"));
    }

    @Test
    void claimsHoldWhenTheResultsSupportThem() {
        List<Claims.Verdict> verdicts = check(rows(0.0070, 0.0090, 0.0069, 0.0071, 0.0089));
        assertEquals(List.of("held", "held", "held", "held"), verdicts.stream().map(Claims.Verdict::status).toList());
        assertTrue(verdicts.get(0).evidence().contains("measured 29.950%"), verdicts.get(0).evidence());
        assertTrue(verdicts.get(1).evidence().contains("1.03%"), verdicts.get(1).evidence());
    }

    @Test
    void claimsFailWhenTheResultsContradictThem() {
        List<Claims.Verdict> verdicts = check(rows(0.0095, 0.0090, 0.0060, 0.0085, 0.0089));
        assertEquals("not held", verdicts.get(0).status(), "5% is not 27%");
        assertEquals("not held", verdicts.get(2).status(), "the kernel loses to its frozen reservoir");
        assertTrue(verdicts.get(2).evidence().startsWith("1 of 2 arrays"), verdicts.get(2).evidence());
        assertEquals("not held", verdicts.get(3).status(), "neither biology closes 80% of the gap");
    }

    @Test
    void differencesWithinTheSeedNoiseDecideNothing() {
        List<Claims.Verdict> verdicts = check(rows(0.00999, 0.01000, 0.00998, 0.00999, 0.01000, 1e-4));
        assertEquals("not held", verdicts.get(2).status(), "0.1% lower with 1% spread over seeds is no win");
        assertTrue(verdicts.get(2).evidence().startsWith("0 of 2 arrays"), verdicts.get(2).evidence());
        assertTrue(verdicts.get(2).evidence().contains("within seed noise"), verdicts.get(2).evidence());
        assertEquals("not held", verdicts.get(3).status(), "a trainable reservoir no better than the frozen one");
        assertTrue(verdicts.get(3).evidence().contains("nothing to approach"), verdicts.get(3).evidence());
    }

    @Test
    void theSameDifferenceCountsWhenSeedsAgree() {
        List<Claims.Verdict> verdicts = check(rows(0.00999, 0.01000, 0.00998, 0.00999, 0.01000, 1e-7));
        assertEquals("held", verdicts.get(2).status(), verdicts.get(2).evidence());
    }

    @Test
    void claimsWithoutResultsAreNotEvaluated() {
        List<Claims.Verdict> verdicts = check(List.of(row("identity", "-", 0, 0, 0.01)));
        assertTrue(verdicts.stream().allMatch(v -> v.status().equals("not evaluated")), verdicts.toString());
    }
}
