package io.neuroframe.remote;

import io.grpc.Status;
import java.util.EnumSet;
import java.util.Set;

/**
 * The server refused a request: it is there, but will not answer this client as configured (an
 * unknown model or version, tensors it does not expect, a method it lacks, credentials it does not
 * accept). Asking again does not help, so the clients stop calling instead of reconnecting; the
 * message names the endpoint and carries the server's own status and description.
 */
public final class RemoteProtocolException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The status codes a server refuses a request with (as against losing it: unavailable, deadline passed). */
    private static final Set<Status.Code> REFUSALS = EnumSet.of(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND,
            Status.Code.FAILED_PRECONDITION, Status.Code.OUT_OF_RANGE, Status.Code.UNIMPLEMENTED,
            Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED);

    public RemoteProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code status} refuses the request rather than reporting a lost or overloaded server. */
    public static boolean isRefusal(Status status) {
        return REFUSALS.contains(status.getCode());
    }

    /** {@code "CODE: description"} of a status, as the server sent it. */
    static String describe(Status status) {
        return status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
    }
}
