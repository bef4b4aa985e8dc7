package io.neuroframe.world.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.api.OasisAction;
import io.neuroframe.codec.data.CameraPose;
import io.neuroframe.codec.data.DatasetFrame;
import io.neuroframe.codec.data.DatasetManifest;
import io.neuroframe.codec.data.ImageIo;
import io.neuroframe.codec.data.ManifestWriter;
import io.neuroframe.codec.data.Split;
import io.neuroframe.codec.djl.DjlEncoder;
import io.neuroframe.codec.djl.PyTorchRuntime;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeWeights;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train-world --mirror-training}: a small real dataset encoded by the committed {@code nf-small} codec,
 * with the left-right mirror of each train trajectory beside it.
 */
class LatentCacheMirrorTest {
    private static final Path CODEC = Path.of("..", "models", "nf-small.safetensors");
    private static final OasisAction TURN_RIGHT_STRAFING_LEFT = OasisAction.builder().left().forward().look(2f, 6f).build();

    @TempDir
    Path dir;

    @Test
    void flippingMovesEachPixelToItsMirrorColumnAndTwiceIsTheIdentity() {
        float[] image = randomImage(new Random(3));
        float[] flipped = image.clone();
        LeftRightMirror.flipImage(flipped);
        int last = LatentContract.IMAGE_WIDTH - 1;
        for (int[] p : new int[][] {{0, 0, 0}, {1, 17, 5}, {2, 359, 639}, {2, 200, 320}}) {
            assertEquals(image[LatentContract.imageIndex(p[0], p[1], last - p[2])],
                    flipped[LatentContract.imageIndex(p[0], p[1], p[2])], Arrays.toString(p));
        }
        LeftRightMirror.flipImage(flipped);
        assertArrayEquals(image, flipped);
    }

    @Test
    void theMirrorOfAnActionTurnsAndStrafesTheOtherWayAndKeepsTheRest() {
        float[] actions = new float[2 * OasisAction.SIZE];
        TURN_RIGHT_STRAFING_LEFT.copyTo(actions, OasisAction.SIZE);
        LeftRightMirror.mirrorAction(actions, OasisAction.SIZE);
        OasisAction mirrored = OasisAction.of(Arrays.copyOfRange(actions, OasisAction.SIZE, 2 * OasisAction.SIZE));
        assertEquals(-6f, mirrored.yawDegrees(), 1e-6);
        assertEquals(2f, mirrored.pitchDegrees(), 1e-6);
        assertTrue(mirrored.isPressed(OasisAction.RIGHT) && !mirrored.isPressed(OasisAction.LEFT));
        assertTrue(mirrored.isPressed(OasisAction.FORWARD));
        assertArrayEquals(new float[OasisAction.SIZE], Arrays.copyOf(actions, OasisAction.SIZE),
                "only the action at the offset changes");
    }

    @Test
    void eachTrainTrajectoryGetsItsEncodedMirrorAndTheCacheServesBothRequestsAndHeldOutMirrorsAreMadeOnRequest() throws Exception {
        Random random = new Random(11);
        try (ManifestWriter writer = ManifestWriter.open(dir)) {
            writer.append(frame("meadow-000", 0, Split.TRAIN, OasisAction.NONE, randomImage(random)));
            writer.append(frame("meadow-000", 1, Split.TRAIN, TURN_RIGHT_STRAFING_LEFT, randomImage(random)));
            writer.append(frame("meadow-001", 0, Split.VALIDATION, OasisAction.NONE, randomImage(random)));
        }
        Path cache = dir.resolve("latents.safetensors");
        VitVaeWeights weights = VitVaeWeights.load(CODEC, VitVaeConfig.preset("nf-small"));
        try (DjlEncoder encoder = DjlEncoder.create(weights, PyTorchRuntime.engine(1))) {
            List<LatentCache.Entry> entries = LatentCache.openOrEncode(DatasetManifest.read(dir), encoder, "nf-small",
                    cache, true, new PrintWriter(new StringWriter()));

            assertEquals(List.of("meadow-000", "meadow-mirrored-000"),
                    LatentCache.of(entries, Split.TRAIN).stream().map(LatentTrajectory::name).toList());
            assertEquals(List.of("meadow-001"),
                    LatentCache.of(entries, Split.VALIDATION).stream().map(LatentTrajectory::name).toList(),
                    "validation stays as recorded");
            LatentTrajectory recorded = LatentCache.of(entries, Split.TRAIN).get(0);
            LatentTrajectory mirror = LatentCache.of(entries, Split.TRAIN).get(1);
            assertTrue(LeftRightMirror.isMirror(mirror) && !LeftRightMirror.isMirror(recorded));
            assertEquals("meadow-mirrored", mirror.style());
            assertEquals(-6f, mirror.action(1).yawDegrees(), 1e-6);
            assertTrue(mirror.action(1).isPressed(OasisAction.RIGHT));

            for (int f = 0; f < 2; f++) {
                float[] frame = ImageIo.readPlanarRgb(dir.resolve(png("meadow-000", f)));
                float[] recordedLatent = Arrays.copyOfRange(recorded.latents(), recorded.latentOffset(f),
                        recorded.latentOffset(f + 1));
                assertArrayEquals(encode(encoder, frame), recordedLatent, "frame " + f + " as recorded");
                LeftRightMirror.flipImage(frame);
                float[] mirrorLatent = Arrays.copyOfRange(mirror.latents(), mirror.latentOffset(f), mirror.latentOffset(f + 1));
                assertArrayEquals(encode(encoder, frame), mirrorLatent, "frame " + f + " mirrored: the flipped frame encoded");
                assertFalse(Arrays.equals(recordedLatent, mirrorLatent));
            }

            StringWriter log = new StringWriter();
            List<LatentCache.Entry> again = LatentCache.openOrEncode(DatasetManifest.read(dir), encoder, "nf-small",
                    cache, false, new PrintWriter(log));
            assertTrue(log.toString().contains("using cached latents"),
                    "a cache with mirrors also serves a request without them: " + log);
            assertEquals(3, again.size());

            LatentTrajectory validationMirror = LatentCache.encodeMirrors(DatasetManifest.read(dir),
                    LatentCache.of(entries, Split.VALIDATION), encoder, new PrintWriter(new StringWriter())).get(0);
            assertEquals("meadow-mirrored-001", validationMirror.name(), "eval-world --mirror-held-out's trajectories");
            float[] frame = ImageIo.readPlanarRgb(dir.resolve(png("meadow-001", 0)));
            LeftRightMirror.flipImage(frame);
            assertArrayEquals(encode(encoder, frame), Arrays.copyOf(validationMirror.latents(), LatentContract.LATENT_FLOATS),
                    "the held-out frame flipped and encoded");
        }
    }

    private static float[] encode(DjlEncoder encoder, float[] image) {
        float[] latent = new float[LatentContract.LATENT_FLOATS];
        encoder.encode(FloatBuffer.wrap(image), FloatBuffer.wrap(latent));
        return latent;
    }

    private DatasetFrame frame(String trajectory, int index, Split split, OasisAction action, float[] image)
            throws Exception {
        String file = png(trajectory, index);
        Files.createDirectories(dir.resolve(file).getParent());
        ImageIo.writePngAtomically(ImageIo.fromPlanarRgb(image), dir.resolve(file));
        return new DatasetFrame(file, "meadow", 1L, trajectory, index, split, action,
                new CameraPose(0f, 60f, 0f, 90f, 0f));
    }

    private static String png(String trajectory, int index) {
        return "frames/meadow/" + trajectory + "/" + String.format("%06d", index) + ".png";
    }

    /** A frame whose left and right differ: a horizontal ramp in red, noise in green and blue. */
    private static float[] randomImage(Random random) {
        float[] image = new float[LatentContract.IMAGE_FLOATS];
        for (int y = 0; y < LatentContract.IMAGE_HEIGHT; y++) {
            for (int x = 0; x < LatentContract.IMAGE_WIDTH; x++) {
                image[LatentContract.imageIndex(0, y, x)] = x / (float) LatentContract.IMAGE_WIDTH;
                image[LatentContract.imageIndex(1, y, x)] = random.nextFloat();
                image[LatentContract.imageIndex(2, y, x)] = random.nextFloat();
            }
        }
        return image;
    }
}
