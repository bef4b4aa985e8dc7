package io.neuroframe.world.train;

import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.codec.safetensors.SafetensorsFile;
import io.neuroframe.codec.safetensors.SafetensorsWriter;
import io.neuroframe.codec.train.ProgressLine;
import io.neuroframe.codec.weights.Tensor;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A dataset's trajectories encoded once into scaled latents and kept in one safetensors file,
 * so training and evaluation never run the encoder again.
 *
 * <p>Layout: per trajectory {@code T}, a tensor {@code T.latents} of shape {@code [frames, 576, 16]}
 * and {@code T.actions} of shape {@code [frames, 25]}; the header metadata maps
 * {@code split.T} to {@code train} or {@code validation} and {@value #FINGERPRINT_KEY} to a
 * fingerprint of the manifest rows and the encoder, so a changed dataset or codec re-encodes.
 */
public final class LatentCache {
    /** Metadata key of the fingerprint of the data and encoder the cache was made from. */
    public static final String FINGERPRINT_KEY = "neuroframe.latents.fingerprint";
    private static final String SPLIT_PREFIX = "split.";
    private static final String MIRRORED_SUFFIX = "/mirrored";

    /** One cached trajectory and the split it belongs to. */
    public record Entry(LatentTrajectory trajectory, Split split) {
    }

    private LatentCache() {
    }

    /** Writes {@code entries} to {@code file} (atomically). */
    public static void write(Path file, List<Entry> entries, String fingerprint) throws IOException {
        List<Tensor> tensors = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FINGERPRINT_KEY, fingerprint);
        for (Entry e : entries) {
            LatentTrajectory t = e.trajectory();
            tensors.add(new Tensor(t.name() + ".latents",
                    new int[] {t.frames(), LatentContract.TOKENS, LatentContract.CHANNELS}, t.latents()));
            tensors.add(new Tensor(t.name() + ".actions", new int[] {t.frames(), OasisAction.SIZE}, t.actions()));
            metadata.put(SPLIT_PREFIX + t.name(), e.split().manifestName());
        }
        SafetensorsWriter.write(file, tensors, metadata, SafetensorsDtype.F32);
    }

    /**
     * Reads every trajectory of a cache file.
     *
     * @throws IllegalArgumentException naming the file and trajectory when a tensor is missing or misshaped
     */
    public static List<Entry> read(Path file) throws IOException {
        try (SafetensorsFile safetensors = SafetensorsFile.open(file)) {
            List<Entry> out = new ArrayList<>();
            for (Map.Entry<String, String> m : safetensors.metadata().entrySet()) {
                if (!m.getKey().startsWith(SPLIT_PREFIX)) {
                    continue;
                }
                String name = m.getKey().substring(SPLIT_PREFIX.length());
                if (!safetensors.contains(name + ".latents") || !safetensors.contains(name + ".actions")) {
                    throw new IllegalArgumentException(file + ": trajectory " + name + " lacks its .latents or .actions tensor");
                }
                Tensor latents = safetensors.read(name + ".latents");
                Tensor actions = safetensors.read(name + ".actions");
                int frames = latents.shape()[0];
                try {
                    out.add(new Entry(new LatentTrajectory(name, frames, latents.data(), actions.data()),
                            Split.fromManifestName(m.getValue())));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(file + ": holds no trajectories (is it a latent cache?)");
            }
            return out;
        }
    }

    /** The trajectories of one split. */
    public static List<LatentTrajectory> of(List<Entry> entries, Split split) {
        return entries.stream().filter(e -> e.split() == split).map(Entry::trajectory).toList();
    }

    /**
     * Returns the cached latents of {@code manifest}'s trajectories, encoding every frame with
     * {@code encoder} into {@code file} first when the file is missing or was made from other
     * data or another encoder ({@code encoderId}, e.g. the weights file name and size). With
     * {@code mirrorTraining}, every train trajectory is followed by its left-right mirror
     * ({@link LeftRightMirror}), encoded from the flipped frames; validation stays as recorded. A cache made
     * with mirrors also serves a request without them (its recorded trajectories are all there).
     *
     * @throws IOException if a trajectory's frames are not numbered 0, 1, 2, ... or a PNG cannot be read
     */
    public static List<Entry> openOrEncode(DatasetManifest manifest, Encoder encoder, String encoderId, Path file,
                                           boolean mirrorTraining, PrintWriter log) throws IOException {
        Map<String, List<DatasetFrame>> trajectories = manifest.trajectories();
        String recorded = fingerprint(manifest, trajectories, encoderId);
        String withMirrors = recorded + MIRRORED_SUFFIX;
        String fingerprint = mirrorTraining ? withMirrors : recorded;
        if (Files.isRegularFile(file)) {
            try (SafetensorsFile existing = SafetensorsFile.open(file)) {
                String found = existing.metadata().get(FINGERPRINT_KEY);
                if (fingerprint.equals(found) || withMirrors.equals(found)) {
                    log.printf(Locale.ROOT, "using cached latents %s%n", file.getFileName());
                    return read(file);
                }
            }
            log.printf(Locale.ROOT, "%s was made from other data or another codec: encoding again%n", file.getFileName());
        }
        int total = 0;
        for (List<DatasetFrame> frames : trajectories.values()) {
            total += frames.size() * (mirrorTraining && frames.get(0).split() == Split.TRAIN ? 2 : 1);
        }
        ProgressLine progress = new ProgressLine(log, "encoding frames", "frames");
        int done = 0;
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, List<DatasetFrame>> t : trajectories.entrySet()) {
            Split split = t.getValue().get(0).split();
            entries.add(new Entry(encode(manifest, t.getKey(), t.getValue(), encoder, false), split));
            progress.accept(done += t.getValue().size(), total);
            if (mirrorTraining && split == Split.TRAIN) {
                entries.add(new Entry(encode(manifest, t.getKey(), t.getValue(), encoder, true), split));
                progress.accept(done += t.getValue().size(), total);
            }
        }
        write(file, entries, fingerprint);
        return entries;
    }

    /**
     * The left-right mirrors of {@code trajectories} ({@link LeftRightMirror}), encoded from the flipped frames of
     * {@code manifest}: for measuring a model on the mirror of what it is measured on.
     *
     * @throws IllegalArgumentException if the manifest lacks one of the trajectories
     * @throws IOException if a trajectory's frames are not numbered 0, 1, 2, ... or a PNG cannot be read
     */
    public static List<LatentTrajectory> encodeMirrors(DatasetManifest manifest, List<LatentTrajectory> trajectories,
                                                       Encoder encoder, PrintWriter log) throws IOException {
        Map<String, List<DatasetFrame>> frames = manifest.trajectories();
        int total = trajectories.stream().mapToInt(LatentTrajectory::frames).sum();
        ProgressLine progress = new ProgressLine(log, "encoding mirrored frames", "frames");
        int done = 0;
        List<LatentTrajectory> out = new ArrayList<>();
        for (LatentTrajectory t : trajectories) {
            List<DatasetFrame> recorded = frames.get(t.name());
            if (recorded == null) {
                throw new IllegalArgumentException(manifest.folder() + " has no trajectory " + t.name());
            }
            out.add(encode(manifest, t.name(), recorded, encoder, true));
            progress.accept(done += recorded.size(), total);
        }
        return out;
    }

    /** One trajectory encoded from its frames, or from their left-right mirrors with {@code mirror}. */
    private static LatentTrajectory encode(DatasetManifest manifest, String name, List<DatasetFrame> frames,
                                           Encoder encoder, boolean mirror) throws IOException {
        float[] image = new float[LatentContract.IMAGE_FLOATS];
        float[] latents = new float[frames.size() * LatentContract.LATENT_FLOATS];
        float[] actions = new float[frames.size() * OasisAction.SIZE];
        for (int f = 0; f < frames.size(); f++) {
            DatasetFrame frame = frames.get(f);
            if (frame.frame() != f) {
                throw new IOException(manifest.folder() + ": trajectory " + name + " has frame " + frame.frame()
                        + " where frame " + f + " was expected (frames must be numbered without gaps)");
            }
            ImageIo.readPlanarRgb(manifest.imagePath(frame), image);
            frame.action().copyTo(actions, f * OasisAction.SIZE);
            if (mirror) {
                LeftRightMirror.flipImage(image);
                LeftRightMirror.mirrorAction(actions, f * OasisAction.SIZE);
            }
            encoder.encode(FloatBuffer.wrap(image),
                    FloatBuffer.wrap(latents, f * LatentContract.LATENT_FLOATS, LatentContract.LATENT_FLOATS));
        }
        return new LatentTrajectory(mirror ? LeftRightMirror.name(name) : name, frames.size(), latents, actions);
    }


    private static String fingerprint(DatasetManifest manifest, Map<String, List<DatasetFrame>> trajectories,
                                      String encoderId) throws IOException {
        long h = 1125899906842597L;
        for (List<DatasetFrame> frames : trajectories.values()) {
            for (DatasetFrame f : frames) {
                Path png = manifest.imagePath(f);
                h = 31 * h + DatasetManifest.toJsonLine(f).hashCode();
                h = 31 * h + (Files.exists(png) ? Files.size(png) : -1);
            }
        }
        return Long.toHexString(h) + "/" + encoderId;
    }
}
