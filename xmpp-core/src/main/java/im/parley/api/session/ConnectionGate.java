package im.parley.api.session;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Decides whether a new client connection (TCP, direct TLS, WebSocket or BOSH) from an address
 * may open, after the core's own c2s limits. Modules contribute one through
 * {@code ctx.contribute(ConnectionGate.class, gate)}; it runs for every new connection, so it
 * must be quick and must not block.
 */
@FunctionalInterface
public interface ConnectionGate {

    /** Why the connection is refused, or empty to let it open. */
    Optional<String> refusal(InetAddress address);
}
