package io.neuroframe.world.train;

import ai.djl.engine.Engine;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.djl.DjlDecoder;
import io.neuroframe.codec.djl.DjlEncoder;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the world-model commands get their latents: a latent cache file, made from a dataset
 * and a codec on first use (see {@link LatentCache}).
 */
final class LatentInputOptions {

    @Option(names = "--latents", required = true,
            description = "latent cache file; made from --data and --codec when missing or stale")
    Path latents;

    @Option(names = "--data", description = "dataset folder (with manifest.jsonl) to encode into --latents")
    Path data;

    @Option(names = "--codec", description = "ViT-VAE weights (safetensors) that encode the dataset and decode for metrics")
    Path codec;

    @Option(names = "--codec-preset", defaultValue = "nf-small", description = "ViT-VAE preset of --codec (default: ${DEFAULT-VALUE})")
    String codecPreset;

    /**
     * The cached trajectories, encoding the dataset first when needed; with {@code mirrorTraining} the cache
     * holds the left-right mirror of every train trajectory too (see {@link LatentCache#openOrEncode}).
     */
    List<LatentCache.Entry> load(Engine engine, boolean mirrorTraining, PrintWriter log) throws IOException {
        if (data == null) {
            if (!Files.isRegularFile(latents)) {
                throw new IllegalArgumentException(latents + " does not exist: pass --data and --codec to make it");
            }
            List<LatentCache.Entry> entries = LatentCache.read(latents);
            if (mirrorTraining && entries.stream().noneMatch(e -> LeftRightMirror.isMirror(e.trajectory()))) {
                throw new IllegalArgumentException(latents + " holds no mirrored trajectories: pass --data and --codec"
                        + " to encode them");
            }
            return entries;
        }
        if (codec == null) {
            throw new IllegalArgumentException("--data needs --codec (the ViT-VAE that encodes its frames)");
        }
        VitVaeWeights weights = codecWeights();
        String encoderId = weights.config().name() + ":" + codec.getFileName() + ":" + Files.size(codec);
        try (DjlEncoder encoder = DjlEncoder.create(weights, engine)) {
            return LatentCache.openOrEncode(DatasetManifest.read(data), encoder, encoderId, latents, mirrorTraining, log);
        }
    }

    /** A decoder for --codec, or null when no codec was given. */
    Decoder decoder(Engine engine) throws IOException {
        return codec == null ? null : DjlDecoder.create(codecWeights(), engine);
    }

    /** An encoder for --codec, or null when no codec was given. */
    Encoder encoder(Engine engine) throws IOException {
        return codec == null ? null : DjlEncoder.create(codecWeights(), engine);
    }

    /** The weights of --codec (which must be given). */
    VitVaeWeights codecWeights() throws IOException {
        return VitVaeWeights.load(codec, VitVaeConfig.preset(codecPreset));
    }
}
