package io.neuroframe.codec.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.AxialRope;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.weights.Tensor;

import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DjlVitVaeTest {
    /** Width 32, one encoder and two decoder blocks of two 16-wide heads. */
    static final VitVaeConfig TINY = new VitVaeConfig("test-tiny", 16, 20, 32, 1, 2, 32, 2, 2, 4);

    private static Engine engine;
    private static NDManager manager;

    @BeforeAll
    static void start() {
        engine = PyTorchRuntime.engine(1);
        manager = engine.newBaseManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    static float[] randomValues(int count, long seed, float scale) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return values;
    }

    @Test
    void weightsGoInAndComeOutUnderTheLayoutNames() {
        VitVaeWeights weights = VitVaeWeights.random(TINY, 1);
        try (DjlVitVae model = DjlVitVae.of(weights, manager)) {
            assertEquals(List.copyOf(VitVaeLayout.of(TINY).tensors(VitVaeLayout.Part.ALL).keySet()),
                    List.copyOf(model.parameters().keySet()));
            VitVaeWeights back = model.toWeights();
            for (Tensor t : weights.tensors().values()) {
                assertArrayEquals(t.shape(), back.tensor(t.name()).shape(), t.name());
                assertArrayEquals(t.data(), back.data(t.name()), t.name());
            }
        }
    }

    @Test
    void encodesAndDecodesFullFramesAndWindowsWithTheRightShapes() {
        try (DjlVitVae model = DjlVitVae.of(VitVaeWeights.random(TINY, 2), manager);
             NDManager scope = manager.newSubManager()) {
            TokenWindow window = new TokenWindow(3, 5, 4, 6);
            NDArray images = scope.create(randomValues(2 * 3 * 80 * 120, 3, 1f), new Shape(2, 3, 80, 120));
            NDList moments = model.encodeMoments(images, List.of(window, new TokenWindow(0, 0, 4, 6)));
            assertEquals(new Shape(2, 24, 16), moments.get(0).getShape());
            assertEquals(new Shape(2, 24, 16), moments.get(1).getShape());
            NDArray decoded = model.decode(moments.get(0), List.of(window, window));
            assertEquals(new Shape(2, 3, 80, 120), decoded.getShape());
            NDArray full = model.decode(scope.zeros(new Shape(1, LatentContract.TOKENS, 16)),
                    List.of(TokenWindow.FULL));
            assertEquals(new Shape(1, 3, 360, 640), full.getShape());
        }
    }

    @Test
    void windowTokensKeepTheirFullFrameRotaryAngles() {
        AxialRope rope = AxialRope.forHeadDim(16);
        TokenWindow window = new TokenWindow(5, 7, 3, 4);
        try (NDManager scope = manager.newSubManager()) {
            NDList tables = DjlVitVae.buildRope(rope, List.of(window), scope);
            float[] cos = tables.get(0).toFloatArray();
            float[] sin = tables.get(1).toFloatArray();
            for (int i = 0; i < window.tokens(); i++) {
                int token = window.fullGridToken(i);
                for (int j = 0; j < 16; j++) {
                    float expectedCos = j < 8 ? rope.cos()[token * 8 + j] : 1f;
                    float expectedSin = j < 8 ? rope.sin()[token * 8 + j] : 0f;
                    assertEquals(expectedCos, cos[i * 16 + j], "cos of window token " + i + " dim " + j);
                    assertEquals(expectedSin, sin[i * 16 + j], "sin of window token " + i + " dim " + j);
                }
            }
        }
    }

    @Test
    void attentionDependsOnTokenOffsetsNotOnWhereTheWindowSits() {
        // The rotary embedding makes attention a function of position differences, so the same
        // latents decode alike anywhere on the grid: crops learn what full frames need.
        try (DjlVitVae model = DjlVitVae.of(VitVaeWeights.random(TINY, 4), manager);
             NDManager scope = manager.newSubManager()) {
            NDArray z = scope.create(randomValues(2 * 12 * 16, 5, 2f), new Shape(2, 12, 16));
            float[] topLeft = model.decode(z, List.of(new TokenWindow(0, 0, 3, 4), new TokenWindow(0, 0, 3, 4)))
                    .toFloatArray();
            float[] elsewhere = model.decode(z, List.of(new TokenWindow(10, 20, 3, 4), new TokenWindow(15, 28, 3, 4)))
                    .toFloatArray();
            float maxDiff = 0;
            for (int i = 0; i < topLeft.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(topLeft[i] - elsewhere[i]));
            }
            assertTrue(maxDiff < 1e-4, "window decode moved with the window: max diff " + maxDiff);
        }
    }

    @Test
    void decoderAndEncoderFollowTheLatentContract() {
        VitVaeWeights weights = VitVaeWeights.random(TINY, 6);
        try (DjlEncoder encoder = DjlEncoder.create(weights, engine);
             DjlDecoder decoder = DjlDecoder.create(weights, engine)) {
            float[] image = randomValues(LatentContract.IMAGE_FLOATS, 7, 0.5f);
            for (int i = 0; i < image.length; i++) {
                image[i] += 0.5f;
            }
            FloatBuffer latent = FloatBuffer.allocate(LatentContract.LATENT_FLOATS);
            encoder.encode(FloatBuffer.wrap(image), latent);
            float[] expectedLatent = encoder.encodeBatch(image, 1);
            assertArrayEquals(expectedLatent, latent.array());
            FloatBuffer decoded = FloatBuffer.allocate(LatentContract.IMAGE_FLOATS);
            decoder.decode(latent, decoded);
            for (float v : decoded.array()) {
                assertTrue(v >= 0f && v <= 1f, "decoded value outside [0, 1]: " + v);
            }
            assertTrue(decoder.describe().contains("test-tiny"));
            assertThrows(IllegalArgumentException.class,
                    () -> decoder.decode(FloatBuffer.allocate(10), FloatBuffer.allocate(LatentContract.IMAGE_FLOATS)));
        }
    }

    @Test
    void aDecoderOnlyModelRefusesToEncode() {
        try (DjlVitVae model = DjlVitVae.of(VitVaeWeights.random(TINY, 8).decoderOnly(), manager);
             NDManager scope = manager.newSubManager()) {
            NDArray images = scope.zeros(new Shape(1, 3, 20, 20));
            assertThrows(IllegalStateException.class,
                    () -> model.encodeMoments(images, Collections.singletonList(new TokenWindow(0, 0, 1, 1))));
        }
    }
}
