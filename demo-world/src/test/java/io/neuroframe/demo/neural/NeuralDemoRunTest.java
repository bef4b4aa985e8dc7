package io.neuroframe.demo.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.demo.app.GameConfig;
import io.neuroframe.demo.headless.DemoRunner;
import io.neuroframe.demo.headless.NeuralViewShots;
import io.neuroframe.demo.style.Styles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

/** Runs the headless demo with the neural view (real jME offscreen, real ONNX codec; run under xvfb-run). */
@Tag("gl")
class NeuralDemoRunTest {
    @TempDir
    Path out;

    @Test
    void headlessRunWritesEveryViewAndAParsableTrace() throws Exception {
        DemoWeights weights = new DemoWeights(VitVaeWeights.random(VitVaeConfig.NF_SMALL, 7), "random test weights",
                false);
        GameConfig config = new GameConfig(Styles.byName("meadow"), 3, 2, 320, 180, false);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRunner.runHeadless(config, 20, out, new PrintStream(log, true, StandardCharsets.UTF_8),
                NeuralViewState.loopback(weights, out));

        BufferedImage engine = read(NeuralViewShots.ENGINE_FILE);
        BufferedImage neural = read(NeuralViewShots.NEURAL_FILE);
        BufferedImage sideBySide = read(NeuralViewShots.SIDE_BY_SIDE_FILE);
        assertEquals(320, neural.getWidth());
        double neuralVsEngine = meanAbsDifference(engine, neural);
        assertTrue(neuralVsEngine > 5, "the neural view differs from the engine render; mean |diff| " + neuralVsEngine);
        double sideVsEngineLeft = meanAbsDifference(engine, sideBySide, 0, 160);
        double sideVsEngineRight = meanAbsDifference(engine, sideBySide, 160, 320);
        assertTrue(sideVsEngineRight > sideVsEngineLeft,
                "side by side: the right half is the neural frame, not the engine render (left "
                        + sideVsEngineLeft + ", right " + sideVsEngineRight + ")");

        JsonObject trace = JsonParser.parseString(Files.readString(out.resolve("neuroframe-trace.json")))
                .getAsJsonObject();
        JsonArray events = trace.getAsJsonArray("traceEvents");
        Set<String> stages = new HashSet<>();
        for (JsonElement event : events) {
            stages.add(event.getAsJsonObject().get("name").getAsString());
        }
        assertTrue(stages.containsAll(Set.of("source", "decode", "upload", "upscale")), "trace stages: " + stages);
        assertTrue(Files.readString(out.resolve("neuroframe-overlay.txt")).contains("decode"),
                "overlay text was written");
        assertTrue(Files.isRegularFile(out.resolve("summary.json")), "the walk's summary is still written");
    }

    private BufferedImage read(String name) throws IOException {
        Path file = out.resolve(name);
        assertTrue(Files.isRegularFile(file), name + " was written");
        return ImageIO.read(file.toFile());
    }

    private static double meanAbsDifference(BufferedImage a, BufferedImage b) {
        return meanAbsDifference(a, b, 0, a.getWidth());
    }

    private static double meanAbsDifference(BufferedImage a, BufferedImage b, int x0, int x1) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = x0; x < x1; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                }
            }
        }
        return sum / (3.0 * a.getHeight() * (x1 - x0));
    }
}
