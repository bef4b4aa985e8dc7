package io.neuroframe.codec.train;

import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.codec.data.Split;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The frames of one split of a dataset, as a {@link FrameStore} cached beside a run's output. */
public final class DatasetFrames {
    private DatasetFrames() {
    }

    /** A hash of the split's file names, sizes and modification times: it changes when the frames do. */
    public static long fingerprint(DatasetManifest manifest, Split split) throws IOException {
        long fingerprint = 1125899906842597L;
        for (DatasetFrame frame : manifest.frames(split)) {
            Path png = manifest.imagePath(frame);
            fingerprint = 31 * fingerprint + frame.file().hashCode();
            fingerprint = 31 * fingerprint + (Files.exists(png) ? Files.size(png) : -1);
            fingerprint = 31 * fingerprint + (Files.exists(png) ? Files.getLastModifiedTime(png).toMillis() : -1);
        }
        return fingerprint;
    }

    /**
     * Opens the cached frames of {@code split}, decoding the PNGs into {@code cacheDir} first when
     * the cache is missing or the dataset changed (files, sizes or times), with progress on {@code log}.
     *
     * @throws IOException if the split is empty or a PNG cannot be read (naming the file)
     */
    public static FrameStore open(DatasetManifest manifest, Split split, Path cacheDir, PrintWriter log) throws IOException {
        List<DatasetFrame> frames = manifest.frames(split);
        if (frames.isEmpty()) {
            throw new IOException(manifest.folder() + ": the dataset has no " + split.manifestName() + " frames");
        }
        long fingerprint = fingerprint(manifest, split);
        Path cache = cacheDir.resolve(split.manifestName() + "-frames.u8");
        try {
            return FrameStore.openOrBuild(cache, frames.size(), fingerprint, i -> {
                try {
                    return ImageIo.readPlanarRgb(manifest.imagePath(frames.get(i)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, new ProgressLine(log, "caching " + split.manifestName() + " frames", "frames"));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
