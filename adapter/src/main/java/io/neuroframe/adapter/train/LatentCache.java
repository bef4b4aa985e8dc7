package io.neuroframe.adapter.train;

import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.djl.TokenWindow;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.codec.safetensors.SafetensorsFile;
import io.neuroframe.codec.safetensors.SafetensorsWriter;
import io.neuroframe.codec.train.DatasetFrames;
import io.neuroframe.codec.train.FrameStore;
import io.neuroframe.codec.train.ProgressLine;
import io.neuroframe.codec.weights.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Frames of a dataset with their latents from the frozen encoder, encoded once and kept in a safetensors file
 * {@code latents-<key>.safetensors} whose key hashes the encoder weights, the dataset's frame files (names,
 * sizes, times) and the frame selection; a changed codec or dataset gets a new file. Pixels come from the
 * codec's 8-bit frame cache ({@link DatasetFrames}) in the same folder.
 *
 * <p>The selection takes {@code n} frames evenly spread over a split (every frame when {@code n} is at least
 * the split's size), so a small run still sees every style and trajectory.
 */
public final class LatentCache {

    private static final String FORMAT = "neuroframe.adapter-latents";

    /**
     * The selected frames of one split.
     *
     * @param frames the split's pixel store (model space [-1, 1] windows)
     * @param frameIndices index into {@code frames} of each selected frame
     * @param latents scaled latents of each selected frame, 9216 floats each
     */
    public record Part(FrameStore frames, int[] frameIndices, float[][] latents) {
        /** Selected frames. */
        public int size() {
            return frameIndices.length;
        }

        /** The pixels of selected frame {@code i}'s {@code window} into {@code dst} at {@code offset}. */
        public void readWindow(int i, TokenWindow window, float[] dst, int offset) {
            frames.readWindow(frameIndices[i], window, dst, offset);
        }

        /** The selected frames at positions {@code positions} of this part (in that order). */
        public Part subset(int[] positions) {
            int[] indices = new int[positions.length];
            float[][] picked = new float[positions.length][];
            for (int i = 0; i < positions.length; i++) {
                indices[i] = frameIndices[positions[i]];
                picked[i] = latents[positions[i]];
            }
            return new Part(frames, indices, picked);
        }
    }

    private final Part train;
    private final Part validation;
    private final Path file;

    private LatentCache(Part train, Part validation, Path file) {
        this.train = train;
        this.validation = validation;
        this.file = file;
    }

    /**
     * Opens the cache for {@code codec} on {@code manifest}'s splits, encoding the selected frames when no
     * matching cache exists in {@code cacheDir}.
     *
     * @param trainFrames frames to select from the train split
     * @param validationFrames frames to select from the validation split
     * @throws IOException if a split is empty, a frame cannot be read or the cache cannot be written
     */
    public static LatentCache open(DatasetManifest manifest, FrozenCodec codec, int trainFrames, int validationFrames,
            Path cacheDir, PrintWriter log) throws IOException {
        if (trainFrames < 1 || validationFrames < 1) {
            throw new IllegalArgumentException("select at least one train and one validation frame, got "
                    + trainFrames + " and " + validationFrames);
        }
        Files.createDirectories(cacheDir);
        FrameStore trainStore = DatasetFrames.open(manifest, Split.TRAIN, cacheDir, log);
        FrameStore validationStore = DatasetFrames.open(manifest, Split.VALIDATION, cacheDir, log);
        int[] trainIndices = spread(trainStore.size(), trainFrames);
        int[] validationIndices = spread(validationStore.size(), validationFrames);
        String key = key(manifest, codec, trainIndices, validationIndices);
        Path file = cacheDir.resolve("latents-" + key.substring(0, 16) + ".safetensors");
        float[][] trainLatents;
        float[][] validationLatents;
        if (Files.isRegularFile(file) && key.equals(readKey(file))) {
            try (SafetensorsFile cached = SafetensorsFile.open(file)) {
                trainLatents = rows(cached.read("train"), trainIndices.length, file);
                validationLatents = rows(cached.read("validation"), validationIndices.length, file);
            }
        } else {
            int total = trainIndices.length + validationIndices.length;
            ProgressLine progress = new ProgressLine(log, "encoding latents", "frames");
            trainLatents = encode(codec, trainStore, trainIndices, progress, 0, total);
            validationLatents = encode(codec, validationStore, validationIndices, progress, trainIndices.length, total);
            SafetensorsWriter.write(file, List.of(flat("train", trainLatents), flat("validation", validationLatents)),
                    Map.of("format", FORMAT, "key", key, "codec", codec.fingerprint()), SafetensorsDtype.F32);
        }
        return new LatentCache(new Part(trainStore, trainIndices, trainLatents),
                new Part(validationStore, validationIndices, validationLatents), file);
    }

    /** {@code n} indices evenly spread over {@code 0..size-1} (all of them when {@code n >= size}). */
    public static int[] spread(int size, int n) {
        int count = Math.min(size, n);
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = (int) ((long) i * size / count);
        }
        return indices;
    }

    private static String key(DatasetManifest manifest, FrozenCodec codec, int[] train, int[] validation)
            throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(codec.fingerprint().getBytes(StandardCharsets.UTF_8));
            for (DatasetFrame frame : manifest.frames()) {
                Path png = manifest.imagePath(frame);
                boolean exists = Files.exists(png);
                digest.update((frame.file() + "|" + frame.split() + "|" + (exists ? Files.size(png) : -1) + "|"
                        + (exists ? Files.getLastModifiedTime(png).toMillis() : -1) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            digest.update(("train " + java.util.Arrays.toString(train) + " validation "
                    + java.util.Arrays.toString(validation)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String readKey(Path file) {
        try (SafetensorsFile cached = SafetensorsFile.open(file)) {
            return FORMAT.equals(cached.metadata().get("format")) ? cached.metadata().get("key") : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static float[][] encode(FrozenCodec codec, FrameStore store, int[] indices, ProgressLine progress,
            int doneBefore, int total) {
        float[][] latents = new float[indices.length][];
        float[] pixels = new float[LatentContract.IMAGE_FLOATS];
        for (int i = 0; i < indices.length; i++) {
            store.readWindow(indices[i], TokenWindow.FULL, pixels, 0);
            latents[i] = codec.encodeScaled(pixels, 1);
            progress.accept(doneBefore + i + 1, total);
        }
        return latents;
    }

    private static Tensor flat(String name, float[][] latents) {
        float[] data = new float[latents.length * LatentContract.LATENT_FLOATS];
        for (int i = 0; i < latents.length; i++) {
            System.arraycopy(latents[i], 0, data, i * LatentContract.LATENT_FLOATS, LatentContract.LATENT_FLOATS);
        }
        return new Tensor(name, new int[] {latents.length, LatentContract.TOKENS, LatentContract.CHANNELS}, data);
    }

    private static float[][] rows(Tensor tensor, int expected, Path file) throws IOException {
        int[] shape = tensor.shape();
        if (shape.length != 3 || shape[0] != expected || shape[1] != LatentContract.TOKENS
                || shape[2] != LatentContract.CHANNELS) {
            throw new IOException(file + ": tensor " + tensor.name() + " has shape " + java.util.Arrays.toString(shape)
                    + ", expected [" + expected + ", " + LatentContract.TOKENS + ", " + LatentContract.CHANNELS + "]");
        }
        float[][] out = new float[expected][];
        for (int i = 0; i < expected; i++) {
            out[i] = java.util.Arrays.copyOfRange(tensor.data(), i * LatentContract.LATENT_FLOATS,
                    (i + 1) * LatentContract.LATENT_FLOATS);
        }
        return out;
    }

    /**
     * The same cache file with other parts, e.g. a training split without its held-out frames, or a subset of the
     * validation frames for the loss curve.
     */
    public LatentCache withParts(Part trainPart, Part validationPart) {
        return new LatentCache(trainPart, validationPart, file);
    }

    public Part train() {
        return train;
    }

    public Part validation() {
        return validation;
    }

    /** The cache file. */
    public Path file() {
        return file;
    }
}
