package io.neuroframe.codec.safetensors;

/**
 * Conversions between float and the two 16-bit formats, rounding to nearest, ties to even.
 *
 * <p>Half precision (IEEE 754 binary16): 1 sign, 5 exponent (bias 15), 10 mantissa bits; the
 * largest finite value is 65504 and values from 65520 on round to infinity; subnormals go down to
 * 2^-24. bfloat16: the upper 16 bits of a float, so it has float's range with 7 mantissa bits.
 * NaN stays NaN (quiet, keeping the top payload bits); infinities and signed zeros are kept.
 */
public final class HalfPrecision {

    /** Largest finite half-precision value. */
    public static final float HALF_MAX = 65504f;

    private HalfPrecision() {
    }

    /** The binary16 bits nearest to {@code value}. */
    public static short floatToHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7f_ffff;
        if (exponent == 0xff) {
            return (short) (mantissa == 0 ? sign | 0x7c00 : sign | 0x7e00 | (mantissa >>> 13));
        }
        int halfExponent = exponent - 127 + 15;
        if (halfExponent >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (halfExponent <= 0) {
            if (halfExponent < -10) {
                return (short) sign;
            }
            // Subnormal half: the value is (mantissa with its leading 1) * 2^(exponent - 150), and a
            // half subnormal step is 2^-24, so shift right by 126 - exponent = 14 - halfExponent.
            return (short) (sign | shiftRoundingToEven(mantissa | 0x80_0000, 14 - halfExponent));
        }
        // A carry out of the mantissa correctly bumps the exponent, up to infinity.
        int half = (halfExponent << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++;
        }
        return (short) (sign | half);
    }

    private static int shiftRoundingToEven(int value, int shift) {
        int result = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (rest > halfway || (rest == halfway && (result & 1) != 0)) {
            result++;
        }
        return result;
    }

    /** The float equal to the binary16 {@code half} (every half value is exact in float). */
    public static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f80_0000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /** The bfloat16 bits nearest to {@code value}. */
    public static short floatToBfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int roundingBias = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    /** The float equal to the bfloat16 {@code bfloat16}. */
    public static float bfloat16ToFloat(short bfloat16) {
        return Float.intBitsToFloat((bfloat16 & 0xffff) << 16);
    }
}
