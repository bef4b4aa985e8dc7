package io.neuroframe.render.budget;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.onnx.ConvDecoderOnnxExporter;
import io.neuroframe.codec.onnx.OrtOptions;
import io.neuroframe.codec.onnx.StaticInt8Quantizer;
import io.neuroframe.codec.onnx.VitVaeOnnxExporter;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.render.DecodedFrame;
import io.neuroframe.render.FramePipeline;
import io.neuroframe.render.testing.Await;
import io.neuroframe.render.testing.ControlledSource;
import io.neuroframe.render.testing.LinearTokenDecoder;
import io.neuroframe.render.testing.Pipelines;
import io.neuroframe.render.timing.VirtualTimeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FallbackDecoderTest {
    @TempDir
    Path dir;

    private Path nfTinyFile(long seed) throws Exception {
        Path file = dir.resolve("nf-tiny-" + seed + ".safetensors");
        ConvDecoderWeights.random(ConvDecoderConfig.NF_TINY, seed).save(file, SafetensorsDtype.F16);
        return file;
    }

    @Test
    void theFactoryMakesAFreshNfTinyDecoderEachCall() throws Exception {
        Supplier<Decoder> factory = FallbackDecoder.nfTiny(nfTinyFile(1));
        try (Decoder a = factory.get(); Decoder b = factory.get()) {
            assertNotSame(a, b);
            assertEquals("nf-tiny (onnxruntime, cpu)", a.describe());
        }
    }

    @Test
    void theInt8FactoryChecksTheModelOnceAndMakesAFreshInt8DecoderEachCall() throws Exception {
        float[][] calibration = new float[3][LatentContract.LATENT_FLOATS];
        for (int i = 0; i < calibration.length; i++) {
            for (int j = 0; j < LatentContract.LATENT_FLOATS; j++) {
                calibration[i][j] = (float) Math.sin(0.37 * j + i) * LatentContract.SCALING_FACTOR;
            }
        }
        ConvDecoderWeights weights = ConvDecoderWeights.load(nfTinyFile(1));
        Path file = dir.resolve("nf-tiny-int8.onnx");
        VitVaeOnnxExporter.write(StaticInt8Quantizer.quantize(ConvDecoderOnnxExporter.decoder(weights),
                "nf-tiny-int8", calibration), file);
        Supplier<Decoder> factory = FallbackDecoder.nfTinyInt8(file, OrtOptions.defaults());
        try (Decoder a = factory.get(); Decoder b = factory.get()) {
            assertNotSame(a, b);
            assertEquals("nf-tiny-int8.onnx (onnxruntime, cpu)", a.describe());
        }
    }

    @Test
    void aMissingOrBrokenInt8ModelIsRefusedByName() throws Exception {
        Path missing = dir.resolve("absent-int8.onnx");
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> FallbackDecoder.nfTinyInt8(missing, OrtOptions.defaults()));
        assertTrue(absent.getMessage().contains(missing.toString()), absent.getMessage());
        Path broken = dir.resolve("broken-int8.onnx");
        Files.write(broken, new byte[] {8, 1, 2, 3, 4});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FallbackDecoder.nfTinyInt8(broken, OrtOptions.defaults()));
        assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
    }

    @Test
    void weightsOfAnotherArchitectureAreRefusedByName() throws Exception {
        Path file = dir.resolve("other.safetensors");
        ConvDecoderConfig other = new ConvDecoderConfig("other", 16, 0, List.of(new ConvDecoderConfig.Stage(4, 16, 0)), 5);
        ConvDecoderWeights.random(other, 1).save(file, SafetensorsDtype.F32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FallbackDecoder.nfTiny(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("must be nf-tiny"), e.getMessage());
    }

    /**
     * A main decoder that costs 80 ms of virtual time drives the ladder to its last rung; the
     * frames decoded there are nf-tiny's decodes of the source's latents.
     */
    @Test
    void theLastRungOfTheLadderDecodesWithNfTiny() throws Exception {
        Supplier<Decoder> nfTiny = FallbackDecoder.nfTiny(nfTinyFile(2));
        VirtualTimeSource time = new VirtualTimeSource();
        ControlledSource source = new ControlledSource();
        BudgetSettings budget = new BudgetSettings(Duration.ofMillis(33), 4, 1.0, 0.7, 3, 48, EnumSet.allOf(Rung.class));
        LinearTokenDecoder main = new LinearTokenDecoder("main") {
            @Override
            public void decode(FloatBuffer latent, FloatBuffer image) {
                super.decode(latent, image);
                time.advanceMillis(80);
            }
        };
        DecodedFrame atFallback = null;
        float[] shown = new float[LatentContract.IMAGE_FLOATS];
        try (FramePipeline pipeline = Pipelines.builder("nf-fallback").timeSource(time).budget(budget)
                .decodeTimeout(Duration.ofHours(1)).sourceStallTimeout(Duration.ofHours(1))
                .source(source).decoder(() -> main).fallbackDecoder(nfTiny).build()) {
            assertTrue(pipeline.describe().contains("nf-tiny"), pipeline.describe());
            for (int i = 1; i <= 80 && atFallback == null; i++) {
                long skipped = pipeline.clock().skippedFrames();
                long id = i;
                source.emit(0.8f);
                Await.until("frame " + i + " handled", () -> {
                    DecodedFrame f = pipeline.latestFrame();
                    return f != null && f.frameId() >= id || pipeline.clock().skippedFrames() > skipped;
                });
                int pulls = source.pulls.get();
                Await.until("two more pulls", () -> source.pulls.get() >= pulls + 2);
                DecodedFrame frame = pipeline.latestFrame();
                if (frame.rung() == Rung.FALLBACK_DECODER) {
                    atFallback = frame;
                    frame.image().duplicate().get(shown);
                }
            }
        }
        assertTrue(atFallback != null, "the ladder reached its fallback-decoder rung");
        float[] latent = new float[LatentContract.LATENT_FLOATS];
        for (int i = 0; i < latent.length; i++) {
            latent[i] = i % LatentContract.CHANNELS < 3 ? 0.3f : 0f;
        }
        float[] expected;
        try (Decoder direct = nfTiny.get()) {
            expected = direct.decodeBatch(latent, 1);
        }
        float[] fromMain = new float[LatentContract.IMAGE_FLOATS];
        main.decode(FloatBuffer.wrap(latent), FloatBuffer.wrap(fromMain));
        float diff = 0;
        float mainDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            diff = Math.max(diff, Math.abs(expected[i] - shown[i]));
            mainDiff = Math.max(mainDiff, Math.abs(fromMain[i] - shown[i]));
        }
        assertTrue(diff < 1e-5f, "the frame shown at the fallback rung is nf-tiny's decode (max diff " + diff + ")");
        assertTrue(mainDiff > 1e-2f, "and not the main decoder's (max diff " + mainDiff + ")");
    }
}
