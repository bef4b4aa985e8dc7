package io.neuroframe.demo.dream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.demo.app.GameConfig;
import io.neuroframe.demo.headless.DemoRunner;
import io.neuroframe.demo.neural.DemoWeights;
import io.neuroframe.demo.style.Styles;
import io.neuroframe.world.onnx.OrtWorldStepper;
import io.neuroframe.world.train.WorldDit;
import io.neuroframe.world.model.WorldModelConfig;
import io.neuroframe.world.dream.ScriptedPlay;
import io.neuroframe.world.dream.WorldStepper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs headless dream mode end to end (real jME offscreen, real ONNX codec and world step; run under xvfb-run). */
@Tag("gl")
class DreamDemoRunTest {
    @TempDir
    Path out;

    @Test
    void headlessDreamWritesEveryStepsFrameTheStripAndTheSummary() throws Exception {
        DemoWeights codec = new DemoWeights(VitVaeWeights.random(VitVaeConfig.NF_SMALL, 7), "random test weights", false);
        WorldStepper stepper;
        try (NDManager manager = PyTorchRuntime.engine(1).newBaseManager();
             WorldDit model = WorldDit.create(WorldModelConfig.NF_WORLD_SMALL_DIRECT, manager, 1)) {
            stepper = OrtWorldStepper.create(model.config(), model.toTensors(), OrtOptions.defaults().withIntraOpThreads(1));
        }
        GameConfig config = new GameConfig(Styles.byName("meadow"), 3, 2, 320, 180, false);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRunner.runHeadless(config, 10, out, new PrintStream(log, true, StandardCharsets.UTF_8),
                DreamViewState.create(codec, stepper, false, out));

        int steps = ScriptedPlay.CYCLE_STEPS;
        for (int i = 0; i <= steps; i++) {
            assertTrue(Files.isRegularFile(out.resolve(String.format("dream-%03d.png", i))), "frame of step " + i);
        }
        BufferedImage strip = ImageIO.read(out.resolve("dream-strip.png").toFile());
        int thumbnailWidth = strip.getHeight() * 16 / 9;
        assertEquals((steps / DreamScript.STRIP_EVERY + 1) * thumbnailWidth, strip.getWidth(),
                "the strip holds the start and every " + DreamScript.STRIP_EVERY + "th step");

        JsonObject summary = JsonParser.parseString(Files.readString(out.resolve("dream-summary.json"))).getAsJsonObject();
        assertEquals(steps, summary.get("scriptSteps").getAsInt());
        assertTrue(summary.get("dreamedFps").getAsDouble() > 0, summary.toString());
        assertTrue(summary.get("freeRunSteps").getAsInt() >= DreamScript.FREE_RUN_STEPS, summary.toString());
        assertTrue(summary.getAsJsonObject("stageMillis").getAsJsonObject("world step").get("count").getAsInt() > 0,
                "the world step is timed: " + summary);

        Set<String> stages = new HashSet<>();
        JsonObject trace = JsonParser.parseString(Files.readString(out.resolve("neuroframe-trace.json"))).getAsJsonObject();
        for (JsonElement event : trace.getAsJsonArray("traceEvents")) {
            stages.add(event.getAsJsonObject().get("name").getAsString());
        }
        assertTrue(stages.containsAll(Set.of("world step", "decode", "upscale")), "trace stages: " + stages);
        assertTrue(Files.readString(out.resolve("dream-overlay.txt")).contains("world step"), "overlay shows the stage");
    }
}
