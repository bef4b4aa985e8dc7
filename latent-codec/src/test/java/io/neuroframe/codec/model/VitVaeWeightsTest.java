package io.neuroframe.codec.model;

import io.neuroframe.codec.model.VitVaeLayout.Part;
import io.neuroframe.codec.weights.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VitVaeWeightsTest {

    private static final VitVaeConfig TINY = new VitVaeConfig("tiny", 16, 20, 64, 1, 1, 64, 2, 1, 2);

    @Test
    void randomWeightsAreDeterministicForASeed() {
        VitVaeWeights a = VitVaeWeights.random(TINY, 7);
        VitVaeWeights b = VitVaeWeights.random(TINY, 7);
        VitVaeWeights c = VitVaeWeights.random(TINY, 8);
        assertArrayEquals(a.data("decoder.1.attn.qkv.weight"), b.data("decoder.1.attn.qkv.weight"));
        assertNotEquals(a.data("decoder.1.attn.qkv.weight")[0], c.data("decoder.1.attn.qkv.weight")[0]);
        assertEquals(a.layout().tensors(Part.ALL).keySet(), a.tensors().keySet());
    }

    @Test
    void randomWeightsFollowTheInitialisationRules() {
        VitVaeWeights w = VitVaeWeights.random(TINY, 1);
        for (float v : w.data("decoder.0.norm1.weight")) {
            assertEquals(1f, v);
        }
        for (float v : w.data("enc_norm.bias")) {
            assertEquals(0f, v);
        }
        float bound = (float) Math.sqrt(6.0 / (64 + 192));
        float max = 0;
        for (float v : w.data("encoder.0.attn.qkv.weight")) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound && max > 0.9f * bound, "xavier bound " + bound + ", max " + max);
        float biasMax = 0;
        for (float v : w.data("predictor.bias")) {
            biasMax = Math.max(biasMax, Math.abs(v));
        }
        assertTrue(biasMax > 0 && biasMax <= 1 / Math.sqrt(64), "bias max " + biasMax);
    }

    @Test
    void partsShareTheArraysOfTheWhole() {
        VitVaeWeights all = VitVaeWeights.random(TINY, 1);
        VitVaeWeights decoder = all.decoderOnly();
        assertEquals(Part.DECODER, decoder.part());
        assertSame(all.data("predictor.weight"), decoder.data("predictor.weight"));
        assertEquals(decoder.layout().tensors(Part.DECODER).keySet(), decoder.tensors().keySet());
        assertTrue(decoder.covers(Part.DECODER));
        assertSame(decoder, decoder.decoderOnly());
        IllegalStateException e = assertThrows(IllegalStateException.class, decoder::encoderOnly);
        assertTrue(e.getMessage().contains("only the decoder"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> decoder.tensor("quant_conv.weight"));
        assertTrue(missing.getMessage().contains("quant_conv.weight"), missing.getMessage());
    }

    @Test
    void rejectsAMissingTensorNamingItsShape() {
        Map<String, Tensor> tensors = decoderTensors();
        tensors.remove("decoder.1.mlp.fc1.weight");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VitVaeWeights.of(TINY, Part.DECODER, tensors));
        assertTrue(e.getMessage().contains("missing tensor decoder.1.mlp.fc1.weight (expected shape [128, 64])"),
                e.getMessage());
    }

    @Test
    void rejectsAWronglyShapedTensor() {
        Map<String, Tensor> tensors = decoderTensors();
        tensors.put("predictor.weight", new Tensor("predictor.weight", new int[] {64, 1200}, new float[64 * 1200]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VitVaeWeights.of(TINY, Part.DECODER, tensors));
        assertTrue(e.getMessage().contains("predictor.weight has shape [64, 1200], expected [1200, 64]"),
                e.getMessage());
    }

    @Test
    void rejectsAnUnexpectedTensor() {
        Map<String, Tensor> tensors = decoderTensors();
        tensors.put("decoder.2.norm1.weight", new Tensor("decoder.2.norm1.weight", new int[] {64}, new float[64]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VitVaeWeights.of(TINY, Part.DECODER, tensors));
        assertTrue(e.getMessage().contains("unexpected tensor decoder.2.norm1.weight"), e.getMessage());
    }

    @Test
    void rejectsNonFiniteValuesNamingTheTensorAndIndex() {
        Map<String, Tensor> tensors = decoderTensors();
        tensors.get("dec_norm.bias").data()[5] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VitVaeWeights.of(TINY, Part.DECODER, tensors));
        assertTrue(e.getMessage().contains("dec_norm.bias holds NaN at flat index 5"), e.getMessage());
    }

    private static Map<String, Tensor> decoderTensors() {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        VitVaeWeights.random(TINY, 2).decoderOnly().tensors()
                .forEach((name, t) -> copy.put(name, new Tensor(name, t.shape().clone(), t.data().clone())));
        return copy;
    }
}
