package io.neuroframe.render.upscale;

/**
 * An upscaler followed by sharpening at the target size. The intermediate image is rounded to
 * 8 bits per channel, as the GPU path stores it in an RGBA8 render target.
 */
final class SharpenedUpscaler implements CpuUpscaler {
    private final CpuUpscaler upscaler;
    private final ContrastAdaptiveSharpener sharpener;
    private RgbaImage intermediate;

    SharpenedUpscaler(CpuUpscaler upscaler, ContrastAdaptiveSharpener sharpener) {
        this.upscaler = upscaler;
        this.sharpener = sharpener;
    }

    @Override
    public void upscale(RgbaImage source, RgbaImage target) {
        if (intermediate == null || intermediate.width() != target.width()
                || intermediate.height() != target.height()) {
            intermediate = new RgbaImage(target.width(), target.height());
        }
        upscaler.upscale(source, intermediate);
        intermediate.quantizeToRgba8();
        sharpener.upscale(intermediate, target);
    }
}
