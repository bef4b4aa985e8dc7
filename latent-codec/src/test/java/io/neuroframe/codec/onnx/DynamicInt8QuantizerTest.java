package io.neuroframe.codec.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.metrics.PixelMetrics;
import io.neuroframe.codec.model.ConvDecoderConfig;
import io.neuroframe.codec.model.ConvDecoderWeights;
import io.neuroframe.codec.model.VitVaeConfig;
import io.neuroframe.codec.model.VitVaeLayout;
import io.neuroframe.codec.model.VitVaeWeights;
import io.neuroframe.codec.reference.ReferenceDecoder;
import io.neuroframe.codec.safetensors.SafetensorsFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed {@code nf-small} decoder on real latents (the nf-small encoder's latents of one
 * validation frame per style, {@code validation-latents.safetensors}): the float32 export agrees
 * with the plain-Java reference, and its int8 rewrite loads in ONNX Runtime and stays close to it.
 */
class DynamicInt8QuantizerTest {
    private static final Path WEIGHTS = Path.of("..", "models", "nf-small.safetensors");
    /**
     * Lowest PSNR of an int8 decode against the float32 decode of the same latent. The committed
     * weights gave 47.7 dB over 25 validation frames; at 40 dB the int8 error is under a tenth of
     * the decoder's own (28.3 dB against the frames), so a visibly wrong rewrite cannot pass.
     */
    private static final double MIN_PSNR_TO_FLOAT32_DB = 40.0;
    /** Largest difference of the float32 export to the plain-Java reference, on [0, 1] pixels. */
    private static final float MAX_DIFF_TO_REFERENCE = 1e-4f;

    private static VitVaeWeights weights;
    private static float[][] latents;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        weights = VitVaeWeights.load(WEIGHTS, VitVaeConfig.NF_SMALL, VitVaeLayout.Part.DECODER);
        Path file = Path.of(DynamicInt8QuantizerTest.class.getResource("/validation-latents.safetensors").toURI());
        float[] all;
        try (SafetensorsFile safetensors = SafetensorsFile.open(file)) {
            all = safetensors.read("latents").data();
        }
        int n = all.length / LatentContract.LATENT_FLOATS;
        latents = new float[n][];
        for (int i = 0; i < n; i++) {
            latents[i] = Arrays.copyOfRange(all, i * LatentContract.LATENT_FLOATS, (i + 1) * LatentContract.LATENT_FLOATS);
        }
    }

    @Test
    void theFloat32ExportMatchesTheJavaReferenceOnRealLatents() {
        try (OrtDecoder ort = OrtDecoder.create(weights, OrtOptions.defaults());
             ReferenceDecoder reference = new ReferenceDecoder(weights)) {
            for (int i = 0; i < 2; i++) {
                float diff = TinyCodec.maxAbsDiff(TinyCodec.decode(reference, latents[i]), TinyCodec.decode(ort, latents[i]));
                assertTrue(diff <= MAX_DIFF_TO_REFERENCE, "latent " + i + ": max abs diff to the reference " + diff);
            }
        }
    }

    @Test
    void theInt8DecoderLoadsAndStaysCloseToFloat32() {
        try (OrtDecoder full = OrtDecoder.create(weights, OrtOptions.defaults());
             OrtDecoder int8 = OrtDecoder.createInt8(weights, OrtOptions.defaults())) {
            assertTrue(int8.describe().contains("int8"), int8.describe());
            for (int i = 0; i < latents.length; i++) {
                float[] expected = TinyCodec.decode(full, latents[i]);
                float[] actual = TinyCodec.decode(int8, latents[i]);
                double psnr = PixelMetrics.psnr(expected, actual);
                assertTrue(psnr >= MIN_PSNR_TO_FLOAT32_DB && psnr < Double.POSITIVE_INFINITY,
                        "latent " + i + ": PSNR of int8 against float32 " + psnr + " dB");
            }
        }
    }

    @Test
    void everyGemmBecomesAnInt8MatMulAndNothingElseChanges() {
        ModelProto fp32 = VitVaeOnnxExporter.decoder(weights);
        ModelProto int8 = DynamicInt8Quantizer.quantize(fp32.toByteArray(), "nf-small");
        long gemms = TinyCodec.count(fp32, "Gemm");
        assertTrue(gemms > 0);
        assertEquals(0, TinyCodec.count(int8, "Gemm"));
        assertEquals(gemms, TinyCodec.count(int8, "DynamicQuantizeMatMul"));
        assertEquals(fp32.getGraph().getNodeCount(), int8.getGraph().getNodeCount());
        assertTrue(int8.getSerializedSize() < fp32.getSerializedSize() / 2,
                "int8 weights take a quarter of the bytes: " + int8.getSerializedSize() + " of " + fp32.getSerializedSize());
    }

    @Test
    void bytesThatAreNotAModelAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DynamicInt8Quantizer.quantize(new byte[] {1, 2, 3, 4, 5}, "broken.onnx"));
        assertTrue(e.getMessage().contains("broken.onnx") && e.getMessage().contains("not an ONNX model"), e.getMessage());
    }

    @Test
    void aModelWithoutLinearLayersIsRefused() {
        ModelProto conv = ConvDecoderOnnxExporter.decoder(ConvDecoderWeights.random(
                ConvDecoderConfig.NF_TINY, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DynamicInt8Quantizer.quantize(conv, "nf-tiny"));
        assertTrue(e.getMessage().contains("nf-tiny") && e.getMessage().contains("no Gemm"), e.getMessage());
    }

    @Test
    void aGemmWithAnUnsupportedAttributeIsRefused() {
        ModelProto fp32 = VitVaeOnnxExporter.decoder(weights);
        ModelProto.Builder scaled = fp32.toBuilder();
        for (NodeProto.Builder node : scaled.getGraphBuilder().getNodeBuilderList()) {
            if (node.getOpType().equals("Gemm")) {
                node.addAttribute(AttributeProto.newBuilder().setName("alpha")
                        .setType(AttributeProto.AttributeType.FLOAT).setF(2f));
                break;
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DynamicInt8Quantizer.quantize(scaled.build(), "scaled"));
        assertTrue(e.getMessage().contains("scaled") && e.getMessage().contains("alpha"), e.getMessage());
    }
}
