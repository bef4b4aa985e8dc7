package io.neuroframe.api.source;

/**
 * Where latent frames come from: a world model, an encoder looking at the engine's own render,
 * a recording, or a remote server.
 *
 * <p>Contract, which every implementation follows:
 * <ul>
 *   <li>{@link #pull} is called on one thread only (the pipeline's latent worker), over and over.
 *       It must not wait for long: when no new frame is due it returns {@link Pull#NONE_READY}
 *       and the pipeline asks again shortly. A source paces itself (by its own clock, by the
 *       engine's frames, by the player's input).</li>
 *   <li>On {@link Pull#FRAME} it has written one scaled latent into {@link LatentFrame#latent()}
 *       (see there) and may have set the action and the input sampling time.</li>
 *   <li>{@link Pull#ENDED} is final: the pipeline stops asking and keeps showing the last frame.</li>
 *   <li>An exception from {@link #pull} is a fault: the pipeline counts it, logs it once and asks
 *       again after an exponential back-off.</li>
 *   <li>A source handed to a pipeline belongs to it: the pipeline closes it on its worker thread.</li>
 * </ul>
 */
public interface LatentSource extends AutoCloseable {

    /** What a {@link #pull} produced. */
    enum Pull {
        /** A new latent was written into the frame. */
        FRAME,
        /** Nothing new yet; ask again later. A source silent this way for too long has stalled. */
        NONE_READY,
        /**
         * Nothing new because the source waits for input it does not control (a world model
         * waiting for the player's next action); ask again later. Never a stall.
         */
        WAITING,
        /** The source has no more frames, ever. */
        ENDED
    }

    /** Writes the next latent into {@code frame} if one is due; never blocks for long. */
    Pull pull(LatentFrame frame);

    /**
     * Forgets what is ready now, so that the next {@link #pull} delivers only what arrives after this call. The
     * pipeline calls it, on the latent worker, when it takes only fresh frames
     * ({@code FramePipeline.Builder.freshFramesOnly}): an engine image that waited through the previous frame's
     * encode and decode is already old. The default does nothing, right for sources without a backlog (a world
     * model stepping on demand, a recording).
     */
    default void dropPending() {
    }

    /** A short human-readable name, e.g. {@code "replay walk.nflat (300 frames)"}. */
    String describe();

    /** Frees what the source holds (files, encoder sessions, connections). */
    @Override
    void close();
}
