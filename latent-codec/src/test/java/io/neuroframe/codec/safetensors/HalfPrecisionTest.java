package io.neuroframe.codec.safetensors;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HalfPrecisionTest {

    @Test
    void convertsKnownValuesLikeNumpy() {
        // Expected bits from numpy: np.array([v], np.float32).astype(np.float16).view(np.uint16)
        float[] values = {1f, -2.5f, 65504f, 65519f, 65520f, 1e-8f, 0x1p-24f, 0x1p-25f, 1.5f * 0x1p-25f, 0x1p-14f,
            0.1f, 1f / 3, -0f, 6.1e-5f, 3.0e-5f, 1e6f, -1e6f};
        int[] expected = {0x3c00, 0xc100, 0x7bff, 0x7bff, 0x7c00, 0x0000, 0x0001, 0x0000, 0x0001, 0x0400,
            0x2e66, 0x3555, 0x8000, 0x03ff, 0x01f7, 0x7c00, 0xfc00};
        for (int i = 0; i < values.length; i++) {
            assertEquals(expected[i], HalfPrecision.floatToHalf(values[i]) & 0xffff, "value " + values[i]);
        }
    }

    @Test
    void everyHalfSurvivesARoundTripThroughFloat() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float widened = HalfPrecision.halfToFloat((short) bits);
            int exponent = (bits >>> 10) & 0x1f;
            boolean nan = exponent == 0x1f && (bits & 0x3ff) != 0;
            if (nan) {
                assertTrue(Float.isNaN(widened), "half " + Integer.toHexString(bits));
                assertTrue(Float.isNaN(HalfPrecision.halfToFloat(HalfPrecision.floatToHalf(widened))));
            } else {
                assertEquals(bits, HalfPrecision.floatToHalf(widened) & 0xffff, "half " + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void widensNormalsSubnormalsAndSpecialsExactly() {
        assertEquals(1f, HalfPrecision.halfToFloat((short) 0x3c00));
        assertEquals(0x1p-24f, HalfPrecision.halfToFloat((short) 0x0001));
        assertEquals(0x3ffp-24f, HalfPrecision.halfToFloat((short) 0x03ff));
        assertEquals(-0x1p-14f, HalfPrecision.halfToFloat((short) 0x8400));
        assertEquals(65504f, HalfPrecision.halfToFloat((short) 0x7bff));
        assertEquals(Float.POSITIVE_INFINITY, HalfPrecision.halfToFloat((short) 0x7c00));
        assertEquals(Float.NEGATIVE_INFINITY, HalfPrecision.halfToFloat((short) 0xfc00));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(HalfPrecision.halfToFloat((short) 0x8000)));
        assertTrue(Float.isNaN(HalfPrecision.halfToFloat((short) 0x7e00)));
    }

    @Test
    void midpointsRoundToEvenAndAnythingPastThemRoundsAway() {
        // Between neighbouring finite halves a < b the midpoint is exact in float; it must round to
        // whichever of a, b has an even mantissa, and one float ulp either side to the nearer one.
        for (int bits = 0; bits < 0x7bff; bits++) {
            float a = HalfPrecision.halfToFloat((short) bits);
            float b = HalfPrecision.halfToFloat((short) (bits + 1));
            float mid = (a + b) / 2;
            int even = (bits & 1) == 0 ? bits : bits + 1;
            assertEquals(even, HalfPrecision.floatToHalf(mid) & 0xffff, "midpoint above " + Integer.toHexString(bits));
            assertEquals(bits, HalfPrecision.floatToHalf(Math.nextDown(mid)) & 0xffff);
            assertEquals(bits + 1, HalfPrecision.floatToHalf(Math.nextUp(mid)) & 0xffff);
            assertEquals(bits | 0x8000, HalfPrecision.floatToHalf(-Math.nextDown(mid)) & 0xffff);
        }
    }

    @Test
    void keepsInfinityAndNaN() {
        assertEquals(0x7c00, HalfPrecision.floatToHalf(Float.POSITIVE_INFINITY) & 0xffff);
        assertEquals(0xfc00, HalfPrecision.floatToHalf(Float.NEGATIVE_INFINITY) & 0xffff);
        assertTrue(Float.isNaN(HalfPrecision.halfToFloat(HalfPrecision.floatToHalf(Float.NaN))));
        // a NaN whose payload sits only in low bits must not become infinity
        float lowPayloadNaN = Float.intBitsToFloat(0x7f800001);
        assertTrue(Float.isNaN(HalfPrecision.halfToFloat(HalfPrecision.floatToHalf(lowPayloadNaN))));
        assertEquals(0, HalfPrecision.floatToHalf(Float.MIN_VALUE));
    }

    @Test
    void bfloat16RoundsToNearestEven() {
        assertEquals(0x3f80, HalfPrecision.floatToBfloat16(1f) & 0xffff);
        assertEquals(0x3dcd, HalfPrecision.floatToBfloat16(0.1f) & 0xffff); // 0x3dcccccd rounds up
        assertEquals(0x3eab, HalfPrecision.floatToBfloat16(1f / 3) & 0xffff); // 0x3eaaaaab rounds up
        assertEquals(0x3f80, HalfPrecision.floatToBfloat16(Float.intBitsToFloat(0x3f808000)) & 0xffff);
        assertEquals(0x3f82, HalfPrecision.floatToBfloat16(Float.intBitsToFloat(0x3f818000)) & 0xffff);
        assertEquals(0x7f80, HalfPrecision.floatToBfloat16(Float.POSITIVE_INFINITY) & 0xffff);
        assertTrue(Float.isNaN(HalfPrecision.bfloat16ToFloat(HalfPrecision.floatToBfloat16(Float.intBitsToFloat(0x7f800001)))));
        assertEquals(1.5f, HalfPrecision.bfloat16ToFloat((short) 0x3fc0));
    }
}
