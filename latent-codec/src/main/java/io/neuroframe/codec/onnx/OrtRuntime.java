package io.neuroframe.codec.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one ONNX Runtime environment of the JVM, and the thread that creates it and every session.
 *
 * <p>Why a thread of our own. Creating the environment runs ONNX Runtime's telemetry set-up
 * ({@code PosixTelemetry}), which matches a {@code std::regex} against the process command line
 * ({@code /proc/self/cmdline}). libstdc++'s regex matcher recurses once per character of input, a
 * few hundred bytes of native stack each, so a {@code java -cp <a game's jars>} command line of
 * about 6 KB overflows a default 1 MiB Java thread stack inside {@code OrtEnvironment.createHandle}
 * (12,000 native frames deep), and the JVM dies with SIGSEGV and no error report, whichever thread
 * made the first ONNX Runtime call. Creating a session needs a few hundred kilobytes of stack
 * more. So both happen here, on one daemon thread whose stack is sized from the command line's
 * length ({@link #nativeStackBytes}): no launch of the host can crash it, and callers may use any
 * thread.
 */
public final class OrtRuntime {
    /** Stack of the threads that run inference ({@link #inferenceThread}): the usual native default. */
    public static final long INFERENCE_STACK_BYTES = 8L << 20;
    /** Native stack per command-line character for the regex's recursion (about twice what it uses). */
    static final long STACK_BYTES_PER_COMMAND_LINE_CHAR = 512;
    /** Stack on top of that for session creation and the rest of the native set-up. */
    static final long BASE_STACK_BYTES = 16L << 20;

    private static final ExecutorService NATIVE = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(null, task, "onnxruntime-setup", nativeStackBytes(commandLineLength()));
        thread.setDaemon(true);
        return thread;
    });
    private static volatile Thread nativeThread;
    private static volatile OrtEnvironment environment;

    private OrtRuntime() {
    }

    /** The JVM's ONNX Runtime environment, created on first use on the set-up thread. */
    public static OrtEnvironment environment() {
        OrtEnvironment env = environment;
        if (env == null) {
            env = onSetupThread(OrtEnvironment::getEnvironment);
            environment = env;
        }
        return env;
    }

    /**
     * A new (not started) thread for work that calls into native inference code (ONNX Runtime,
     * PyTorch): its stack is {@link #INFERENCE_STACK_BYTES}, not the JVM's 1 MiB default, so native
     * kernels never run short whatever {@code -Xss} the host was started with.
     */
    public static Thread inferenceThread(Runnable task, String name) {
        return new Thread(null, task, name, INFERENCE_STACK_BYTES);
    }

    /**
     * Runs {@code call} on the set-up thread (at once when already on it) and returns its result;
     * its exceptions reach the caller unchanged when unchecked, wrapped in an
     * {@link IllegalStateException} otherwise.
     */
    static <T> T onSetupThread(Callable<T> call) {
        if (Thread.currentThread() == nativeThread) {
            return callDirectly(call);
        }
        Future<T> result = NATIVE.submit(() -> {
            nativeThread = Thread.currentThread();
            return call.call();
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ONNX Runtime was being set up", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("ONNX Runtime set-up failed: " + cause.getMessage(), cause);
        }
    }

    private static <T> T callDirectly(Callable<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("ONNX Runtime set-up failed: " + e.getMessage(), e);
        }
    }

    /** The set-up thread's stack for a command line of {@code commandLineChars} characters. */
    static long nativeStackBytes(long commandLineChars) {
        return BASE_STACK_BYTES + STACK_BYTES_PER_COMMAND_LINE_CHAR * Math.max(0, commandLineChars);
    }

    /** Length of this process's command line as the C runtime sees it, or 0 where it cannot be read. */
    static long commandLineLength() {
        Path cmdline = Path.of("/proc/self/cmdline");
        if (Files.isReadable(cmdline)) {
            try (InputStream in = Files.newInputStream(cmdline)) {
                return in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                return 0;
            }
        }
        return ProcessHandle.current().info().commandLine().map(String::length).orElse(0);
    }
}
