package io.neuroframe.codec.onnx;

/**
 * How codec sessions run on ONNX Runtime.
 *
 * @param provider where to run; CUDA falls back to the CPU, with a log line, where it is missing
 * @param intraOpThreads threads one session uses to run a graph (default: one per available core)
 */
public record OrtOptions(ExecutionProvider provider, int intraOpThreads) {

    public OrtOptions {
        if (provider == null) {
            throw new IllegalArgumentException("provider must not be null");
        }
        if (intraOpThreads <= 0) {
            throw new IllegalArgumentException("intraOpThreads must be positive, got " + intraOpThreads);
        }
    }

    /** The CPU with one intra-op thread per available core. */
    public static OrtOptions defaults() {
        return new OrtOptions(ExecutionProvider.CPU, Runtime.getRuntime().availableProcessors());
    }

    /** These options on {@code newProvider}. */
    public OrtOptions withProvider(ExecutionProvider newProvider) {
        return new OrtOptions(newProvider, intraOpThreads);
    }

    /** These options with {@code threads} intra-op threads. */
    public OrtOptions withIntraOpThreads(int threads) {
        return new OrtOptions(provider, threads);
    }
}
