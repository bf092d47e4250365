package im.parley.api.event;

import java.net.InetAddress;

/**
 * A client from an address gave wrong credentials (a failed SASL exchange, not an abort).
 * Published on the session's worker, so listeners must be quick.
 *
 * @param address the client's IP address
 * @param domain the domain its stream addressed
 */
public record AuthFailed(InetAddress address, String domain) implements ServerEvent {
}
