package io.neuroframe.codec.model;

import io.neuroframe.api.LatentContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvDecoderConfigTest {

    @Test
    void nfTinyUpsamplesTokensToThePatchSize() {
        ConvDecoderConfig c = ConvDecoderConfig.NF_TINY;
        int factor = c.outputFactor();
        for (ConvDecoderConfig.Stage s : c.stages()) {
            factor *= s.factor();
        }
        assertEquals(LatentContract.PATCH_SIZE, factor);
        List<ConvDecoderConfig.Conv> convs = c.convs();
        ConvDecoderConfig.Conv out = convs.get(convs.size() - 1);
        assertEquals(LatentContract.IMAGE_HEIGHT, out.height() * c.outputFactor());
        assertEquals(LatentContract.IMAGE_WIDTH, out.width() * c.outputFactor());
        assertEquals(LatentContract.IMAGE_CHANNELS * c.outputFactor() * c.outputFactor(), out.out());
    }

    @Test
    void parameterCountAndFlopsFollowTheTensorShapes() {
        ConvDecoderConfig c = ConvDecoderConfig.NF_TINY;
        long fromShapes = 0;
        for (int[] shape : c.tensors().values()) {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            fromShapes += n;
        }
        assertEquals(fromShapes, c.parameterCount());
        // the stem alone: 18 x 32 positions, 16 -> stemChannels, 3x3
        long stem = 2L * LatentContract.TOKENS * LatentContract.CHANNELS * c.stemChannels() * 9;
        assertEquals(stem, c.convs().get(0).flops());
        assertTrue(c.flops() > stem);
    }

    @Test
    void factorsThatDoNotMultiplyToTwentyAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConvDecoderConfig("bad", 8, 0, List.of(new ConvDecoderConfig.Stage(2, 8, 0)), 4));
        assertTrue(e.getMessage().contains("multiply to 8"), e.getMessage());
    }

    @Test
    void metadataRoundTripsTheConfig() {
        ConvDecoderConfig c = new ConvDecoderConfig("custom", 32, 2,
                List.of(new ConvDecoderConfig.Stage(4, 16, 0), new ConvDecoderConfig.Stage(5, 8, 3)), 1);
        Map<String, String> metadata = c.toMetadata();
        assertTrue(ConvDecoderConfig.describedBy(metadata));
        assertEquals(c, ConvDecoderConfig.fromMetadata(metadata));
        assertArrayEquals(new int[] {8, 8, 3, 3}, c.tensors().get("up.1.blocks.2.weight"));
    }

    @Test
    void unknownPresetNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvDecoderConfig.preset("nf-huge"));
        assertTrue(e.getMessage().contains("nf-tiny"), e.getMessage());
        assertEquals(ConvDecoderConfig.NF_TINY, ConvDecoderConfig.preset(" NF-Tiny "));
    }
}
