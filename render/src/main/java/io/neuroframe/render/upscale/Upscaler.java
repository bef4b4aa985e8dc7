package io.neuroframe.render.upscale;

/**
 * The upscaling passes NeuroFrame offers, each with a GPU material definition (in the
 * {@code shaders} module, under {@code NeuroFrame/} on the classpath) and a CPU reference that
 * computes the same image (see {@link #newCpuUpscaler}).
 *
 * <p>All passes map the centre of target pixel {@code x} to the source position
 * {@code s = (x + 0.5) * sourceSize / targetSize - 0.5} (texel centres at integers), read texels
 * by exact integer index and clamp indices to the image (clamp-to-edge). They are interpolation
 * filters meant for magnification; they do not prefilter when shrinking.
 *
 * <p>Every upscaling material takes the parameters {@link #PARAM_SOURCE},
 * {@link #PARAM_SOURCE_SIZE} and {@link #PARAM_TARGET_SIZE}; the sharpening material
 * ({@link #SHARPEN_MATERIAL}) takes {@link #PARAM_SOURCE}, {@link #PARAM_SOURCE_SIZE} and
 * {@link #PARAM_SHARPNESS}. The vertex shader draws the geometry with the world-view-projection
 * matrix and reads texture coordinates in [0, 1] across the target (a jME {@code Picture} or
 * a {@code Quad} with default texture coordinates).
 */
public enum Upscaler {
    /** Bilinear interpolation of the 2 x 2 nearest texels. */
    BILINEAR("Bilinear"),
    /** Separable Catmull-Rom cubic (the cubic convolution kernel with a = -0.5), 4 x 4 texels. */
    BICUBIC("Bicubic"),
    /** Separable Lanczos with a = 3 ({@code sinc(x) sinc(x / 3)}, normalised), 6 x 6 texels. */
    LANCZOS("Lanczos"),
    /**
     * An edge-adaptive Lanczos-2 filter on 4 x 4 texels whose footprint is an ellipse stretched
     * along the local edge, followed by contrast-adaptive sharpening at the target size
     * (two passes; the intermediate image is RGBA8).
     */
    EDGE_ADAPTIVE("EdgeAdaptive");

    /** Material parameter: the source image ({@code Texture2D}). */
    public static final String PARAM_SOURCE = "Source";
    /** Material parameter: the source size in texels ({@code Vector2}, width and height). */
    public static final String PARAM_SOURCE_SIZE = "SourceSize";
    /** Material parameter: the target size in pixels ({@code Vector2}, width and height). */
    public static final String PARAM_TARGET_SIZE = "TargetSize";
    /** Material parameter of the sharpening pass: strength in [0, 1] ({@code Float}). */
    public static final String PARAM_SHARPNESS = "Sharpness";
    /** The contrast-adaptive sharpening pass that {@link #EDGE_ADAPTIVE} runs at the target size. */
    public static final String SHARPEN_MATERIAL = "NeuroFrame/MatDefs/Upscale/Sharpen.j3md";
    /** Sharpening strength used when none is given. */
    public static final float DEFAULT_SHARPNESS = ContrastAdaptiveSharpener.DEFAULT_SHARPNESS;

    private final String materialDefinition;

    Upscaler(String name) {
        this.materialDefinition = "NeuroFrame/MatDefs/Upscale/" + name + ".j3md";
    }

    /** Asset path of this pass's jME material definition (the first pass for {@link #EDGE_ADAPTIVE}). */
    public String materialDefinition() {
        return materialDefinition;
    }

    /** Whether the pass is followed by {@link #SHARPEN_MATERIAL} at the target size. */
    public boolean sharpens() {
        return this == EDGE_ADAPTIVE;
    }

    /**
     * A CPU implementation of this pass that reproduces the shader's result (the CPU reference,
     * also usable as a fallback). Instances reuse their scratch memory and are not thread-safe.
     *
     * @param sharpness strength of the sharpening pass in [0, 1]; ignored unless {@link #sharpens()}
     */
    public CpuUpscaler newCpuUpscaler(float sharpness) {
        return switch (this) {
            case BILINEAR -> new SeparableUpscaler(SeparableKernel.BILINEAR);
            case BICUBIC -> new SeparableUpscaler(SeparableKernel.CATMULL_ROM);
            case LANCZOS -> new SeparableUpscaler(SeparableKernel.LANCZOS3);
            case EDGE_ADAPTIVE -> new SharpenedUpscaler(new EdgeAdaptiveUpscaler(),
                    new ContrastAdaptiveSharpener(sharpness));
        };
    }
}
