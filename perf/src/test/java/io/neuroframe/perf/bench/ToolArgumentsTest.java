package io.neuroframe.perf.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToolArgumentsTest {
    private static final String USAGE = "usage: tool [--runs N]";

    @Test
    void readsValuesAndRefusesMissingOrNonPositiveOnesNamingTheOption() {
        String[] args = {"--runs", "3", "--warmup", "0", "--out"};
        assertEquals(3, ToolArguments.positive(args, 1, USAGE));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> ToolArguments.positive(args, 3, USAGE));
        assertEquals("--warmup must be positive, got 0", zero.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ToolArguments.value(args, 5, USAGE));
        assertTrue(missing.getMessage().startsWith("--out needs a value; " + USAGE), missing.getMessage());
    }
}
