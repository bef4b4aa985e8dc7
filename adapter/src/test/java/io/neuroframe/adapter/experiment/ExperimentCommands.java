package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.train.TinySetup;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code experiment} subcommands as the command line does, on the tiny test codec. */
final class ExperimentCommands {

    /** {@code --preset} of {@link TinySetup#CODEC}. */
    static final String TINY_PRESET = "test-tiny:32,1,2,32,1,2";

    /** A finished command: its exit status and what it wrote to the error stream (its log). */
    record Run(int status, String log) {
    }

    private ExperimentCommands() {
    }

    /** Runs {@code experiment} with {@code args}. */
    static Run execute(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ExperimentCommand());
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return new Run(cli.execute(args), err.toString());
    }

    /** Writes random weights of {@link TinySetup#CODEC} to {@code dir/tiny.safetensors}. */
    static Path tinyWeights(Path dir) throws IOException {
        Path weights = dir.resolve("tiny.safetensors");
        VitVaeWeights.random(TinySetup.CODEC, 9).save(weights, SafetensorsDtype.F32);
        return weights;
    }

    /** The lines of a CSV table with its {@code train_seconds} column blanked, which differs from run to run. */
    static List<String> withoutTrainSeconds(List<String> lines, String header) {
        int column = List.of(header.split(",")).indexOf("train_seconds");
        return lines.stream().map(r -> {
            String[] f = r.split(",");
            f[column] = "";
            return String.join(",", f);
        }).toList();
    }
}
