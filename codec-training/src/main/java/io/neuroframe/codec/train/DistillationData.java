package io.neuroframe.codec.train;

import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.OrtEncoder;
import io.neuroframe.codec.onnx.OrtOptions;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What a distillation run reads for one split: the original frames, the teacher's scaled latents
 * of them (posterior means) and the teacher's decoded images of those latents, each cached once
 * beside the run (8-bit images, float latents) and rebuilt when the frames or the teacher change.
 *
 * @param frames the original frames
 * @param latents the teacher's latents of the frames, same order
 * @param teacherImages the teacher's decoded latents, same order
 */
public record DistillationData(FrameStore frames, LatentStore latents, FrameStore teacherImages) {

    public DistillationData {
        if (frames.size() != latents.size() || frames.size() != teacherImages.size()) {
            throw new IllegalArgumentException("frames, latents and teacher images differ in count: " + frames.size()
                    + ", " + latents.size() + ", " + teacherImages.size());
        }
    }

    /**
     * Opens the caches of {@code split} in {@code cacheDir}, building what is missing or stale
     * with the teacher on ONNX Runtime ({@code options}), with progress on {@code log}.
     *
     * @param teacherFingerprint a hash that changes when the teacher's weights do
     */
    public static DistillationData open(DatasetManifest manifest, Split split, Path cacheDir, VitVaeWeights teacher,
                                        long teacherFingerprint, OrtOptions options, PrintWriter log)
            throws IOException {
        FrameStore frames = DatasetFrames.open(manifest, split, cacheDir, log);
        long fingerprint = 31 * DatasetFrames.fingerprint(manifest, split) + teacherFingerprint;
        String name = split.manifestName();
        LatentStore latents;
        try (OrtEncoder encoder = OrtEncoder.create(teacher.encoderOnly(), options)) {
            latents = LatentStore.openOrBuild(cacheDir.resolve(name + "-teacher-latents.f32"), frames.size(), fingerprint,
                    i -> encoder.encodeBatch(frames.frame(i), 1), new ProgressLine(log, "caching " + name + " latents", "frames"));
        }
        FrameStore teacherImages;
        try (OrtDecoder decoder = OrtDecoder.create(teacher.decoderOnly(), options)) {
            float[] latent = new float[LatentContract.LATENT_FLOATS];
            teacherImages = FrameStore.openOrBuild(cacheDir.resolve(name + "-teacher-images.u8"), frames.size(),
                    fingerprint, i -> {
                        latents.read(i, latent, 0);
                        return decoder.decodeBatch(latent, 1);
                    }, new ProgressLine(log, "caching " + name + " teacher images", "frames"));
        }
        return new DistillationData(frames, latents, teacherImages);
    }

    /** Frames in the split. */
    public int size() {
        return frames.size();
    }
}
