package io.neuroframe.codec.model;

import io.neuroframe.codec.model.VitVaeLayout.Part;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VitVaeLayoutTest {

    private static final VitVaeLayout OASIS = VitVaeLayout.of(VitVaeConfig.OASIS_VIT_L_20);

    @Test
    void oasisParameterCountsMatchThePublishedFigures() {
        assertEquals(229_246_160L, OASIS.parameterCount(Part.ALL));
        assertEquals(152_404_144L, OASIS.parameterCount(Part.DECODER));
        assertEquals(76_842_016L, OASIS.parameterCount(Part.ENCODER));
    }

    @Test
    void oasisDecoderNamesAndShapesAreThoseOfTheCheckpoint() {
        // The decoder tensors of vit-l-20.safetensors as listed in the open-oasis sources.
        List<String> expected = new ArrayList<>(List.of("post_quant_conv.weight", "post_quant_conv.bias"));
        for (int i = 0; i < 12; i++) {
            for (String leaf : List.of("norm1.weight", "norm1.bias", "attn.qkv.weight", "attn.qkv.bias",
                    "attn.proj.weight", "attn.proj.bias", "norm2.weight", "norm2.bias",
                    "mlp.fc1.weight", "mlp.fc1.bias", "mlp.fc2.weight", "mlp.fc2.bias")) {
                expected.add("decoder." + i + "." + leaf);
            }
        }
        expected.addAll(List.of("dec_norm.weight", "dec_norm.bias", "predictor.weight", "predictor.bias"));
        Map<String, int[]> decoder = OASIS.tensors(Part.DECODER);
        assertEquals(expected, new ArrayList<>(decoder.keySet()));

        assertArrayEquals(new int[] {1024, 16}, decoder.get("post_quant_conv.weight"));
        assertArrayEquals(new int[] {1024}, decoder.get("post_quant_conv.bias"));
        assertArrayEquals(new int[] {1024}, decoder.get("decoder.11.norm1.weight"));
        assertArrayEquals(new int[] {3072, 1024}, decoder.get("decoder.0.attn.qkv.weight"));
        assertArrayEquals(new int[] {3072}, decoder.get("decoder.0.attn.qkv.bias"));
        assertArrayEquals(new int[] {1024, 1024}, decoder.get("decoder.5.attn.proj.weight"));
        assertArrayEquals(new int[] {4096, 1024}, decoder.get("decoder.7.mlp.fc1.weight"));
        assertArrayEquals(new int[] {4096}, decoder.get("decoder.7.mlp.fc1.bias"));
        assertArrayEquals(new int[] {1024, 4096}, decoder.get("decoder.7.mlp.fc2.weight"));
        assertArrayEquals(new int[] {1024}, decoder.get("dec_norm.bias"));
        assertArrayEquals(new int[] {1200, 1024}, decoder.get("predictor.weight"));
        assertArrayEquals(new int[] {1200}, decoder.get("predictor.bias"));
    }

    @Test
    void oasisEncoderNamesAndShapesAreThoseOfTheCheckpoint() {
        Map<String, int[]> encoder = OASIS.tensors(Part.ENCODER);
        assertEquals(2 + 6 * 12 + 2 + 2, encoder.size());
        assertArrayEquals(new int[] {1024, 3, 20, 20}, encoder.get("patch_embed.proj.weight"));
        assertArrayEquals(new int[] {1024}, encoder.get("patch_embed.proj.bias"));
        assertArrayEquals(new int[] {3072, 1024}, encoder.get("encoder.5.attn.qkv.weight"));
        assertNull(encoder.get("encoder.6.attn.qkv.weight"));
        assertArrayEquals(new int[] {1024}, encoder.get("enc_norm.weight"));
        assertArrayEquals(new int[] {32, 1024}, encoder.get("quant_conv.weight"));
        assertArrayEquals(new int[] {32}, encoder.get("quant_conv.bias"));
    }

    @Test
    void partsSplitTheWholeInForwardOrder() {
        VitVaeLayout layout = VitVaeLayout.of(VitVaeConfig.NF_SMALL);
        List<String> all = new ArrayList<>(layout.tensors(Part.ENCODER).keySet());
        all.addAll(layout.tensors(Part.DECODER).keySet());
        assertEquals(all, new ArrayList<>(layout.tensors(Part.ALL).keySet()));
        assertEquals("patch_embed.proj.weight", all.get(0));
        assertEquals("predictor.bias", all.get(all.size() - 1));
        assertEquals(Part.ENCODER, layout.partOf("quant_conv.weight"));
        assertEquals(Part.DECODER, layout.partOf("post_quant_conv.weight"));
        assertNull(layout.partOf("decoder.4.norm1.weight"));
        assertEquals(layout.parameterCount(Part.ALL),
                layout.parameterCount(Part.ENCODER) + layout.parameterCount(Part.DECODER));
    }

    @Test
    void smallPresetCounts() {
        // width 128, MLP 512: a block holds 12*128^2 + 13*128 = 198,272 parameters.
        VitVaeLayout small = VitVaeLayout.of(VitVaeConfig.NF_SMALL);
        long block = 12L * 128 * 128 + 13 * 128;
        assertEquals(128 * 1200 + 128 + 2 * block + 2 * 128 + 32 * 128 + 32, small.parameterCount(Part.ENCODER));
        assertEquals(16 * 128 + 128 + 4 * block + 2 * 128 + 1200 * 128 + 1200, small.parameterCount(Part.DECODER));
    }

    @Test
    void oasisDecodeCostsAboutTwoHundredGigaflops() {
        // 576 tokens, width 1024: per block q/k/v 3.62G + attention 1.36G + projection 1.21G + MLP 9.66G;
        // 12 blocks plus predictor (1.42G) and post_quant_conv (0.02G) make 191.69 GFLOPs.
        assertEquals(191_688_081_408L, OASIS.decodeFlops());
        assertEquals(96_580_141_056L, OASIS.encodeFlops());
    }

    @Test
    void summaryNamesEveryPreset() {
        for (VitVaeConfig preset : VitVaeConfig.PRESETS) {
            String summary = VitVaeLayout.of(preset).summary();
            System.out.println(summary);
            assertTrue(summary.startsWith(preset.name()), summary);
        }
    }
}
