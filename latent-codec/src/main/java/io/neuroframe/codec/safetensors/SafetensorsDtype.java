package io.neuroframe.codec.safetensors;

/** The floating-point element types NeuroFrame reads from and writes to safetensors files. */
public enum SafetensorsDtype {
    /** IEEE 754 single precision, 4 bytes. */
    F32(4),
    /** IEEE 754 half precision, 2 bytes. */
    F16(2),
    /** bfloat16 (the upper half of a float), 2 bytes. */
    BF16(2);

    private final int bytes;

    SafetensorsDtype(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /**
     * The dtype spelled {@code code} in a header, e.g. {@code "F16"}.
     *
     * @throws IllegalArgumentException naming the supported dtypes for any other code
     */
    public static SafetensorsDtype parse(String code) {
        for (SafetensorsDtype dtype : values()) {
            if (dtype.name().equals(code)) {
                return dtype;
            }
        }
        throw new IllegalArgumentException("unsupported dtype " + code + " (supported: F32, F16, BF16)");
    }
}
