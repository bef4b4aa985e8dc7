package io.neuroframe.remote;

/**
 * A server answered, but not with what the model's contract promises (a missing output, another
 * datatype or shape, too few bytes, a non-finite value). The client drops such a response and
 * counts it in {@link RemoteStats}; the message names the model, the tensor and what was wrong.
 */
public final class RemoteResponseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Why a response was rejected, for {@link RemoteStats}. */
    public enum Reason {
        MISSING_OUTPUT,
        WRONG_DATATYPE,
        WRONG_SHAPE,
        WRONG_SIZE,
        NOT_FINITE
    }

    private final Reason reason;

    public RemoteResponseException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the response was rejected. */
    public Reason reason() {
        return reason;
    }
}
