package im.parley.s2s;

import im.parley.core.xml.StreamEvent;
import org.dom4j.Element;

/** What one server or component stream does with what its connection reads. Called in order, one at a time. */
interface StreamHandler {

    /** The connection is up (for direct TLS: before the handshake, which {@link #onSecured} reports). */
    default void onOpened() {
    }

    /**
     * Hands an event to the method for its kind, one at a time (under the stream's lock), unless the
     * stream has ended. TlsStarted needs nothing: the handshake runs and a new stream follows it
     * (RFC 6120 §5.4.3.3).
     */
    default void onEvent(StreamEvent event) {
        synchronized (this) {
            if (ended()) {
                return;
            }
            if (event instanceof StreamEvent.Open open) {
                onOpen(open);
            } else if (event instanceof StreamEvent.Child child) {
                onChild(child.element());
            } else if (event instanceof StreamEvent.Failure failure) {
                onBadInput(failure);
            } else if (event instanceof StreamEvent.Close) {
                onPeerClosed();
            }
        }
    }

    /** Whether the stream is over; later events are ignored. */
    boolean ended();

    /** The peer's stream header. */
    void onOpen(StreamEvent.Open open);

    /** A first-level element: negotiation or a stanza. */
    void onChild(Element element);

    /** The input broke a rule: the stream ends with this error. */
    void onBadInput(StreamEvent.Failure failure);

    /** The peer closed its stream: close ours. */
    void onPeerClosed();

    /** TLS was set up on the connection (after STARTTLS or direct TLS). */
    default void onSecured() {
    }

    /** Nothing passed for the idle timeout. */
    void onIdle();

    /** The connection is gone, whoever closed it. */
    void onClosed();
}
