package io.neuroframe.codec.djl;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Loads DJL's PyTorch engine and sets its thread count.
 *
 * <p>The native libraries come from the {@code pytorch-native-cpu} jar on the class path: DJL
 * extracts them once into {@code $DJL_CACHE_DIR/pytorch/<version>-cpu-linux-x86_64/} and loads
 * them from there, so with {@code -Dai.djl.offline=true} nothing is downloaded. No further
 * system property ({@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_VERSION}, ...) is needed.
 *
 * <p>PyTorch's CPU kernels run on OpenMP (libgomp), whose threads by default spin while they
 * wait for each other. On a machine whose cores are busy with other work, a spinning thread
 * waits for a partner that is not scheduled, and small operators take milliseconds instead of
 * microseconds (measured here: an element-wise add of 98k floats 7.8 ms instead of 0.05 ms, a
 * training step ten times slower). So, unless the user set {@code OMP_WAIT_POLICY}, this class
 * sets it to {@code PASSIVE} in the process environment before the native library is loaded;
 * load the engine through this class for that to take effect.
 *
 * <p>Likewise it caps oneDNN (PyTorch's CPU convolutions) at AVX2 with {@code ONEDNN_MAX_CPU_ISA}
 * unless the user set it: on this project's AMD Zen 5 machine oneDNN's AVX-512 kernels gave wrong
 * 3x3 convolutions for 24 channels at 72 x 128 (max error 2.4 against the plain-Java reference)
 * and ran a 32-channel one at 7 GFLOP/s, against correct results and 59 GFLOP/s with AVX2.
 */
public final class PyTorchRuntime {
    /** DJL's name of the PyTorch engine. */
    public static final String ENGINE_NAME = "PyTorch";

    static {
        if (System.getenv("OMP_WAIT_POLICY") == null) {
            CLibrary.INSTANCE.setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
        }
        if (System.getenv("ONEDNN_MAX_CPU_ISA") == null) {
            CLibrary.INSTANCE.setenv("ONEDNN_MAX_CPU_ISA", "AVX2", 0);
        }
    }

    private PyTorchRuntime() {
    }

    /** The C library's {@code setenv}, to configure OpenMP before libgomp reads its environment. */
    private interface CLibrary extends Library {
        CLibrary INSTANCE = Native.load("c", CLibrary.class);

        int setenv(String name, String value, int overwrite);
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
