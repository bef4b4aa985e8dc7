package io.neuroframe.demo.games;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.demo.headless.AdapterComparisonShots;
import io.neuroframe.demo.headless.DemoRunner;
import io.neuroframe.demo.headless.NeuralViewShots;
import io.neuroframe.demo.neural.DemoAdapter;
import io.neuroframe.demo.neural.DemoWeights;
import io.neuroframe.demo.neural.NeuralViewState;
import io.neuroframe.demo.neural.TestAdapters;
import io.neuroframe.games.UnseenGame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs an unseen game headless through the neural view with an exported adapter (real jME offscreen, real ONNX
 * Runtime codec and adapter; run under xvfb-run): the walk's first half with the adapter, its second half without,
 * then the same standing-still moment both ways.
 */
@Tag("gl")
class UnseenGameDemoRunTest {
    /** A two-block codec of width 32 that speaks the latent contract: quick to encode and decode. */
    private static final VitVaeConfig TINY = new VitVaeConfig("test-tiny", 16, 20, 32, 1, 2, 32, 1, 2, 4);
    private static final int FRAMES = 12;
    /** Rows at the bottom that hold the help line, which says "on" or "off". */
    private static final int HELP_ROWS = 24;

    @TempDir
    Path out;

    @Test
    void headlessRunWritesFramesWithAndWithoutTheAdapterAndSaysWhichHadIt() throws Exception {
        DemoAdapter adapter = DemoAdapter.check(TestAdapters.exportChannelAffine(out.resolve("affine.onnx"), 3));
        DemoWeights weights = new DemoWeights(VitVaeWeights.random(TINY, 7), "random test weights", false);
        UnseenGameConfig config = new UnseenGameConfig(UnseenGame.HIGHLANDS, 3, 320, 180, false);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRunner.runHeadless(config, FRAMES, out, new PrintStream(log, true, StandardCharsets.UTF_8),
                NeuralViewState.loopback(weights, out, adapter));

        JsonObject summary = JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
        assertEquals("highlands", summary.get("game").getAsString());
        assertEquals(FRAMES, summary.get("walkSteps").getAsInt(), "one walk step per frame");
        JsonObject switched = summary.getAsJsonObject("adapter");
        assertEquals("affine.onnx", switched.get("name").getAsString());
        assertEquals("0-5", switched.get("onWalkFrames").getAsString());
        assertEquals("6-11", switched.get("offWalkFrames").getAsString());
        Map<String, JsonObject> shots = new HashMap<>();
        for (JsonElement shot : summary.getAsJsonArray("screenshots")) {
            shots.put(shot.getAsJsonObject().get("file").getAsString(), shot.getAsJsonObject());
        }
        for (String file : List.of("frame-0003.png", "frame-0005.png", "frame-0009.png", "frame-0011.png")) {
            assertTrue(shots.containsKey(file), file + " is in the summary: " + shots.keySet());
            int frame = shots.get(file).get("walkFrame").getAsInt();
            assertEquals(frame < FRAMES / 2, shots.get(file).get("adapterSwitchedOn").getAsBoolean(), file);
            assertEquals(320, read(file).getWidth());
        }
        JsonObject on = shots.get(AdapterComparisonShots.ON_FILE);
        JsonObject off = shots.get(AdapterComparisonShots.OFF_FILE);
        assertTrue(on.get("adapterSwitchedOn").getAsBoolean() && on.get("neuralFrameAdapted").getAsBoolean(),
                "the standing-still shot with the adapter shows an adapted frame: " + on);
        assertTrue(!off.get("adapterSwitchedOn").getAsBoolean() && !off.get("neuralFrameAdapted").getAsBoolean(),
                "the standing-still shot without the adapter shows a frame that was not adapted: " + off);
        assertTrue(off.get("neuralFrame").getAsLong() > on.get("neuralFrame").getAsLong());
        double difference = meanAbsDifference(read(AdapterComparisonShots.ON_FILE),
                read(AdapterComparisonShots.OFF_FILE));
        assertTrue(difference > 1, "the adapter changes the neural frame; mean |diff| " + difference);

        JsonArray comparison = JsonParser.parseString(Files.readString(out.resolve(AdapterComparisonShots.REPORT_FILE)))
                .getAsJsonObject().getAsJsonArray("screenshots");
        assertEquals(2, comparison.size());
        read(NeuralViewShots.ENGINE_FILE);
        read(NeuralViewShots.NEURAL_FILE);
        String text = Files.readString(out.resolve("summary.txt"));
        assertTrue(text.contains("adapter affine.onnx: switched on for walk frames 0-5, off for 6-11"), text);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("adapter-off.png: adapter off"), log.toString());
    }

    private BufferedImage read(String name) throws IOException {
        Path file = out.resolve(name);
        assertTrue(Files.isRegularFile(file), name + " was written");
        return ImageIO.read(file.toFile());
    }

    /** Mean absolute difference per colour channel above the help line. */
    private static double meanAbsDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        int rows = a.getHeight() - HELP_ROWS;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                }
            }
        }
        return sum / (3.0 * rows * a.getWidth());
    }
}
