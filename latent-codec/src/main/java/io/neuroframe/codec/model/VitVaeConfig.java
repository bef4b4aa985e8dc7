package io.neuroframe.codec.model;

/**
 * Shapes of one ViT-VAE preset. Every preset speaks {@link io.neuroframe.codec.LatentContract}
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
        if (encDim % encHeads != 0 || decDim % decHeads != 0) {
            throw new IllegalArgumentException(name + ": width must be a multiple of the head count (encDim="
                    + encDim + ", encHeads=" + encHeads + ", decDim=" + decDim + ", decHeads=" + decHeads + ")");
        }
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }
}
