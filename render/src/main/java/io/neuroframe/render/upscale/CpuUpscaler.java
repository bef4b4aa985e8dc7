package io.neuroframe.render.upscale;

/**
 * Resamples a whole image on the CPU. Implementations compute the same values as their shader
 * (see {@link Upscaler}), clamp the result to [0, 1] as an 8-bit render target does, reuse their
 * scratch memory between calls and are not thread-safe.
 */
public interface CpuUpscaler {

    /** Fills {@code target} (whose size is the output size) from {@code source}. */
    void upscale(RgbaImage source, RgbaImage target);
}
