package im.parley.api.session;

import java.net.InetSocketAddress;
import java.time.Instant;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

/** A client's stream on this node: TCP, direct TLS, and later WebSocket and BOSH. */
public interface LocalSession {

    /** The bound full JID, or null before resource binding. */
    JID address();

    /** The stream id the server chose. */
    String streamId();

    /** The domain the client's stream addressed. */
    String domain();

    boolean authenticated();

    /** Whether the client has sent available presence and not since gone unavailable. */
    boolean available();

    /** The last broadcast presence the client sent, or null. */
    Presence presence();

    /** Presence priority (RFC 6121 §4.7.2.3), 0 until set. */
    int priority();

    /**
     * Whether the client's connection dropped and the session waits for it to resume (XEP-0198):
     * stanzas delivered now reach the client only when it comes back.
     */
    boolean detached();

    /** Whether the stream is encrypted. */
    boolean secure();

    InetSocketAddress remoteAddress();

    /** "tcp", "tls", "websocket" or "bosh". */
    String transport();

    Instant connectedAt();

    /** When the client last sent anything, whitespace included. */
    Instant lastActivity();

    <T> T get(SessionKey<T> key);

    <T> void set(SessionKey<T> key, T value);

    /**
     * Sets or clears a flag that the routing table publishes with the session's route, so that
     * modules on every node can see it (for example that the session asked for the roster).
     */
    void flag(String flag, boolean on);

    boolean flagged(String flag);

    /** Runs DELIVERY interceptors and writes the stanza to the client, without blocking. */
    void deliver(Packet stanza);

    /** Sends a stream error and closes the stream. */
    void close(StreamError error);
}
