package io.neuroframe.render;

import static io.neuroframe.render.testing.Pipelines.awaitFrame;
import static io.neuroframe.render.testing.Pipelines.red;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.FaultKind;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.neuroframe.codec.onnx.OnnxGraphBuilder;
import io.neuroframe.codec.onnx.OrtDecoder;
import io.neuroframe.codec.onnx.VitVaeOnnxExporter;
import io.neuroframe.render.testing.Await;
import io.neuroframe.render.testing.ControlledSource;
import io.neuroframe.render.testing.LogCapture;
import io.neuroframe.render.testing.Pipelines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A brought-along ONNX decoder that outputs NaN: the frame is rejected like a NaN latent, never shown. */
class DecoderOutputFaultTest {
    @TempDir
    Path dir;

    @Test
    void aDecoderThatOutputsNanIsCountedAndTheLastGoodFrameStaysOnScreen() throws IOException {
        Path model = dir.resolve("sqrt-decoder.onnx");
        VitVaeOnnxExporter.write(sqrtPainter(), model);
        ControlledSource source = new ControlledSource();
        try (LogCapture log = new LogCapture(FramePipeline.class.getName());
             FramePipeline pipeline = Pipelines.builder("nf-nan-image").source(source)
                     .decoder(() -> OrtDecoder.fromFile(model)).build()) {
            source.emit(0.75f);
            DecodedFrame good = awaitFrame(pipeline, 1);
            assertEquals((float) Math.sqrt(0.25), red(good), 1e-6f);

            source.emit(0.25f);
            Await.until("one rejected image", () -> pipeline.faults().count(FaultKind.DECODER_NOT_FINITE) == 1);
            source.emit(0.25f);
            Await.until("two rejected images", () -> pipeline.faults().count(FaultKind.DECODER_NOT_FINITE) == 2);
            assertSame(good, pipeline.latestFrame(), "the NaN images are never published");
            assertTrue(pipeline.faults().active(FaultKind.DECODER_NOT_FINITE));
            assertEquals(1, log.count(Level.WARNING, "the decoder output a non-finite value: sqrt-decoder.onnx "
                    + "(onnxruntime, cpu) output NaN at image index 0 (channel 0, row 0, column 0) on frame 2"));

            source.emit(1f);
            assertEquals((float) Math.sqrt(0.5), red(awaitFrame(pipeline, 4)), 1e-6f);
            assertFalse(pipeline.faults().active(FaultKind.DECODER_NOT_FINITE));
            assertEquals(2, pipeline.faults().total(), "no other fault was counted");
        }
    }

    /**
     * A decoder that paints the whole image with the square root of the latent's first value:
     * finite for the grey levels at or above 0.5 that {@link ControlledSource} emits, NaN below.
     */
    private static ModelProto sqrtPainter() {
        OnnxGraphBuilder graph = new OnnxGraphBuilder("sqrt-decoder");
        String latent = graph.input("latent", 1, 576, 16);
        String first = graph.node("Slice", "first", new String[] {latent, graph.int64Initializer("starts", 0, 0),
                graph.int64Initializer("ends", 1, 1), graph.int64Initializer("axes", 1, 2)});
        String root = graph.op("Sqrt", "root", first);
        String column = graph.op("Reshape", "column", root, graph.int64Initializer("column_shape", 1, 1, 1, 1));
        String image = graph.op("Expand", "painted", column, graph.int64Initializer("image_shape", 1, 3, 360, 640));
        graph.output(image, "image", 1, 3, 360, 640);
        return graph.build("test", "NaN for a negative first latent value");
    }
}
