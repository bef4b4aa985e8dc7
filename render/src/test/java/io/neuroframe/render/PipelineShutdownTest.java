package io.neuroframe.render;

import static io.neuroframe.render.testing.Pipelines.awaitFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.render.testing.Await;
import io.neuroframe.render.testing.ControlledSource;
import io.neuroframe.render.testing.CountingAdapter;
import io.neuroframe.render.testing.GateDecoder;
import io.neuroframe.render.testing.LinearTokenDecoder;
import io.neuroframe.render.testing.LogCapture;
import io.neuroframe.render.testing.Pipelines;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class PipelineShutdownTest {

    @Test
    void closeStopsEveryThreadAndClosesWhatThePipelineOwnsOnItsThreads() {
        ControlledSource source = new ControlledSource();
        CountingAdapter adapter = new CountingAdapter(0f);
        LinearTokenDecoder main = new LinearTokenDecoder("main");
        LinearTokenDecoder fallback = new LinearTokenDecoder("fallback");
        FramePipeline pipeline = Pipelines.builder("nf-close").source(source).adapter(adapter)
                .decoder(() -> main).fallbackDecoder(() -> fallback).build();
        source.emit(0.5f);
        awaitFrame(pipeline, 1);
        assertEquals(List.of("nf-close-decode-1", "nf-close-latent", "nf-close-watchdog"),
                Await.threadsNamed("nf-close-"));

        pipeline.close();

        assertEquals(List.of(), Await.threadsNamed("nf-close-"), "no pipeline thread is left");
        assertEquals("nf-close-latent", source.closedOnThread);
        assertEquals("nf-close-latent", adapter.closedOnThread);
        assertEquals("nf-close-decode-1", main.closedOnThread);
        assertEquals("nf-close-decode-1", fallback.closedOnThread);
        pipeline.close();
        assertEquals(0.5f, pipeline.latestFrame().image().get(0), 1e-6f, "the last frame stays readable");
    }

    @Test
    void closeReturnsEvenWhenADecoderNeverReturns() throws InterruptedException {
        ControlledSource source = new ControlledSource();
        GateDecoder decoder = new GateDecoder("stuck");
        try (LogCapture log = new LogCapture(FramePipeline.class.getName())) {
            FramePipeline pipeline = Pipelines.builder("nf-stuck").source(source).decoder(() -> decoder)
                    .shutdownTimeout(Duration.ofMillis(100)).build();
            decoder.closeGate();
            source.emit(0.5f);
            decoder.entered.acquire();
            pipeline.close();
            assertEquals(List.of("nf-stuck-decode-1"), Await.threadsNamed("nf-stuck-"));
            assertEquals(1, log.count(Level.WARNING, "nf-stuck-decode-1 is still inside a decoder call or making a decoder; left behind"));
            assertFalse(decoder.closed, "never closed under a running call");
            decoder.open();
            Await.until("the stuck thread leaves", () -> Await.threadsNamed("nf-stuck-").isEmpty());
            assertEquals("nf-stuck-decode-1", decoder.closedOnThread);
            assertEquals(null, pipeline.latestFrame(), "its late frame was thrown away");
            assertTrue(source.closed);
        }
    }

    @Test
    void aDecoderSupplierMustMakeANewDecoderEachTime() {
        LinearTokenDecoder shared = new LinearTokenDecoder("shared");
        DecoderFactory factory = new DecoderFactory("decoder", () -> shared);
        factory.make();
        IllegalStateException e = assertThrows(IllegalStateException.class, factory::make);
        assertEquals("decoder supplier returned a decoder it had returned before (shared); it must make a new "
                + "decoder on every call", e.getMessage());
    }
}
