package io.neuroframe.codec.model;

import io.neuroframe.api.LatentContract;

import java.util.List;
import java.util.Locale;

/**
 * Shapes of one ViT-VAE preset. Every preset speaks {@link io.neuroframe.api.LatentContract}
 * and names its tensors the way Oasis's {@code vit-l-20.safetensors} does, so a checkpoint of any
 * preset is read by the same loader.
 *
 * @param name preset key used on the command line, e.g. {@code nf-small}
 * @param latentDim channels per latent token (16)
 * @param patchSize side of a square patch in pixels (20)
 * @param encDim encoder width
 * @param encDepth encoder transformer blocks
 * @param encHeads encoder attention heads
 * @param decDim decoder width
 * @param decDepth decoder transformer blocks
 * @param decHeads decoder attention heads
 * @param mlpRatio hidden width of each MLP as a multiple of the block width (4)
 */
public record VitVaeConfig(String name, int latentDim, int patchSize,
                           int encDim, int encDepth, int encHeads,
                           int decDim, int decDepth, int decHeads, int mlpRatio) {

    /** Oasis's ViT-VAE ({@code vit-l-20-shallow-encoder}): 229,246,160 parameters. */
    public static final VitVaeConfig OASIS_VIT_L_20 =
            new VitVaeConfig("oasis-vit-l-20", 16, 20, 1024, 6, 16, 1024, 12, 16, 4);

    /**
     * The small default trained on the demo world: width 128, encoder 2 blocks, decoder 4 blocks,
     * 2 heads of 64 (the same head width, hence the same rotary layout, as Oasis).
     */
    public static final VitVaeConfig NF_SMALL =
            new VitVaeConfig("nf-small", 16, 20, 128, 2, 2, 128, 4, 2, 4);

    /** Every named preset, in the order they are listed to users. */
    public static final List<VitVaeConfig> PRESETS = List.of(NF_SMALL, OASIS_VIT_L_20);

    public VitVaeConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        requirePositive("latentDim", latentDim);
        requirePositive("patchSize", patchSize);
        requirePositive("encDim", encDim);
        requirePositive("encDepth", encDepth);
        requirePositive("encHeads", encHeads);
        requirePositive("decDim", decDim);
        requirePositive("decDepth", decDepth);
        requirePositive("decHeads", decHeads);
        requirePositive("mlpRatio", mlpRatio);
        if (latentDim != LatentContract.CHANNELS || patchSize != LatentContract.PATCH_SIZE) {
            throw new IllegalArgumentException(name + ": the latent contract needs latentDim "
                    + LatentContract.CHANNELS + " and patchSize " + LatentContract.PATCH_SIZE
                    + ", got latentDim=" + latentDim + ", patchSize=" + patchSize);
        }
        if (encDim % encHeads != 0 || decDim % decHeads != 0) {
            throw new IllegalArgumentException(name + ": width must be a multiple of the head count (encDim="
                    + encDim + ", encHeads=" + encHeads + ", decDim=" + decDim + ", decHeads=" + decHeads + ")");
        }
        if ((encDim / encHeads) % 8 != 0 || (decDim / decHeads) % 8 != 0) {
            throw new IllegalArgumentException(name + ": head width must be a multiple of 8 for the axial rotary"
                    + " layout (encoder head " + encDim / encHeads + ", decoder head " + decDim / decHeads + ")");
        }
    }

    /**
     * The preset called {@code name} (case-insensitive), e.g. {@code nf-small} or {@code oasis-vit-l-20}.
     *
     * @throws IllegalArgumentException naming the known presets if there is none of that name
     */
    public static VitVaeConfig preset(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (VitVaeConfig preset : PRESETS) {
            if (preset.name().equals(key)) {
                return preset;
            }
        }
        throw new IllegalArgumentException("unknown ViT-VAE preset '" + name + "'; known presets: "
                + String.join(", ", PRESETS.stream().map(VitVaeConfig::name).toList()));
    }

    /** Width of one encoder attention head. */
    public int encHeadDim() {
        return encDim / encHeads;
    }

    /** Width of one decoder attention head. */
    public int decHeadDim() {
        return decDim / decHeads;
    }

    /** Values one token carries in pixel space: 3 colours x patch x patch (1200). */
    public int patchValues() {
        return LatentContract.IMAGE_CHANNELS * patchSize * patchSize;
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }
}
