package io.neuroframe.adapter.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.adapter.AdapterCondition;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OodProtocolTest {

    private static final String HEADLINE = "kernel sigma=2 A=1";
    private static final List<String> CULTURES = List.of("culture-01", "culture-02", "culture-03", "culture-04");

    /** The planned units (two seeds, four grown cultures) that {@code protocol} runs, counted by condition. */
    private static Map<String, Long> running(OodProtocol protocol) {
        return AdaptersOodExperiment.plan(protocol.base().withSeeds(2), HEADLINE, CULTURES, true).stream()
                .filter(u -> protocol.runs(u, CULTURES))
                .collect(Collectors.groupingBy(u -> u.condition().id() + (u.library().startsWith("culture")
                        ? " on " + u.library() : ""), Collectors.counting()));
    }

    @Test
    void twoProcessesShareTheCulturesWithoutRunningAUnitTwice() {
        OodProtocol full = OodProtocol.full();
        OodProtocol first = full.withConditions(List.of(AdapterCondition.TOKEN_MAP, AdapterCondition.FROZEN_RANDOM,
                AdapterCondition.RECORDED_LIBRARY, AdapterCondition.NETWORK_CULTURE))
                .withCultures(OodProtocol.CultureRange.parse("1-2"));
        OodProtocol second = full.withConditions(List.of(AdapterCondition.RECORDED_LIBRARY,
                AdapterCondition.NETWORK_CULTURE)).withCultures(OodProtocol.CultureRange.parse("3-4"));

        Map<String, Long> a = running(first);
        Map<String, Long> b = running(second);

        assertEquals(2L, a.get("frozen-random"), "the headline kernel's frozen reservoir, per seed: " + a);
        assertEquals(2L, a.get("frozen-random on culture-02"), "a culture's matched reservoir runs with it: " + a);
        assertEquals(2L, a.get("network-culture on culture-01"), a.toString());
        assertTrue(a.keySet().stream().noneMatch(k -> k.contains("culture-03") || k.contains("culture-04")), a.toString());
        assertEquals(2L, b.get("frozen-random on culture-03"),
                "recorded-library brings the culture's matched reservoir without naming frozen-random: " + b);
        assertTrue(!b.containsKey("frozen-random") && !b.containsKey("token-map"), "nothing off its cultures: " + b);
        assertEquals(1L, b.get("identity"), "the frozen codec always runs");
        for (String key : a.keySet()) {
            assertTrue(key.equals("identity") || !b.containsKey(key), key + " runs in both");
        }
    }

    @Test
    void aCultureRangeReadsFirstToLastOrOneNumberAndRefusesTheRest() {
        assertEquals(new OodProtocol.CultureRange(6, 11), OodProtocol.CultureRange.parse("6-11"));
        assertEquals(new OodProtocol.CultureRange(3, 3), OodProtocol.CultureRange.parse(" 3 "));
        for (String bad : List.of("0-2", "5-4", "a-b", "1-2-3", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OodProtocol.CultureRange.parse(bad), bad);
            assertTrue(e.getMessage().contains("6-11") || e.getMessage().contains("counts from 1"), e.getMessage());
        }
    }
}
