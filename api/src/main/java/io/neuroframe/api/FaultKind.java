package io.neuroframe.api;


/** The kinds of run-time fault the pipeline survives; each is counted in the pipeline's fault log. */
public enum FaultKind {
    /** {@code LatentSource.pull} threw; retried with back-off. */
    SOURCE_ERROR("the latent source failed"),
    /** The source delivered no frame for longer than the stall timeout; polled with back-off. */
    SOURCE_STALLED("the latent source stopped delivering frames"),
    /** A latent held NaN or infinity; the frame was rejected. */
    LATENT_NOT_FINITE("a latent held a non-finite value"),
    /** A latent had the wrong number of floats; the frame was rejected. */
    LATENT_WRONG_SHAPE("a latent had the wrong shape"),
    /** The adapter threw or produced non-finite values; latents bypass it until a retry after back-off. */
    ADAPTER_ERROR("the adapter failed"),
    /** The decoder threw; retried with back-off. */
    DECODER_ERROR("the decoder failed"),
    /** The decoder returned an image holding NaN or infinity; the frame was rejected. */
    DECODER_NOT_FINITE("the decoder output a non-finite value"),
    /** A decode ran past the timeout; its thread and decoder were abandoned and replaced after back-off. */
    DECODER_TIMEOUT("a decode ran past the timeout"),
    /** Making a replacement decoder failed; retried with back-off. */
    DECODER_CREATION("making a replacement decoder failed");

    private final String description;

    FaultKind(String description) {
        this.description = description;
    }

    /** A short sentence fragment, e.g. {@code "the decoder failed"}. */
    public String description() {
        return description;
    }
}
