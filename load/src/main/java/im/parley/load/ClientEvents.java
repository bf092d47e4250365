package im.parley.load;

import org.dom4j.Element;

/**
 * What a load client reports to the run that drives it. Called on MINA I/O threads (or the TLS
 * task threads): implementations must be quick and must not block.
 */
interface ClientEvents {

    /** Resource bound (and stream management enabled, if asked for) and initial presence sent. */
    default void online(XmppClient client) {
    }

    /** In-band registration answered: created, or the account existed already. */
    default void registered(XmppClient client, boolean created) {
    }

    /** The client gave up before it was online or registered; it has been closed. */
    default void failed(XmppClient client, String reason) {
    }

    /** A message stanza arrived on an online client. */
    default void message(XmppClient client, Element message) {
    }

    /**
     * Under stream management: the server acknowledged a stanza sent with a time stamp by
     * {@link XmppClient#send(String, long, int)}; {@code sentNanos} is that stamp. Called with the
     * client's counters locked: only record.
     */
    default void acknowledged(XmppClient client, long sentNanos) {
    }

    /** An online client lost its connection. */
    default void disconnected(XmppClient client, String reason) {
    }
}
