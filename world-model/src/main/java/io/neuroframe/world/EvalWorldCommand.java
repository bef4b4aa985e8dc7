package io.neuroframe.world;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.neuroframe.codec.Decoder;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.djl.PyTorchRuntime;

import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eval-world}: PSNR, SSIM and latent error of a trained world model on held-out
 * trajectories at several horizons, next to the copy-last-frame baseline; prints a table and
 * writes the same figures as JSON.
 */
@Command(name = "eval-world", mixinStandardHelpOptions = true,
        description = {"Evaluates a world model on the held-out (validation) trajectories of a latent cache: from "
                + "evenly spread start frames it rolls out with the recorded actions and compares frame start+h for "
                + "each horizon h with the truth, next to copying the start frame.",
            "PSNR and SSIM need --codec (decoded prediction against the decoded true latent)."})
public final class EvalWorldCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LatentInputOptions input;

    @Option(names = "--weights", required = true, description = "world-model weights (safetensors written by train-world)")
    Path weights;

    @Option(names = "--preset", description = "preset of --weights when the file records none (e.g. oasis-dit-s2)")
    String preset;

    @Option(names = "--horizons", split = ",", defaultValue = "1,8,32", description = "steps ahead (default: ${DEFAULT-VALUE})")
    int[] horizons;

    @Option(names = "--starts", defaultValue = "4", description = "start frames per trajectory (default: ${DEFAULT-VALUE})")
    int starts;

    @Option(names = "--ddim-steps", defaultValue = "10", description = "sampling steps of diffusion models (default: ${DEFAULT-VALUE})")
    int ddimSteps;

    @Option(names = "--seed", defaultValue = "1", description = "sampling seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "where to write the figures as JSON (default: next to --weights)")
    Path json;

    @Option(names = "--threads", description = "PyTorch intra-op threads (default: available processors)")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter log = spec.commandLine().getErr();
        WorldModelConfig config = config();
        java.util.Arrays.sort(horizons);
        Engine engine = PyTorchRuntime.engine(threads != null ? threads : Runtime.getRuntime().availableProcessors());
        List<LatentTrajectory> heldOut;
        try {
            heldOut = LatentCache.of(input.load(engine, log), Split.VALIDATION);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (heldOut.isEmpty()) {
            throw new ParameterException(spec.commandLine(), input.latents + " has no validation trajectories to evaluate on");
        }
        List<WorldEvaluator.Row> rows;
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = WorldModelWeights.load(weights, config, manager);
             WorldModelStepper stepper = new WorldModelStepper(model, ddimSteps, seed);
             Decoder decoder = input.decoder(engine)) {
            rows = WorldEvaluator.evaluate(stepper, config.contextFrames(), heldOut, horizons, starts, decoder);
        }
        out.print(WorldEvaluator.table(rows));
        out.flush();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", config.describe());
        report.put("weights", weights.getFileName().toString());
        report.put("heldOutTrajectories", heldOut.size());
        report.put("ddimSteps", config.objective() == WorldModelConfig.Objective.DIFFUSION ? ddimSteps : 0);
        report.put("rows", rows);
        Path target = json != null ? json : weights.resolveSibling(config.name() + "-eval.json");
        Files.writeString(target, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                .toJson(report), StandardCharsets.UTF_8);
        log.println("figures written to " + target.getFileName());
        return 0;
    }

    private WorldModelConfig config() throws IOException {
        WorldModelConfig recorded = WorldModelWeights.recordedConfig(weights);
        if (recorded != null) {
            return recorded;
        }
        if (preset == null) {
            throw new ParameterException(spec.commandLine(), weights + " records no preset: pass --preset (e.g. oasis-dit-s2)");
        }
        try {
            return WorldModelConfig.preset(preset);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
