package io.neuroframe.render.timing;

/**
 * The timed stages of one neural frame, in the order a frame passes through them.
 *
 * <p>The pipeline times {@link #SOURCE} to {@link #PACK} itself, and {@link #WORLD_STEP} when the
 * source reports it with the frame; the engine reports
 * {@link #UPLOAD} and {@link #UPSCALE} through {@link StageClock#record}. The end of
 * {@link #UPSCALE} is taken as the moment the frame reaches the screen, for motion-to-photon
 * latency, so an engine without an upscale pass reports its final blit as {@code UPSCALE}.
 */
public enum Stage {
    /**
     * A world model's step that made the latent, when it runs on the source's own thread ahead of
     * the pull ({@link io.neuroframe.api.source.LatentFrame#setWorldStep}).
     */
    WORLD_STEP("world step", Lane.WORLD_MODEL),
    /** Pulling a latent from the source (encode, world-model step, file read) and validating it. */
    SOURCE("source", Lane.LATENT_WORKER),
    /** The latent adapter. */
    ADAPTER("adapter", Lane.LATENT_WORKER),
    /** The VAE decoder. */
    DECODE("decode", Lane.DECODE_WORKER),
    /** Copying the decoded image into a frame slot and packing it to RGBA8. */
    PACK("pack", Lane.DECODE_WORKER),
    /** Engine side: texture upload of the packed frame. */
    UPLOAD("upload", Lane.ENGINE),
    /** Engine side: the upscale pass that puts the frame on screen. */
    UPSCALE("upscale", Lane.ENGINE);

    /** The thread a stage runs on; one lane is one row in a trace viewer. */
    public enum Lane {
        LATENT_WORKER("latent worker"),
        DECODE_WORKER("decode worker"),
        ENGINE("engine render thread"),
        WORLD_MODEL("world-model worker");

        private final String label;

        Lane(String label) {
            this.label = label;
        }

        /** A human-readable name, e.g. {@code "decode worker"}. */
        public String label() {
            return label;
        }
    }

    private static final Stage[] ALL = values();

    private final String label;
    private final Lane lane;

    Stage(String label, Lane lane) {
        this.label = label;
        this.lane = lane;
    }

    /** A short lower-case name for overlays, traces and CSV, e.g. {@code "decode"}. */
    public String label() {
        return label;
    }

    /** The thread this stage runs on. */
    public Lane lane() {
        return lane;
    }

    /** Number of stages. */
    public static int count() {
        return ALL.length;
    }

    /** The stage with the given ordinal, without allocating (unlike {@link #values()}). */
    public static Stage of(int ordinal) {
        return ALL[ordinal];
    }
}
