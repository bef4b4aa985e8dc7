package io.neuroframe.world.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.safetensors.SafetensorsFile;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code eval-world --holds-together} end to end with the committed world model and codec, on a latent
 * cache made from a real encoded frame (a held-out meadow frame) turned on the token grid.
 */
class EvalWorldHoldsTogetherTest {
    private static final Path MODELS = Path.of("..", "models");
    private static final Path WEIGHTS = MODELS.resolve("nf-world-small-direct.safetensors");
    private static final Path CODEC = MODELS.resolve("nf-small.safetensors");
    private static final int FRAMES = 6;
    private static final int HORIZON = 8;
    private static float[] start;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadStart() throws Exception {
        Path file = Path.of(EvalWorldHoldsTogetherTest.class.getResource("/meadow-009-frame-068.safetensors").toURI());
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            start = f.read("latent").data();
        }
    }

    /** {@code frames} frames from {@code first}, each step turning by {@code turn} (the content moves on the token grid). */
    private static LatentTrajectory turning(String name, float[] first, OasisAction turn) {
        float[] latents = new float[FRAMES * LatentContract.LATENT_FLOATS];
        float[] actions = new float[FRAMES * OasisAction.SIZE];
        float[] frame = first;
        for (int f = 0; f < FRAMES; f++) {
            if (f > 0) {
                turn.copyTo(actions, f * OasisAction.SIZE);
                frame = ShiftingPatternWorld.step(frame, turn);
            }
            System.arraycopy(frame, 0, latents, f * LatentContract.LATENT_FLOATS, LatentContract.LATENT_FLOATS);
        }
        return new LatentTrajectory(name, FRAMES, latents, actions);
    }

    /** The start frame mirrored left to right on the token grid: the same style, another view. */
    private static float[] mirrored(float[] frame) {
        float[] out = new float[frame.length];
        for (int r = 0; r < LatentContract.TOKEN_ROWS; r++) {
            for (int c = 0; c < LatentContract.TOKEN_COLS; c++) {
                System.arraycopy(frame, LatentContract.latentIndex(r, c, 0), out,
                        LatentContract.latentIndex(r, LatentContract.TOKEN_COLS - 1 - c, 0), LatentContract.CHANNELS);
            }
        }
        return out;
    }

    private Path cache(boolean secondTrainingTrajectory) throws IOException {
        List<LatentCache.Entry> entries = new ArrayList<>();
        entries.add(new LatentCache.Entry(turning("meadow-000", start, ShiftingPatternWorld.TURN_RIGHT), Split.TRAIN));
        if (secondTrainingTrajectory) {
            entries.add(new LatentCache.Entry(turning("meadow-001", mirrored(start), ShiftingPatternWorld.TURN_LEFT),
                    Split.TRAIN));
        }
        entries.add(new LatentCache.Entry(turning("meadow-002", start, ShiftingPatternWorld.TURN_LEFT), Split.VALIDATION));
        Path file = dir.resolve("latents.safetensors");
        LatentCache.write(file, entries, "test");
        return file;
    }

    @Test
    void writesPerStyleCurvesWhereToldAndAPlotPerStyleAndNothingIntoTheModelsFolder() throws Exception {
        Set<String> modelsBefore = listing(MODELS);
        Path json = dir.resolve("report").resolve("eval.json");
        Path plots = dir.resolve("plots");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "--latents", cache(true).toString(), "--codec", CODEC.toString(), "--weights",
                WEIGHTS.toString(), "--horizons", "1", "--starts", "1", "--holds-together", String.valueOf(HORIZON),
                "--window", "2", "--threads", "1", "--action-guidance", "1.5", "--out", json.toString(), "--plots",
                plots.toString());
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("at step 8 every figure within 2x the real-to-real spread: "), out.toString());

        String text = Files.readString(json);
        assertFalse(text.contains("NaN") || text.contains("Infinity"), "only finite figures");
        assertEquals(1.5, JsonParser.parseString(text).getAsJsonObject().get("actionGuidance").getAsDouble());
        JsonObject report = JsonParser.parseString(text).getAsJsonObject().getAsJsonObject("holdsTogether");
        assertEquals(HORIZON, report.get("horizon").getAsInt());
        assertEquals(2, report.get("windowSteps").getAsInt());
        assertTrue(report.get("holdsTogetherAtHorizon").isJsonPrimitive());
        JsonObject meadow = report.getAsJsonArray("styles").get(0).getAsJsonObject();
        assertEquals("meadow", meadow.get("style").getAsString());
        assertEquals("[\"meadow-000\",\"meadow-001\"]", meadow.getAsJsonArray("referenceTrajectories").toString());
        JsonObject curves = meadow.getAsJsonObject("curves");
        assertEquals(FRAMES, curves.getAsJsonObject("real").getAsJsonArray("samples").size());
        assertEquals(FRAMES, curves.getAsJsonObject("recorded").getAsJsonArray("samples").size(),
                "recorded actions only as far as the held-out trajectory goes");
        assertEquals(HORIZON + 1, curves.getAsJsonObject("scripted").getAsJsonArray("samples").size());
        for (CoherenceStatistic s : CoherenceStatistic.values()) {
            assertTrue(meadow.getAsJsonObject("realToRealSpread").get(s.key()).getAsDouble() > 0, s.key());
            assertEquals(HORIZON + 1, curves.getAsJsonObject("scripted").getAsJsonObject("ratios").getAsJsonArray(s.key())
                    .size(), s.key());
        }

        JsonObject turns = JsonParser.parseString(text).getAsJsonObject().getAsJsonObject("turns");
        assertEquals(FRAMES - 1, turns.get("turningSteps").getAsInt(), "every step of the held-out trajectory turns");
        // each 5-degree turn moves the content 2 tokens (40 pixels): 8 pixels per degree, seen through the codec
        double pixelsPerDegree = turns.get("realPixelsPerDegree").getAsDouble();
        assertTrue(Math.abs(pixelsPerDegree - 8) < 0.8, "real pixels per degree " + pixelsPerDegree);
        assertTrue(Double.isFinite(turns.get("oneStepRatio").getAsDouble())
                && Double.isFinite(turns.get("rightTurnRatio").getAsDouble())
                && Double.isFinite(turns.get("leftTurnRatio").getAsDouble())
                && Double.isFinite(turns.get("oneStepLeftRatio").getAsDouble()), turns.toString());
        assertTrue(turns.get("oneStepRightRatio").isJsonNull(), "the held-out trajectory turns only left: " + turns);
        for (String curve : new String[] {"rightTurnSteps", "leftTurnSteps", "standStillSteps"}) {
            assertEquals(23, turns.getAsJsonArray(curve).size(), curve + ": 22 steps of 4 degrees and one of 2");
        }
        assertTrue(out.toString().contains("turns: real frames move"), out.toString());

        BufferedImage plot = ImageIO.read(plots.resolve("holds-together-meadow.png").toFile());
        assertTrue(plot.getWidth() > plot.getHeight() && plot.getHeight() >= 400, plot.getWidth() + "x" + plot.getHeight());
        assertTrue(ImageIO.read(plots.resolve(TurnPlot.FILE_NAME).toFile()).getWidth() > 0, "the turns' plot");
        assertEquals(modelsBefore, listing(MODELS), "the evaluation writes nothing into models/");
    }

    @Test
    void refusesWhatItCannotMeasureInOneLineAndWritesNothing() throws Exception {
        Path json = dir.resolve("eval.json");
        String[] base = {"--weights", WEIGHTS.toString(), "--horizons", "1", "--starts", "1", "--threads", "1", "--out",
            json.toString()};

        StringWriter err = new StringWriter();
        assertEquals(2, run(err, concat(base, "--latents", cache(true).toString(), "--holds-together", "8")));
        assertTrue(err.toString().contains("--holds-together measures decoded frames: pass --codec"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, concat(base, "--latents", cache(true).toString(), "--plots", dir.resolve("p").toString())));
        assertTrue(err.toString().contains("--plots draws the turns and the holds-together figures on decoded frames: "
                + "pass --codec"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, concat(base, "--latents", cache(true).toString(), "--codec", CODEC.toString(),
                "--mirror-held-out")));
        assertTrue(err.toString().contains("--mirror-held-out encodes the flipped frames of the held-out trajectories: "
                + "pass --data and --codec"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, concat(base, "--latents", cache(true).toString(), "--codec", CODEC.toString(),
                "--data", dir.toString(), "--mirror-held-out", "--holds-together", "8")));
        assertTrue(err.toString().contains("leave out --mirror-held-out"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, concat(base, "--latents", cache(true).toString(), "--action-guidance", "0.5")));
        assertTrue(err.toString().contains("--action-guidance: action guidance must be finite and at least 1, got 0.5"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, concat(base, "--latents", cache(true).toString(), "--codec", CODEC.toString(),
                "--holds-together", "0")));
        assertTrue(err.toString().contains("the rollout horizon must be at least 1 step, got 0"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, concat(base, "--latents", cache(false).toString(), "--codec", CODEC.toString(),
                "--holds-together", "8")));
        assertTrue(err.toString().contains("no style has both held-out trajectories and two training trajectories to "
                + "measure the real-to-real spread with: held-out styles [meadow], training trajectories per style "
                + "{meadow=1}"), err.toString());
        assertFalse(err.toString().contains("NaN"), err.toString());
        assertFalse(Files.exists(json), "nothing is written when nothing could be measured");
        assertFalse(Files.exists(dir.resolve("p")));
    }

    private static Set<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static int run(StringWriter err, String... args) {
        return run(new StringWriter(), err, args);
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new EvalWorldCommand());
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute(args);
        System.out.println(out);
        System.out.println(err);
        return code;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
