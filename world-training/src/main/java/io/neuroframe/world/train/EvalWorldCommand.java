package io.neuroframe.world.train;

import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.model.WorldModelWeights;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.neuroframe.api.Decoder;
import io.neuroframe.api.Encoder;
import io.neuroframe.api.LatentAdapter;
import io.neuroframe.adapter.train.AdapterOnnx;
import io.neuroframe.world.dream.ActionGuidedStepper;
import io.neuroframe.world.dream.RefiningStepper;
import io.neuroframe.world.dream.RememberingStepper;
import io.neuroframe.world.onnx.OrtWorldRefiner;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.world.dream.WorldStepper;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.train.EvalOptions;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eval-world}: PSNR, SSIM and latent error of a trained world model on held-out
 * trajectories at several horizons, next to the copy-last-frame baseline; with
 * {@code --holds-together STEPS}, also whether long free-running rollouts hold together
 * ({@link CoherenceEvaluator}). Prints tables; writes the figures as JSON only to {@code --out} and
 * plots only into {@code --plots}, never anywhere by default. Horizons no held-out trajectory
 * reaches are skipped with a note; if none is reachable, or no rollout reaches the holds-together
 * horizon, the command fails without writing anything.
 */
@Command(name = "eval-world", mixinStandardHelpOptions = true,
        description = {"Evaluates a world model on the held-out (validation) trajectories of a latent cache: from "
                + "evenly spread start frames it rolls out with the recorded actions and compares frame start+h for "
                + "each horizon h with the truth, next to copying the start frame.",
            "PSNR and SSIM need --codec (decoded prediction against the decoded true latent).",
            "--holds-together STEPS also rolls the model out freely from each held-out trajectory's first frame, with "
                + "its recorded actions and with scripted play, and measures colour histogram, luminance, contrast, "
                + "sharpness and patch grid of the decoded frames against the real frames of the same style, as "
                + "multiples of the spread between two real trajectories (needs --codec).",
            "Nothing is written unless --out or --plots says where."})
public final class EvalWorldCommand implements Callable<Integer> {
    /** The noise level {@code --refine-with} refines from unless {@code --refine-level} says otherwise. */
    static final int DEFAULT_REFINE_LEVEL = 10;

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

    @Option(names = "--starts", defaultValue = "4",
            description = "start frames per trajectory, of the rollouts with the recorded actions and of the "
                    + "free-running turns (default: ${DEFAULT-VALUE})")
    int starts;

    @Option(names = "--ddim-steps", defaultValue = "10", description = "sampling steps of diffusion models, and of --refine-with"
            + " from its level (default: ${DEFAULT-VALUE})")
    int ddimSteps;

    @Option(names = "--seed", defaultValue = "1", description = "sampling seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--turn-steps", defaultValue = "100", paramLabel = "N",
            description = "with --codec: real turning steps of the held-out trajectories the turn response is "
                    + "measured on, and a free-running 90-degree turn each way per start frame (TurnResponse); 0: none "
                    + "(default: ${DEFAULT-VALUE})")
    private int turnSteps;

    @Option(names = "--holds-together", paramLabel = "STEPS",
            description = "also measure whether free-running rollouts of this many steps hold together (e.g. 300)")
    Integer holdsTogether;

    @Option(names = "--window", defaultValue = "10",
            description = "steps each holds-together figure is averaged over (default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--reference-trajectories", defaultValue = "3",
            description = "training trajectories per style that make its real reference (default: ${DEFAULT-VALUE})")
    int referenceTrajectories;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "write plots into this folder: the free-running turns step by step (turns.png) and, with "
                    + "--holds-together, a plot per style of each holds-together figure against the step (needs --codec)")
    Path plots;

    @Option(names = "--reproject",
            description = "pass every predicted latent through the codec (decode, encode again) before it becomes "
                    + "context, as ReprojectingStepper does in a dream (needs --codec)")
    boolean reproject;

    @Option(names = "--view-memory",
            description = "turn the view with a view memory instead of the model, as RememberingStepper does in a "
                    + "dream: the model steps without the camera, and the memory moves its frame by whole cells and "
                    + "fills the uncovered cells from what it saw before (needs a model with a view shift)")
    boolean viewMemory;

    @Option(names = "--still-world",
            description = "with --view-memory: a step with no input but the camera keeps the newest frame instead of "
                    + "stepping the model, for worlds that change only when the player moves")
    boolean stillWorld;

    @Option(names = "--adapter", paramLabel = "FILE.onnx",
            description = "run this exported latent adapter (`experiment adapters` writes them) on every predicted "
                    + "latent before it becomes context, as AdaptingStepper does in a dream loop")
    Path adapter;

    @Option(names = "--adapter-on", paramLabel = "WHERE",
            description = "with --adapter: LOOP adapts every predicted latent and the model builds on it "
                    + "(AdaptingStepper); SHOWN adapts what is shown only and the model keeps its own prediction "
                    + "(ShownAdaptingStepper), as the plugin's frame path does (default: LOOP)")
    AdapterPlace adapterOn;

    /** Where {@code --adapter} acts. */
    enum AdapterPlace { LOOP, SHOWN }

    @Option(names = "--action-guidance", defaultValue = "1", paramLabel = "SCALE",
            description = "carry each action's change this far: every step predicts under the action and under no "
                    + "input, and takes none + SCALE x (action - none), as ActionGuidedStepper does in a dream; 1 is "
                    + "the model itself (default: ${DEFAULT-VALUE})")
    float actionGuidance;

    @Option(names = "--refine-with", paramLabel = "WEIGHTS",
            description = "refine every prediction with this diffusion model (a refiner: train-world --max-noise-level),"
                    + " as RefiningStepper does: noised to --refine-level and sampled back to clean in --ddim-steps"
                    + " steps under the same context and action")
    Path refineWith;

    @Option(names = "--refine-level", paramLabel = "LEVEL",
            description = "with --refine-with: the noise level each prediction is refined from, at most the highest"
                    + " level the refiner was trained at (default: " + DEFAULT_REFINE_LEVEL + ")")
    Integer refineLevel;

    @Option(names = "--mirror-held-out",
            description = "measure on the left-right mirrors of the held-out trajectories (frames flipped and encoded "
                    + "again, yaw negated, strafe keys swapped) instead of the recorded ones: a left-right difference "
                    + "in the turns that stays under the mirror is the model's, one that swaps is the scenes' (needs "
                    + "--data and --codec; not with --holds-together)")
    boolean mirrorHeldOut;

    @Mixin
    EvalOptions eval;

    /** Where the {@code --adapter} acts: {@code --adapter-on}, else in the loop. */
    private AdapterPlace adapterPlace() {
        return adapterOn == null ? AdapterPlace.LOOP : adapterOn;
    }

    /** The {@code --adapter} on ONNX Runtime, or null without one. */
    private LatentAdapter openAdapter() {
        if (adapter == null) {
            return null;
        }
        try {
            return AdapterOnnx.load(adapter, OrtOptions.defaults().withIntraOpThreads(eval.threads()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--adapter " + adapter + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter log = spec.commandLine().getErr();
        if (reproject && input.codec == null) {
            throw new ParameterException(spec.commandLine(), "--reproject decodes and encodes with the codec: pass "
                    + "--codec");
        }
        if (adapterOn != null && adapter == null) {
            throw new ParameterException(spec.commandLine(), "--adapter-on says where --adapter acts: pass --adapter too");
        }
        if (stillWorld && !viewMemory) {
            throw new ParameterException(spec.commandLine(), "--still-world is a setting of the view memory: pass "
                    + "--view-memory too");
        }
        if (mirrorHeldOut && (input.data == null || input.codec == null)) {
            throw new ParameterException(spec.commandLine(), "--mirror-held-out encodes the flipped frames of the "
                    + "held-out trajectories: pass --data and --codec");
        }
        if (mirrorHeldOut && holdsTogether != null) {
            throw new ParameterException(spec.commandLine(), "--holds-together compares with the real frames of each "
                    + "style, which have no mirrors: leave out --mirror-held-out");
        }
        try {
            ActionGuidedStepper.checkScale(actionGuidance);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--action-guidance: " + e.getMessage(), e);
        }
        if (turnSteps < 0) {
            throw new ParameterException(spec.commandLine(), "--turn-steps must be 0 (none) or more, got " + turnSteps);
        }
        WorldModelConfig refinerConfig = refinerConfig();
        CoherenceEvaluator.Settings coherenceSettings = coherenceSettings();
        WorldModelConfig config = config();
        if (viewMemory && config.viewShift() == 0) {
            throw new ParameterException(spec.commandLine(), "--view-memory moves the frame by the model's view shift "
                    + "(cells per camera unit), and " + weights + " has none");
        }
        int[] asked = Arrays.stream(horizons).sorted().distinct().toArray();
        Engine engine = eval.engine();
        List<LatentCache.Entry> entries;
        try {
            entries = input.load(engine, false, log);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        List<LatentTrajectory> recordedHeldOut = LatentCache.of(entries, Split.VALIDATION);
        if (recordedHeldOut.isEmpty()) {
            throw new ParameterException(spec.commandLine(), input.latents + " has no validation trajectories to evaluate on");
        }
        List<LatentTrajectory> heldOut = mirrorHeldOut ? mirrors(engine, recordedHeldOut, log) : recordedHeldOut;
        List<WorldEvaluator.Row> rows;
        CoherenceReport coherence = null;
        TurnResponse.Result turns = null;
        try (NDManager manager = engine.newBaseManager();
             WorldDit model = WorldDit.load(weights, config, manager);
             WorldModelStepper modelStepper = new WorldModelStepper(model, ddimSteps, seed);
             Decoder decoder = input.decoder(engine);
             OrtWorldRefiner refiner = refinerConfig == null ? null : OrtWorldRefiner.open(refineWith, refinerConfig,
                     OrtOptions.defaults().withIntraOpThreads(eval.threads()), ddimSteps, seed);
             Encoder encoder = reproject ? input.encoder(engine) : null;
             LatentAdapter latentAdapter = openAdapter()) {
            // closing the model's stepper, the refiner and the adapter is enough: the guiding, remembering, refining,
            // adapting and re-projecting steppers only add buffers
            WorldStepper guided = ActionGuidedStepper.guide(modelStepper, actionGuidance);
            WorldStepper remembering = viewMemory ? new RememberingStepper(guided, stillWorld) : guided;
            WorldStepper refined = refiner == null ? remembering : new RefiningStepper(remembering, refiner, refineLevel());
            WorldStepper adapted = latentAdapter == null ? refined : adapterPlace() == AdapterPlace.SHOWN
                    ? new ShownAdaptingStepper(refined, latentAdapter) : new AdaptingStepper(refined, latentAdapter);
            WorldStepper stepper = reproject ? new ReprojectingStepper(adapted, decoder, encoder) : adapted;
            try {
                rows = WorldEvaluator.evaluate(stepper, config.contextFrames(), heldOut, asked, starts, decoder);
                if (coherenceSettings != null) {
                    coherence = CoherenceEvaluator.evaluate(stepper, decoder, LatentCache.of(entries, Split.TRAIN), heldOut,
                            coherenceSettings, log);
                }
                if (decoder != null && turnSteps > 0) {
                    turns = TurnResponse.measure(stepper, config.contextFrames(), heldOut, decoder, turnSteps, starts);
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), input.latents + ": " + e.getMessage(), e);
            }
        }
        int[] skipped = Arrays.stream(asked).filter(h -> rows.stream().noneMatch(r -> r.horizon() == h)).toArray();
        if (skipped.length > 0) {
            int reach = WorldEvaluator.reach(heldOut);
            log.println("skipped horizons " + Arrays.toString(skipped) + ": the longest held-out trajectory has "
                    + (reach + 1) + " frames, so it reaches " + reach + " steps ahead");
        }
        out.print(WorldEvaluator.table(rows));
        if (coherence != null) {
            out.print(coherence.table());
        }
        if (turns != null) {
            out.printf(Locale.ROOT, "turns: real frames move %.2f px per degree (%d turning steps); the model's one-step "
                    + "turn moves them %.2f times as far (right %.2f, left %.2f); a free-running 90-degree turn %.2f times "
                    + "to the right, %.2f to the left, and standing still %.2f as far as a right turn (%d runs each)%n",
                    turns.realPixelsPerDegree(), turns.turningSteps(), turns.oneStepRatio(), turns.oneStepRightRatio(),
                    turns.oneStepLeftRatio(), turns.rightTurnRatio(), turns.leftTurnRatio(), turns.standStillRatio(),
                    turns.turns());
        }
        out.flush();
        if (eval.json() != null) {
            writeJson(eval.json(), config, heldOut.size(), rows, coherence, turns);
            log.println("figures written to " + eval.json());
        }
        if (plots != null) {
            List<Path> files = new ArrayList<>();
            if (coherence != null) {
                files.addAll(CoherencePlots.write(coherence, plots));
            }
            if (turns != null) {
                files.add(TurnPlot.write(turns, plots));
            }
            log.println(files.size() + " plots written to " + plots);
        }
        return 0;
    }

    private List<LatentTrajectory> mirrors(Engine engine, List<LatentTrajectory> heldOut, PrintWriter log)
            throws IOException {
        try (Encoder encoder = input.encoder(engine)) {
            return LatentCache.encodeMirrors(DatasetManifest.read(input.data), heldOut, encoder, log);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The holds-together settings, or null without {@code --holds-together}; checked before any work. */
    private CoherenceEvaluator.Settings coherenceSettings() {
        if (plots != null && (input.codec == null || holdsTogether == null && turnSteps == 0)) {
            throw new ParameterException(spec.commandLine(), "--plots draws the turns and the holds-together figures "
                    + "on decoded frames: pass --codec, and --holds-together STEPS or --turn-steps above 0");
        }
        if (holdsTogether == null) {
            return null;
        }
        if (input.codec == null) {
            throw new ParameterException(spec.commandLine(), "--holds-together measures decoded frames: pass --codec");
        }
        try {
            return new CoherenceEvaluator.Settings(holdsTogether, window, referenceTrajectories);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * The figures as JSON; a figure that was not measured (no --codec) is {@code null}, never NaN. The
     * holds-together report, when measured, is under {@code holdsTogether}.
     */
    private void writeJson(Path json, WorldModelConfig config, int trajectories, List<WorldEvaluator.Row> rows,
                           CoherenceReport coherence, TurnResponse.Result turns) throws IOException {
        JsonObject report = new JsonObject();
        report.addProperty("model", config.describe());
        report.addProperty("weights", weights.getFileName().toString());
        report.addProperty("heldOutTrajectories", trajectories);
        report.addProperty("mirroredHeldOut", mirrorHeldOut);
        report.addProperty("actionGuidance", actionGuidance);
        report.addProperty("viewMemory", viewMemory);
        report.addProperty("stillWorld", stillWorld);
        report.addProperty("adapter", adapter == null ? null : adapter.getFileName().toString());
        report.addProperty("adapterOn", adapter == null ? null : adapterPlace().name().toLowerCase(Locale.ROOT));
        report.addProperty("ddimSteps", config.objective() == WorldModelConfig.Objective.DIFFUSION || refineWith != null
                ? ddimSteps : 0);
        if (refineWith != null) {
            report.addProperty("refiner", refineWith.getFileName().toString());
            report.addProperty("refineLevel", refineLevel());
        }
        JsonArray array = new JsonArray();
        for (WorldEvaluator.Row r : rows) {
            JsonObject row = new JsonObject();
            row.addProperty("horizon", r.horizon());
            row.addProperty("samples", r.samples());
            addFigure(row, "modelLatentMse", r.modelLatentMse());
            addFigure(row, "baselineLatentMse", r.baselineLatentMse());
            addFigure(row, "modelPsnr", r.modelPsnr());
            addFigure(row, "baselinePsnr", r.baselinePsnr());
            addFigure(row, "modelSsim", r.modelSsim());
            addFigure(row, "baselineSsim", r.baselineSsim());
            array.add(row);
        }
        report.add("rows", array);
        if (coherence != null) {
            report.add("holdsTogether", coherence.toJson());
        }
        if (turns != null) {
            JsonObject t = new JsonObject();
            t.addProperty("turningSteps", turns.turningSteps());
            addFigure(t, "realPixelsPerDegree", turns.realPixelsPerDegree());
            addFigure(t, "oneStepRatio", turns.oneStepRatio());
            addFigure(t, "oneStepRightRatio", turns.oneStepRightRatio());
            addFigure(t, "oneStepLeftRatio", turns.oneStepLeftRatio());
            t.addProperty("turns", turns.turns());
            addFigure(t, "rightTurnRatio", turns.rightTurnRatio());
            addFigure(t, "leftTurnRatio", turns.leftTurnRatio());
            addFigure(t, "standStillRatio", turns.standStillRatio());
            t.add("rightTurnSteps", figures(turns.rightTurnSteps()));
            t.add("leftTurnSteps", figures(turns.leftTurnSteps()));
            t.add("standStillSteps", figures(turns.standStillSteps()));
            report.add("turns", t);
        }
        Path parent = json.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(json, new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(report),
                StandardCharsets.UTF_8);
    }

    private static JsonArray figures(double[] values) {
        JsonArray array = new JsonArray();
        for (double v : values) {
            array.add(Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE);
        }
        return array;
    }

    private static void addFigure(JsonObject row, String name, double value) {
        if (Double.isFinite(value)) {
            row.addProperty(name, value);
        } else {
            row.add(name, JsonNull.INSTANCE);
        }
    }

    /**
     * The preset of {@code --refine-with}, checked against the world model and the level asked for; null without a
     * refiner.
     */
    private WorldModelConfig refinerConfig() throws IOException {
        if (refineWith == null) {
            if (refineLevel != null) {
                throw new ParameterException(spec.commandLine(), "--refine-level needs --refine-with");
            }
            return null;
        }
        WorldModelConfig recorded = WorldModelWeights.recordedConfig(refineWith);
        if (recorded == null || recorded.objective() != WorldModelConfig.Objective.DIFFUSION) {
            throw new ParameterException(spec.commandLine(), "--refine-with " + refineWith + ": "
                    + (recorded == null ? "records no preset" : recorded.name() + " is " + recorded.objective())
                    + "; a refiner is a diffusion model written by train-world");
        }
        int level = refineLevel();
        int trained = TrainWorldCommand.recordedMaxNoiseLevel(refineWith);
        if (level < 0 || level > trained) {
            throw new ParameterException(spec.commandLine(), "--refine-level " + level + ": " + refineWith
                    + " was trained at noise levels 0 to " + trained);
        }
        return recorded;
    }

    private int refineLevel() {
        return refineLevel == null ? DEFAULT_REFINE_LEVEL : refineLevel;
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
