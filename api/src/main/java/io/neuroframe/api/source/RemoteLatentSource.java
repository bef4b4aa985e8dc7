package io.neuroframe.api.source;

/**
 * A latent source on the other side of a network connection (a world model served elsewhere).
 *
 * <p>Contract on top of {@link LatentSource}: the implementation receives on its own thread and
 * keeps only the newest latent; {@link #pull} never waits on the network. While connecting or
 * reconnecting it returns {@link Pull#NONE_READY} (the pipeline keeps the last frame and counts a
 * stall); it returns {@link Pull#ENDED} only when the server ends the stream for good. Received
 * latents must follow {@link io.neuroframe.api.LatentContract} (a frame of another size is
 * written as it arrived, and the pipeline rejects it as wrongly shaped). {@link #close()} ends the
 * connection and its thread.
 */
public interface RemoteLatentSource extends LatentSource {

    /** The state of the connection. */
    enum ConnectionState {
        /** Not connected yet; a local fallback (if any) plays. */
        CONNECTING,
        /** The server answers. */
        CONNECTED,
        /** The server was lost (unreachable, past the deadline); a fallback plays while the source reconnects with back-off. */
        RECONNECTING,
        /**
         * The server is there but refused the requests (a protocol error: unknown model or version, unexpected tensors,
         * credentials it does not accept); the source stops calling it and a fallback plays for the rest of the session.
         */
        PROTOCOL_ERROR,
        /** Closed by the caller. */
        CLOSED
    }

    /** The connection's state now; any thread may ask. */
    ConnectionState connectionState();

    /** Where the source connects to, for overlays and logs, e.g. {@code "grpc://host:8001/world-step"}. */
    String endpoint();

    /**
     * Appends the connection's round trip and counters for an overlay line, e.g.
     * {@code "rtt 12.3 ms (avg 11.8), late 0, rejected 0, failures 0, reconnects 0"}; any thread,
     * allocation-free.
     */
    StringBuilder appendStatus(StringBuilder sb);
}
