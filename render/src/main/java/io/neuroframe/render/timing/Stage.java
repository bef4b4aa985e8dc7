package io.neuroframe.render.timing;

/**
 * The timed stages of one neural frame, in the order a frame passes through them.
 *
 * <p>The pipeline times {@link #SOURCE} to {@link #PACK} itself, and records {@link #READBACK},
 * {@link #RESAMPLE} and {@link #WORLD_STEP} when the source reports them with the frame; the engine
 * reports {@link #UPLOAD} and {@link #UPSCALE} through {@link StageClock#record}. The end of
 * {@link #UPSCALE} is taken as the moment the frame reaches the screen, for motion-to-photon
 * latency, so an engine without an upscale pass reports its final blit as {@code UPSCALE}.
 *
 * <p>Before each stage a frame may wait: in a hand-off between threads, in a queue, or for the
 * engine's next frame. {@link #waitLabel()} names that wait; {@link StageClock#breakdown} splits
 * motion-to-photon latency into the waits and the stages.
 */
public enum Stage {
    /**
     * Engine side (encoder loopback): reading the rendered frame back, on the render thread:
     * issuing the copy into a pixel buffer, or where there are none, the blocking read.
     */
    READBACK("readback", "engine frame", Lane.ENGINE),
    /**
     * Engine side (encoder loopback): the read-back pixels resampled to 640 x 360 and handed to the
     * source, on the render thread.
     */
    RESAMPLE("resample", "readback in flight", Lane.ENGINE),
    /**
     * A world model's step that made the latent, when it runs on the source's own thread ahead of
     * the pull ({@link io.neuroframe.api.source.LatentFrame#setWorldStep}).
     */
    WORLD_STEP("world step", "action queue", Lane.WORLD_MODEL),
    /** Pulling a latent from the source (encode, world-model step, file read) and validating it. */
    SOURCE("source", "source hand-off", Lane.LATENT_WORKER),
    /** The latent adapter. */
    ADAPTER("adapter", "to adapter", Lane.LATENT_WORKER),
    /** The VAE decoder. */
    DECODE("decode", "latent queue", Lane.DECODE_WORKER),
    /** Copying the decoded image into a frame slot and packing it to RGBA8. */
    PACK("pack", "to pack", Lane.DECODE_WORKER),
    /** Engine side: texture upload of the packed frame. */
    UPLOAD("upload", "frame hand-off", Lane.ENGINE),
    /** Engine side: the upscale pass that puts the frame on screen. */
    UPSCALE("upscale", "to upscale", Lane.ENGINE);

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
    private final String waitLabel;
    private final Lane lane;

    Stage(String label, String waitLabel, Lane lane) {
        this.label = label;
        this.waitLabel = waitLabel;
        this.lane = lane;
    }

    /** A short lower-case name for overlays, traces and CSV, e.g. {@code "decode"}. */
    public String label() {
        return label;
    }

    /**
     * A short lower-case name of what a frame waits in before this stage, e.g. {@code "latent queue"}
     * before {@link #DECODE}; before the frame's first stage it waits from its input sample, so
     * before {@link #READBACK} that is the {@code "engine frame"}.
     */
    public String waitLabel() {
        return waitLabel;
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
