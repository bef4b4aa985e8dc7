package io.neuroframe.codec.djl;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Loads DJL's PyTorch engine and sets its thread count.
 *
 * <p>The native libraries come from the {@code pytorch-native-cpu} jar on the class path: DJL
 * extracts them once into {@code $DJL_CACHE_DIR/pytorch/<version>-cpu-linux-x86_64/} and loads
 * them from there, so with {@code -Dai.djl.offline=true} nothing is downloaded. No further
 * system property ({@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_VERSION}, ...) is needed.
 */
public final class PyTorchRuntime {
    /** DJL's name of the PyTorch engine. */
    public static final String ENGINE_NAME = "PyTorch";

    private PyTorchRuntime() {
    }

    /**
     * The PyTorch engine with {@code intraOpThreads} threads per operator.
     *
     * @throws IllegalStateException naming the cause when the native library cannot be loaded
     */
    public static Engine engine(int intraOpThreads) {
        if (intraOpThreads <= 0) {
            throw new IllegalArgumentException("intraOpThreads must be positive, got " + intraOpThreads);
        }
        Engine engine;
        try {
            engine = Engine.getEngine(ENGINE_NAME);
        } catch (EngineException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot load DJL's PyTorch engine (needs ai.djl.pytorch:pytorch-native-cpu"
                    + " for this platform on the class path and a writable DJL_CACHE_DIR): " + e.getMessage(), e);
        }
        if (JniUtils.getNumThreads() != intraOpThreads) {
            JniUtils.setNumThreads(intraOpThreads);
        }
        return engine;
    }

    /** The engine with one intra-op thread per available processor. */
    public static Engine engine() {
        return engine(Runtime.getRuntime().availableProcessors());
    }
}
