package io.neuroframe.adapter.train;

import io.neuroframe.adapter.mea.MeaGeometry;
import io.neuroframe.adapter.mea.StimulationEncoding;
import io.neuroframe.adapter.response.KernelBank;
import io.neuroframe.adapter.response.LocalKernelResponse;
import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.codec.data.ManifestWriter;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.model.VitVaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** Tiny codec, small array and a small synthetic dataset for adapter training tests. */
public final class TinySetup {

    /** A two-block codec of width 32 (speaks the latent contract). */
    public static final VitVaeConfig CODEC = new VitVaeConfig("test-tiny", 16, 20, 32, 1, 2, 32, 1, 2, 4);
    /** The smallest array the 18 x 32 token grid fits one site per electrode on. */
    public static final MeaGeometry ARRAY = new MeaGeometry(32, 32, 42.0);

    private TinySetup() {
    }

    public static StimulationEncoding encoding() {
        return StimulationEncoding.builder(ARRAY).build();
    }

    /** The local-kernel biology on {@link #ARRAY}. */
    public static KernelBank biology(StimulationEncoding encoding) {
        return KernelBank.of(LocalKernelResponse.of(ARRAY, 1.5, 1f), encoding.siteElectrodes(), 0f);
    }

    /** Writes a dataset of blocky frames with {@code train} train and {@code validation} validation frames. */
    public static Path dataset(Path dir, int train, int validation) throws IOException {
        return dataset(dir, train, validation, List.of("desert"));
    }

    /**
     * {@link #dataset(Path, int, int)} with the validation frames spread over {@code validationGames} in turn (the
     * per-frame style); train frames are {@code meadow}.
     */
    public static Path dataset(Path dir, int train, int validation, List<String> validationGames) throws IOException {
        Files.createDirectories(dir);
        try (ManifestWriter writer = ManifestWriter.open(dir)) {
            for (int i = 0; i < train + validation; i++) {
                Split split = i < train ? Split.TRAIN : Split.VALIDATION;
                String style = split == Split.TRAIN ? "meadow" : validationGames.get(i % validationGames.size());
                String trajectory = style + "-" + (i % 2);
                String file = "frames/" + trajectory + "/" + i + ".png";
                ImageIo.writePngAtomically(ImageIo.fromPlanarRgb(frame(i)), dir.resolve(file));
                writer.append(new DatasetFrame(file, style, 1L, trajectory, i,
                        split, OasisAction.NONE, new CameraPose(0f, 0f, 0f, 0f, 0f)));
            }
        }
        return dir;
    }

    /** A sky gradient over blocky ground, different per index. */
    static float[] frame(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] planar = new float[LatentContract.IMAGE_FLOATS];
        int horizon = 100 + random.nextInt(140);
        float[][] colours = new float[6][3];
        for (float[] c : colours) {
            for (int k = 0; k < 3; k++) {
                c[k] = 0.15f + 0.7f * (float) random.nextDouble();
            }
        }
        for (int y = 0; y < LatentContract.IMAGE_HEIGHT; y++) {
            for (int x = 0; x < LatentContract.IMAGE_WIDTH; x++) {
                float[] rgb = y < horizon ? new float[] {0.4f + 0.3f * y / horizon, 0.65f, 0.95f}
                        : colours[((x / 30) * 5 + ((y - horizon) / 30) * 3) % colours.length];
                for (int c = 0; c < 3; c++) {
                    planar[LatentContract.imageIndex(c, y, x)] = rgb[c];
                }
            }
        }
        return planar;
    }
}
