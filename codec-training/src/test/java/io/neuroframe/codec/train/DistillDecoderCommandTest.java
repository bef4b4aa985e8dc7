package io.neuroframe.codec.train;

import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistillDecoderCommandTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String err) {
    }

    private Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DistillDecoderCommand());
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), err.toString());
    }

    @Test
    void distilsInResumableChunksAndExportsHalfPrecisionWeightsWithACard() throws IOException {
        Path data = TrainVaeCommandTest.writeDataset(dir, "meadow", "desert", "meadow");
        Path teacher = dir.resolve("teacher.safetensors");
        VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3).save(teacher, SafetensorsDtype.F16);
        Path out = dir.resolve("models").resolve("nf-tiny.safetensors");
        String[] common = {"--data", data.toString(), "--teacher", teacher.toString(), "--out", out.toString(),
            "--batch", "1", "--steps", "3"};

        Run first = run(concat(common, "--max-minutes", "0"));
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.err().contains("stopping after"), first.err());
        Path work = dir.resolve("distill-nf-tiny");
        assertTrue(Files.isRegularFile(work.resolve("checkpoint.safetensors")), "checkpoint in the default work folder");
        assertTrue(Files.isRegularFile(work.resolve("cache").resolve("train-teacher-latents.f32")));
        assertTrue(!Files.exists(out), "no weights before the run finishes");

        Run second = run(common);
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.err().contains("resuming from") && second.err().contains("at step 1"), second.err());
        ConvDecoderWeights weights = ConvDecoderWeights.load(out);
        assertEquals(ConvDecoderConfig.NF_TINY, weights.config());
        assertTrue(Files.size(out) < 2L * ConvDecoderConfig.NF_TINY.parameterCount() + 4096, "half precision");
        String card = Files.readString(dir.resolve("models").resolve("nf-tiny.md"));
        assertTrue(card.contains("3 of 3 steps") && card.contains("`nf-small`"), card);
        assertEquals(3, Files.readAllLines(work.resolve("validation.csv")).size(), "header and one row per checkpoint (steps 1 and 3)");
    }

    @Test
    void aTeacherOfTheWrongPresetIsACommandLineError() throws IOException {
        Path data = TrainVaeCommandTest.writeDataset(dir, "meadow", "desert");
        Path teacher = dir.resolve("teacher.safetensors");
        VitVaeWeights.random(VitVaeConfig.NF_SMALL, 3).save(teacher, SafetensorsDtype.F16);
        Run run = run("--data", data.toString(), "--teacher", teacher.toString(), "--out",
                dir.resolve("x.safetensors").toString(), "--preset", "nf-huge");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("unknown convolutional decoder preset 'nf-huge'"), run.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
