package io.neuroframe.codec.reference;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GeluTest {

    @Test
    void erfMatchesKnownValuesToBetterThanOneInTenMillion() {
        // Reference values from scipy.special.erf (double precision).
        double[][] known = {
            {0.0, 0.0},
            {1e-9, 1.1283791670955127e-09},
            {0.1, 0.1124629160182849},
            {0.5, 0.5204998778130465},
            {1.0, 0.8427007929497148},
            {1.5, 0.9661051464753108},
            {2.0, 0.9953222650189527},
            {2.49999, 0.9995930261991681},
            {2.5, 0.999593047982555},
            {3.0, 0.9999779095030014},
            {4.0, 0.9999999845827421},
            {5.5, 0.9999999999999927},
            {-0.7, -0.6778011938374183},
            {-3.3, -0.9999969422902035},
            {8.0, 1.0},
        };
        for (double[] pair : known) {
            assertEquals(pair[1], Gelu.erf(pair[0]), 1e-13, "erf(" + pair[0] + ")");
        }
    }

    @Test
    void erfIsOddAndMonotonicAcrossTheSwitchBetweenMethods() {
        double previous = -1;
        for (int i = -70000; i <= 70000; i++) {
            double x = i * 1e-4;
            double value = Gelu.erf(x);
            assertEquals(-value, Gelu.erf(-x), 0.0);
            assertEquals(true, value >= previous, "erf must not decrease at " + x);
            previous = value;
        }
    }

    @Test
    void geluMatchesTheErfDefinition() {
        // Reference: x * (1 + erf(x / sqrt(2))) / 2 with scipy, rounded to float.
        float[] x = {-3f, -1f, -0.5f, 0f, 0.5f, 1f, 3f, 10f, -10f};
        float[] expected = {-0.0040496942f, -0.15865526f, -0.15426877f, 0f, 0.34573123f, 0.8413448f, 2.9959502f, 10f, -0f};
        Gelu.applyInPlace(x, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], x[i], 1e-7f, "gelu #" + i);
        }
    }
}
