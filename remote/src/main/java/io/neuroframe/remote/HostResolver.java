package io.neuroframe.remote;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into every address it stands for. {@link RemoteChannels} asks it before it
 * sends a bearer token without TLS, to check that the token stays on this machine.
 */
@FunctionalInterface
public interface HostResolver {

    /** The system's name resolution ({@link InetAddress#getAllByName}). */
    HostResolver SYSTEM = InetAddress::getAllByName;

    /**
     * All addresses of {@code host} (a name or an address literal), never empty.
     *
     * @throws UnknownHostException if the name does not resolve
     */
    InetAddress[] resolve(String host) throws UnknownHostException;
}
