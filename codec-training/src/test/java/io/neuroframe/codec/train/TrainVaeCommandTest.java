package io.neuroframe.codec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.codec.data.ManifestWriter;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainVaeCommandTest {
    @TempDir
    Path dir;

    /** Writes a dataset of {@code styles.length} frames, the last one in the validation split. */
    static Path writeDataset(Path dir, String... styles) throws IOException {
        List<String> train = List.of(styles).subList(0, styles.length - 1);
        return writeDataset(dir, train, List.of(styles[styles.length - 1]));
    }

    /** Writes a dataset with one synthetic frame per listed style and split. */
    static Path writeDataset(Path dir, List<String> trainStyles, List<String> validationStyles) throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        List<String> styles = new ArrayList<>(trainStyles);
        styles.addAll(validationStyles);
        try (ManifestWriter manifest = ManifestWriter.open(data)) {
            for (int i = 0; i < styles.size(); i++) {
                String file = "frames/" + styles.get(i) + "/" + i + ".png";
                Path png = data.resolve(file);
                Files.createDirectories(png.getParent());
                ImageIo.writePngAtomically(ImageIo.fromPlanarRgb(SyntheticFrames.frame(i)), png);
                Split split = i < trainStyles.size() ? Split.TRAIN : Split.VALIDATION;
                manifest.append(new DatasetFrame(file, styles.get(i), 1, styles.get(i) + "-" + i, 0, split,
                        OasisAction.NONE, new CameraPose(0, 0, 0, 0, 0)));
            }
        }
        return data;
    }

    private record Run(int exitCode, String err) {
    }

    private Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TrainVaeCommand());
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, err.toString());
    }

    private List<String> args(Path data, Path out, String... more) {
        List<String> list = new ArrayList<>(List.of("--data", data.toString(), "--out", out.toString(),
                "--batch", "2", "--threads", "1"));
        list.addAll(List.of(more));
        return list;
    }

    @Test
    void trainsInResumableChunksAndExportsHalfPrecisionWeights() throws IOException {
        Path data = writeDataset(dir, "meadow", "desert", "meadow");
        Path out = dir.resolve("out");

        Run first = run(args(data, out, "--steps", "3", "--crop-tokens", "2x3", "--max-minutes", "0").toArray(String[]::new));
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.err().contains("stopping after 0.0 minutes at step 1"), first.err());
        assertTrue(Files.isRegularFile(out.resolve(TrainVaeCommand.CHECKPOINT)));

        Run again = run(args(data, out, "--steps", "3", "--crop-tokens", "2x3").toArray(String[]::new));
        assertEquals(2, again.exitCode(), again.err());
        assertTrue(again.err().contains("pass --resume"), again.err());

        Run resumed = run(args(data, out, "--steps", "3", "--crop-tokens", "2x3", "--resume").toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("at step 1"), resumed.err());
        assertTrue(resumed.err().contains("finished 3 steps"), resumed.err());

        VitVaeWeights weights = VitVaeWeights.load(out.resolve("nf-small.safetensors"), VitVaeConfig.NF_SMALL);
        assertEquals(VitVaeConfig.NF_SMALL, weights.config());
        String card = Files.readString(out.resolve("nf-small.md"));
        assertTrue(card.contains("3 of 3 steps") && card.contains("2 train frames, 1 validation frames")
                && card.contains("styles desert, meadow") && card.contains("dB PSNR"), card);
        List<String> csv = Files.readAllLines(out.resolve("validation.csv"));
        assertEquals(3, csv.size(), "header and one line per checkpoint: " + csv);
        assertTrue(csv.get(2).startsWith("3,"), csv.toString());
    }

    @Test
    void rejectsBadArgumentsWithAClearMessage() throws IOException {
        Path data = writeDataset(dir, "meadow", "meadow");
        Run crop = run(args(data, dir.resolve("a"), "--crop-tokens", "40x2").toArray(String[]::new));
        assertEquals(2, crop.exitCode());
        assertTrue(crop.err().contains("crop must be 1..18 x 1..32 tokens"), crop.err());
        Run preset = run(args(data, dir.resolve("b"), "--preset", "huge").toArray(String[]::new));
        assertEquals(2, preset.exitCode());
        assertTrue(preset.err().contains("unknown ViT-VAE preset 'huge'"), preset.err());
    }
}
