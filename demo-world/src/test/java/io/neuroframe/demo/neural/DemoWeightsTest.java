package io.neuroframe.demo.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroframe.api.Decoder;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.onnx.ConvDecoderOnnxExporter;
import io.neuroframe.codec.onnx.StaticInt8Quantizer;
import io.neuroframe.codec.onnx.VitVaeOnnxExporter;
import io.neuroframe.codec.safetensors.SafetensorsDtype;
import io.neuroframe.render.budget.FallbackDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoWeightsTest {
    @TempDir
    Path home;

    private final String homeBefore = System.getProperty(DemoWeights.HOME_PROPERTY);

    @AfterEach
    void restoreHome() {
        if (homeBefore == null) {
            System.clearProperty(DemoWeights.HOME_PROPERTY);
        } else {
            System.setProperty(DemoWeights.HOME_PROPERTY, homeBefore);
        }
    }

    @Test
    void theFallbackRungTakesTheInt8ModelOverTheFloatWeightsAndIsLeftOutWithNeither() throws Exception {
        System.setProperty(DemoWeights.HOME_PROPERTY, home.toString());
        assertNull(DemoWeights.fallbackDecoder(), "no nf-tiny under the home: no fallback rung");

        ConvDecoderWeights weights = ConvDecoderWeights.random(ConvDecoderConfig.NF_TINY, 1);
        Path floatWeights = home.resolve(FallbackDecoder.DEFAULT_WEIGHTS);
        Files.createDirectories(floatWeights.getParent());
        weights.save(floatWeights, SafetensorsDtype.F16);
        assertEquals("nf-tiny (onnxruntime, cpu)", describe(DemoWeights.fallbackDecoder()));

        float[][] calibration = new float[2][LatentContract.LATENT_FLOATS];
        for (int j = 0; j < LatentContract.LATENT_FLOATS; j++) {
            calibration[0][j] = (float) Math.sin(0.37 * j) * LatentContract.SCALING_FACTOR;
            calibration[1][j] = (float) Math.cos(0.11 * j) * LatentContract.SCALING_FACTOR;
        }
        Path int8 = home.resolve(FallbackDecoder.DEFAULT_INT8_MODEL);
        VitVaeOnnxExporter.write(StaticInt8Quantizer.quantize(ConvDecoderOnnxExporter.decoder(weights),
                "nf-tiny-int8", calibration), int8);
        assertEquals("nf-tiny-int8.onnx (onnxruntime, cpu)", describe(DemoWeights.fallbackDecoder()));

        Files.write(int8, new byte[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, DemoWeights::fallbackDecoder);
        assertTrue(e.getMessage().contains(int8.toString()), e.getMessage());
    }

    private static String describe(Supplier<Decoder> factory) {
        try (Decoder decoder = factory.get()) {
            return decoder.describe();
        }
    }
}
