package io.neuroframe.codec.onnx;

import java.util.Locale;

/** Where ONNX Runtime runs a codec graph. */
public enum ExecutionProvider {
    /** The CPU, always available. */
    CPU,
    /**
     * An NVIDIA GPU through CUDA: needs the {@code onnxruntime_gpu} package (Maven profile
     * {@code gpu}), the CUDA libraries and a GPU; without them sessions fall back to {@link #CPU}.
     */
    CUDA;

    /**
     * The provider called {@code name} ({@code cpu} or {@code cuda}, case-insensitive).
     *
     * @throws IllegalArgumentException naming the known providers otherwise
     */
    public static ExecutionProvider parse(String name) {
        String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (ExecutionProvider provider : values()) {
            if (provider.name().equals(key)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("unknown execution provider '" + name + "'; known: cpu, cuda");
    }

    /** Lower-case name as shown to users, e.g. {@code cpu}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
