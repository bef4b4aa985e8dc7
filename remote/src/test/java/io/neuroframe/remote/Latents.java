package io.neuroframe.remote;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource;
import io.neuroframe.api.source.RemoteLatentSource;
import io.neuroframe.render.source.LatentRecorder;
import io.neuroframe.render.source.ReplaySource;
import io.neuroframe.api.TimeSource;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/** Latent patterns, actions and waits shared by the remote tests. */
public final class Latents {
    /** Long enough for a loaded machine: a wait ends as soon as its condition holds. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private Latents() {
    }

    /** A looping local source of three frames whose every latent value is {@code value}, recorded in {@code dir}. */
    static ReplaySource constantReplay(Path dir, float value) throws IOException {
        Path file = dir.resolve("fallback.nflat");
        float[] latent = new float[LatentContract.LATENT_FLOATS];
        Arrays.fill(latent, value);
        try (LatentRecorder recorder = LatentRecorder.create(file)) {
            for (int i = 0; i < 3; i++) {
                recorder.append(i, buffer(new float[OasisAction.SIZE]), buffer(latent));
            }
        }
        return ReplaySource.open(file, ReplaySource.Pacing.EVERY_FRAME, true, TimeSource.SYSTEM);
    }

    /** A token-major latent whose every value differs: a smooth function of row, column, channel and seed. */
    public static float[] pattern(int seed) {
        float[] z = new float[LatentContract.LATENT_FLOATS];
        for (int r = 0; r < LatentContract.TOKEN_ROWS; r++) {
            for (int c = 0; c < LatentContract.TOKEN_COLS; c++) {
                for (int ch = 0; ch < LatentContract.CHANNELS; ch++) {
                    z[LatentContract.latentIndex(r, c, ch)] =
                            (float) Math.sin(0.37 * r + 0.11 * c * (seed + 1) + 0.7 * ch + seed) * 0.2f;
                }
            }
        }
        return z;
    }

    /** What the camera-shift world step makes of {@code z} at camera yaw value {@code yaw}. */
    public static float[] cameraShift(float[] z, float yaw) {
        float right = Math.max(yaw, 0f);
        float left = Math.max(-yaw, 0f);
        float keep = 1f - right - left;
        int cols = LatentContract.TOKEN_COLS;
        float[] next = new float[z.length];
        for (int r = 0; r < LatentContract.TOKEN_ROWS; r++) {
            for (int c = 0; c < cols; c++) {
                for (int ch = 0; ch < LatentContract.CHANNELS; ch++) {
                    float here = z[LatentContract.latentIndex(r, c, ch)];
                    float fromRight = z[LatentContract.latentIndex(r, (c + 1) % cols, ch)];
                    float fromLeft = z[LatentContract.latentIndex(r, (c + cols - 1) % cols, ch)];
                    next[LatentContract.latentIndex(r, c, ch)] = keep * here + right * fromRight + left * fromLeft;
                }
            }
        }
        return next;
    }

    /** An action that only turns by {@code yawDegrees} (positive turns right). */
    public static FloatBuffer turn(float yawDegrees) {
        return FloatBuffer.wrap(OasisAction.builder().look(0f, yawDegrees).build().toArray());
    }

    public static FloatBuffer buffer(float[] values) {
        return FloatBuffer.wrap(values);
    }

    /** The latent of {@code frame} as an array. */
    public static float[] latentOf(LatentFrame frame) {
        float[] out = new float[LatentContract.LATENT_FLOATS];
        frame.latent().get(0, out);
        return out;
    }

    /** Pulls until a frame comes or {@link #WAIT} passes; the frame is cleared before each pull. */
    public static LatentSource.Pull pullFrame(LatentSource source, LatentFrame frame) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            frame.clear();
            LatentSource.Pull pull = source.pull(frame);
            if (pull != LatentSource.Pull.NONE_READY) {
                return pull;
            }
            Thread.sleep(1);
        }
        return LatentSource.Pull.NONE_READY;
    }

    /** Waits until {@code condition} holds; false if {@link #WAIT} passed first. */
    public static boolean await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(2);
        }
        return condition.getAsBoolean();
    }

    public static boolean awaitState(RemoteLatentSource source, RemoteLatentSource.ConnectionState state)
            throws InterruptedException {
        return await(() -> source.connectionState() == state);
    }

    public static float maxAbsDiff(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
