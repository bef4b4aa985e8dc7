package io.neuroframe.codec.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Opens ONNX Runtime sessions for the codec: the one {@link OrtEnvironment} of the JVM, options
 * with all graph optimisations and the intra-op threads of {@link OrtOptions}, and the execution
 * provider chosen at run time. Sessions are created on {@link OrtRuntime}'s set-up thread, whose
 * stack is large enough whatever the caller's thread and the process's command line.
 *
 * <p>Intra-op threads do not spin while waiting for work. Spinning keeps idle pool threads busy
 * between operators; next to a render thread on a small CPU it only takes cores away: on two
 * busy cores an nf-small decode with two threads took 15-27 ms wall and 14-20 ms CPU without
 * spinning, against 48-78 ms wall and 29-34 ms CPU with it. A requested CUDA provider that is missing (CPU-only package, no CUDA
 * libraries, no GPU) is logged once per session and replaced by the CPU.
 */
public final class OrtSessions {

    private static final Logger LOG = Logger.getLogger(OrtSessions.class.getName());

    private OrtSessions() {
    }

    /**
     * A session with the options it was made with (they must outlive it), the provider it runs on,
     * and the model's name for messages (the file, or the name given for a model in memory).
     */
    public record Opened(OrtSession session, SessionOptions options, ExecutionProvider provider, String name)
            implements AutoCloseable {
        @Override
        public void close() {
            try {
                session.close();
            } catch (OrtException e) {
                LOG.warning("closing an ONNX Runtime session failed: " + e.getMessage());
            } finally {
                options.close();
            }
        }
    }

    /**
     * Settings a tool adds to a session's options on top of the codec's own, before the session is
     * made: ONNX Runtime's profiler, or a file to save the optimized graph in.
     */
    @FunctionalInterface
    public interface OptionsExtra {
        /** Adds this tool's settings to {@code options}. */
        void addTo(SessionOptions options) throws OrtException;
    }

    /** No extra settings: the sessions the codec runs. */
    private static final OptionsExtra NONE = options -> { };

    /** What a session is made from: a serialized model in memory or a file. */
    private interface ModelSource {
        OrtSession open(OrtEnvironment env, SessionOptions options) throws OrtException;
    }

    /**
     * A session over a model held in memory.
     *
     * @param name what to call the model in messages
     */
    public static Opened open(byte[] model, String name, OrtOptions requested) {
        return open(model, name, requested, NONE);
    }

    /**
     * A session over a model held in memory, its options being the codec's with {@code extra}'s
     * settings added (for tools that profile or inspect the sessions the codec runs).
     *
     * @param name what to call the model in messages
     * @throws IllegalArgumentException if ONNX Runtime cannot load the model or take the extra settings
     */
    public static Opened open(byte[] model, String name, OrtOptions requested, OptionsExtra extra) {
        return open((env, options) -> env.createSession(model, options), name, requested, extra);
    }

    /**
     * A session over the model in {@code file}.
     *
     * @throws IllegalArgumentException if the file is missing, unreadable or not an ONNX model ONNX Runtime can load
     */
    public static Opened open(Path file, OrtOptions requested) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("ONNX model file not found: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("ONNX model file is not readable: " + file);
        }
        return open((env, options) -> env.createSession(file.toString(), options), file.toString(), requested, NONE);
    }

    private static Opened open(ModelSource source, String name, OrtOptions requested, OptionsExtra extra) {
        return OrtRuntime.onSetupThread(() -> openHere(source, name, requested, extra));
    }

    private static Opened openHere(ModelSource source, String name, OrtOptions requested, OptionsExtra extra) {
        if (requested.provider() == ExecutionProvider.CUDA) {
            SessionOptions options = options(requested.intraOpThreads());
            try {
                extra.addTo(options);
                options.addCUDA();
                return new Opened(source.open(OrtRuntime.environment(), options), options, ExecutionProvider.CUDA, name);
            } catch (OrtException | RuntimeException | LinkageError e) {
                options.close();
                LOG.warning("CUDA execution provider unavailable for " + name + " (" + firstLine(e)
                        + "); running on the CPU. Build with the Maven profile 'gpu' and install CUDA to use the GPU.");
            }
        }
        SessionOptions options = options(requested.intraOpThreads());
        try {
            extra.addTo(options);
            return new Opened(source.open(OrtRuntime.environment(), options), options, ExecutionProvider.CPU, name);
        } catch (OrtException e) {
            options.close();
            throw new IllegalArgumentException("ONNX Runtime cannot load " + name + ": " + firstLine(e), e);
        }
    }

    private static SessionOptions options(int intraOpThreads) {
        SessionOptions options = new SessionOptions();
        try {
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(intraOpThreads);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            return options;
        } catch (OrtException e) {
            options.close();
            throw new IllegalStateException("cannot configure ONNX Runtime session options: " + e.getMessage(), e);
        }
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
