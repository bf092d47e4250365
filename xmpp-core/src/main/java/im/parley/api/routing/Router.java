package im.parley.api.routing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

/** Sends stanzas on their way: to local accounts, server components, other nodes or other servers. */
public interface Router {

    /**
     * Routes a stanza the server or a module produced. Its 'from' must be set; interceptors of
     * the INBOUND phase do not run (they are for what clients send).
     */
    void route(Packet stanza);

    /**
     * Routes a stanza that entered the server elsewhere than through a client stream (another
     * server, an external component), as if that sender had sent it. The caller has checked that
     * the 'from' belongs to the origin; INBOUND interceptors do not run.
     */
    void route(Packet stanza, im.parley.api.Origin origin);

    /**
     * Sends an IQ request from the server (its 'from' is set to the domain when absent) and
     * completes with the result or error IQ, or exceptionally with a
     * {@link java.util.concurrent.TimeoutException} after the timeout.
     */
    CompletableFuture<IQ> request(IQ request, Duration timeout);
}
