package im.parley.core.session;

import java.net.InetSocketAddress;
import javax.net.ssl.SSLSession;

/**
 * The transport under a client stream: a MINA TCP connection now, WebSocket and BOSH later. The
 * session layer writes XML text to it and reacts to the {@link im.parley.core.xml.StreamEvent}s
 * it delivers.
 */
public interface Connection {

    /** Queues XML for sending; never blocks. */
    void write(String xml);

    /** Queues the XML, then closes the connection once it is sent. */
    void writeAndClose(String xml);

    /** Closes at once, dropping anything not yet sent. */
    void close();

    /** Whether the connection is encrypted (direct TLS, or STARTTLS done). */
    boolean secure();

    /** Whether this transport can upgrade to TLS now (STARTTLS, RFC 6120 §5). */
    boolean canStartTls();

    /** Lets the transport accept the next STARTTLS request: the session has offered it. */
    void offerStartTls(boolean offered);

    /** The TLS session once secure, for channel binding; otherwise null. */
    SSLSession sslSession();

    /** Discards the parser state: the next bytes must open a new stream (after SASL success, RFC 6120 §6.4.6). */
    void restartStream();

    InetSocketAddress remoteAddress();

    /** "tcp", "tls", "websocket" or "bosh". */
    String transport();

    /** When bytes were last read, whitespace keepalives included. */
    java.time.Instant lastRead();

    /** Marks one received stream event as handled (read backpressure). */
    void eventHandled();

    /**
     * Sends this connection's events to another listener from now on, or to none (null): a
     * resumed session (XEP-0198) takes over the new connection, and lets go of its old one.
     */
    void listen(im.parley.core.net.StreamListener listener);
}
