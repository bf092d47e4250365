package im.parley.s2s;

import im.parley.core.xml.StreamEvent;

/** What one server or component stream does with what its connection reads. Called in order, one at a time. */
interface StreamHandler {

    /** The connection is up (for direct TLS: before the handshake, which {@link #onSecured} reports). */
    default void onOpened() {
    }

    void onEvent(StreamEvent event);

    /** TLS was set up on the connection (after STARTTLS or direct TLS). */
    default void onSecured() {
    }

    /** Nothing passed for the idle timeout. */
    void onIdle();

    /** The connection is gone, whoever closed it. */
    void onClosed();
}
