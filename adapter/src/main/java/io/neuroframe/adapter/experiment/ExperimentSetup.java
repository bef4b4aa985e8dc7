package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.train.FrozenCodec;
import io.neuroframe.adapter.train.LatentCache;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.model.VitVaeWeights;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What an adapter experiment runs on and where it writes, whatever its protocol.
 *
 * @param weights the frozen codec
 * @param manifest the dataset
 * @param out the report folder (created; reused to resume)
 * @param givenCultures folder of culture library files to use instead of growing the protocol's cultures, or null
 * @param threads PyTorch intra-op threads for training and validation
 * @param timeLimit no unit starts after this much time; the report is then written from the finished units
 * @param log where progress goes
 */
public record ExperimentSetup(VitVaeWeights weights, DatasetManifest manifest, Path out, Path givenCultures,
        int threads, Duration timeLimit, PrintWriter log) {

    /** The protocol's frames and their latents, cached in {@link #cacheDir()}. */
    LatentCache latentCache(FrozenCodec codec, Protocol protocol) throws IOException {
        return LatentCache.open(manifest, codec, protocol.trainFrames(), protocol.validationFrames(), cacheDir(), log);
    }

    /** Where what a rerun can rebuild is kept (latents, decoded frames, network responses): {@code cache/}. */
    Path cacheDir() {
        return out.resolve("cache");
    }

    /** The protocol's reservoirs; grown cultures go to {@code cultures/}. */
    Libraries libraries(Protocol protocol, StimulationEncoding encoding) {
        return new Libraries(protocol, encoding, givenCultures, out.resolve("cultures"), log);
    }
}
