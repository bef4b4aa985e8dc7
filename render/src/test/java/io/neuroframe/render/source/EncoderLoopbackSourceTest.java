package io.neuroframe.render.source;

import io.neuroframe.api.source.LatentFrame;
import io.neuroframe.api.source.LatentSource;
import io.neuroframe.api.source.RenderHandoff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.LatentContract;
import io.neuroframe.render.testing.PatchMeanEncoder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class EncoderLoopbackSourceTest {

    private static void fill(FloatBuffer image, float red) {
        for (int y = 0; y < LatentContract.IMAGE_HEIGHT; y++) {
            for (int x = 0; x < LatentContract.IMAGE_WIDTH; x++) {
                image.put(LatentContract.imageIndex(0, y, x), x < 20 ? red : 0f);
                image.put(LatentContract.imageIndex(1, y, x), 0.25f);
                image.put(LatentContract.imageIndex(2, y, x), 1f);
            }
        }
    }

    @Test
    void encodesEachPublishedRenderOnceWithItsInputTime() {
        RenderHandoff handoff = new RenderHandoff();
        PatchMeanEncoder encoder = new PatchMeanEncoder();
        try (EncoderLoopbackSource source = new EncoderLoopbackSource(encoder, handoff)) {
            LatentFrame frame = new LatentFrame();
            assertEquals(LatentSource.Pull.NONE_READY, source.pull(frame), "nothing rendered yet");
            fill(handoff.image(), 0.75f);
            handoff.publish(123L);
            frame.clear();
            assertEquals(LatentSource.Pull.FRAME, source.pull(frame));
            assertEquals(LatentContract.LATENT_FLOATS, frame.latent().position());
            assertEquals(0.25f, frame.latent().get(LatentContract.latentIndex(0, 0, 0)), 1e-6f);
            assertEquals(-0.5f, frame.latent().get(LatentContract.latentIndex(0, 1, 0)), 1e-6f);
            assertEquals(-0.25f, frame.latent().get(LatentContract.latentIndex(5, 7, 1)), 1e-6f);
            assertEquals(0.5f, frame.latent().get(LatentContract.latentIndex(17, 31, 2)), 1e-6f);
            assertEquals(123L, frame.inputSampleNanos());
            assertFalse(frame.readback().isPresent(), "published without read-back times");
            frame.clear();
            assertEquals(LatentSource.Pull.NONE_READY, source.pull(frame), "each render is encoded once");
        }
        assertTrue(encoder.closed, "the source owns its encoder");
    }

    @Test
    void theNewestRenderWinsWithItsInputAndReadbackTimes() {
        RenderHandoff handoff = new RenderHandoff();
        try (EncoderLoopbackSource source = new EncoderLoopbackSource(new PatchMeanEncoder(), handoff)) {
            for (int i = 1; i <= 3; i++) {
                fill(handoff.image(), i / 4f);
                handoff.publish(i, 10 + i, 20 + i, 30 + i, 40 + i);
            }
            LatentFrame frame = new LatentFrame();
            assertEquals(LatentSource.Pull.FRAME, source.pull(frame));
            assertEquals(3L, frame.inputSampleNanos());
            assertEquals(0.25f, frame.latent().get(0), 1e-6f);
            assertTrue(frame.readback().isPresent());
            assertEquals(13L, frame.readback().readbackStartNanos());
            assertEquals(23L, frame.readback().readbackEndNanos());
            assertEquals(33L, frame.readback().resampleStartNanos());
            assertEquals(43L, frame.readback().resampleEndNanos());
            frame.clear();
            assertFalse(frame.readback().isPresent(), "clear() forgets the read-back");
        }
    }

    @Test
    void droppingForgetsThePublishedImageAndKeepsTheNextOne() {
        RenderHandoff handoff = new RenderHandoff();
        PatchMeanEncoder encoder = new PatchMeanEncoder();
        try (EncoderLoopbackSource source = new EncoderLoopbackSource(encoder, handoff)) {
            LatentFrame frame = new LatentFrame();
            source.dropPending();
            fill(handoff.image(), 0.25f);
            handoff.publish(1L);
            source.dropPending();
            assertEquals(LatentSource.Pull.NONE_READY, source.pull(frame), "the image published before the drop");
            fill(handoff.image(), 0.75f);
            handoff.publish(2L);
            frame.clear();
            assertEquals(LatentSource.Pull.FRAME, source.pull(frame));
            assertEquals(2L, frame.inputSampleNanos(), "the image published after the drop");
            assertEquals(0.25f, frame.latent().get(LatentContract.latentIndex(0, 0, 0)), 1e-6f);
        }
    }

    @Test
    void aReadbackThatEndsBeforeItStartsIsRefused() {
        RenderHandoff handoff = new RenderHandoff();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> handoff.publish(1, 20, 10, 30, 40));
        assertTrue(e.getMessage().contains("ends before it starts"), e.getMessage());
    }
}
