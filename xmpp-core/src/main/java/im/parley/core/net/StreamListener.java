package im.parley.core.net;

import im.parley.core.xml.StreamEvent;

/** What the transport tells the session layer about one client stream. Called on the session's worker. */
public interface StreamListener {

    void onEvent(StreamEvent event);

    /**
     * Offered each event on the I/O thread before it is queued for the worker: a listener takes one
     * it may handle at once, ahead of what waits (a stream management ack, which does not depend on
     * the stanzas before it), and returns true. Must be quick and must not block.
     */
    default boolean takeAhead(StreamEvent event) {
        return false;
    }

    /** Nothing was read for the configured idle time. */
    void onIdle();

    /** The connection is gone, whoever closed it. */
    void onDisconnected();
}
