package io.neuroframe.render.budget;

/**
 * The budget ladder, from best quality to cheapest. Each rung keeps every saving of the rungs
 * above it and adds one more:
 *
 * <ol>
 *   <li>{@link #FULL_QUALITY}: the preferred upscaler, the adapter, every latent decoded by the
 *       main decoder;</li>
 *   <li>{@link #QUANTIZED_DECODER}: a quantized form of the main decoder that keeps its quality
 *       (within 0.1 dB on the validation frames: the first step down costs nothing visible);</li>
 *   <li>{@link #CHEAPER_UPSCALER}: the engine switches to its cheaper upscaler;</li>
 *   <li>{@link #SKIP_ADAPTER}: latents go to the decoder without the adapter;</li>
 *   <li>{@link #DECODE_EVERY_OTHER_FRAME}: every second latent is skipped and the screen keeps
 *       the last frame for it;</li>
 *   <li>{@link #FALLBACK_DECODER}: the cheaper fallback decoder replaces the main (or quantized) one.</li>
 * </ol>
 */
public enum Rung {
    FULL_QUALITY("full quality"),
    QUANTIZED_DECODER("quantized decoder"),
    CHEAPER_UPSCALER("cheaper upscaler"),
    SKIP_ADAPTER("skip adapter"),
    DECODE_EVERY_OTHER_FRAME("decode every other frame"),
    FALLBACK_DECODER("fallback decoder");

    private final String label;

    Rung(String label) {
        this.label = label;
    }

    /** A short human-readable name for overlays and logs. */
    public String label() {
        return label;
    }

    /** Whether the quantized decoder replaces the main one (until the fallback decoder replaces both). */
    public boolean usesQuantizedDecoder() {
        return compareTo(QUANTIZED_DECODER) >= 0;
    }

    /** Whether the engine should use its cheaper upscaler. */
    public boolean cheaperUpscaler() {
        return compareTo(CHEAPER_UPSCALER) >= 0;
    }

    /** Whether latents bypass the adapter. */
    public boolean skipsAdapter() {
        return compareTo(SKIP_ADAPTER) >= 0;
    }

    /** Whether only every second latent is decoded. */
    public boolean decodesEveryOtherFrame() {
        return compareTo(DECODE_EVERY_OTHER_FRAME) >= 0;
    }

    /** Whether the fallback decoder replaces the main one. */
    public boolean usesFallbackDecoder() {
        return compareTo(FALLBACK_DECODER) >= 0;
    }
}
