package io.neuroframe.codec.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VitVaeConfigTest {

    @Test
    void findsPresetsByNameIgnoringCase() {
        assertSame(VitVaeConfig.NF_SMALL, VitVaeConfig.preset("nf-small"));
        assertSame(VitVaeConfig.OASIS_VIT_L_20, VitVaeConfig.preset(" Oasis-ViT-L-20 "));
    }

    @Test
    void unknownPresetErrorListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VitVaeConfig.preset("nf-huge"));
        assertTrue(e.getMessage().contains("nf-huge"), e.getMessage());
        assertTrue(e.getMessage().contains("nf-small") && e.getMessage().contains("oasis-vit-l-20"), e.getMessage());
    }

    @Test
    void smallPresetKeepsOasisHeadWidth() {
        assertEquals(64, VitVaeConfig.NF_SMALL.encHeadDim());
        assertEquals(64, VitVaeConfig.NF_SMALL.decHeadDim());
        assertEquals(VitVaeConfig.OASIS_VIT_L_20.decHeadDim(), VitVaeConfig.NF_SMALL.decHeadDim());
        assertEquals(1200, VitVaeConfig.NF_SMALL.patchValues());
    }

    @Test
    void rejectsShapesOutsideTheLatentContract() {
        assertThrows(IllegalArgumentException.class, () -> new VitVaeConfig("x", 8, 20, 64, 1, 1, 64, 1, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> new VitVaeConfig("x", 16, 16, 64, 1, 1, 64, 1, 1, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VitVaeConfig("x", 16, 20, 60, 1, 1, 64, 1, 1, 4));
        assertTrue(e.getMessage().contains("multiple of 8"), e.getMessage());
    }
}
