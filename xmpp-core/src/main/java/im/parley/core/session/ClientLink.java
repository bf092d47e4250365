package im.parley.core.session;

import im.parley.api.Scheduler;
import im.parley.core.net.StreamListener;
import im.parley.core.stream.StreamErrorException;
import java.time.Duration;
import java.util.List;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * A session's link to its client: the connection it writes to (another one after a resumption,
 * a detached one while it waits for the client), and stream management (XEP-0198) over it.
 * Writes, the acknowledgement bookkeeping and switching connections happen under one lock, so a
 * stanza is never sent on a connection the session has left or counted twice.
 */
final class ClientLink {
    private final SessionServices services;
    private final Object lock = new Object();
    private volatile Connection connection;
    private volatile StreamManagement sm;
    private volatile boolean detached;
    private volatile Scheduler.Task expiry;

    ClientLink(Connection connection, SessionServices services) {
        this.connection = connection;
        this.services = services;
    }

    Connection connection() {
        return connection;
    }

    /** Non-stanza XML (stream features, negotiation answers, SM elements). */
    void send(String xml) {
        synchronized (lock) {
            connection.write(xml);
        }
    }

    /** Writes a stanza; under stream management it is kept until the client acknowledges it. */
    void write(Packet stanza, String xml, Runnable overflow) {
        synchronized (lock) {
            StreamManagement m = sm;
            if (m == null) {
                connection.write(xml);
                return;
            }
            boolean ask = m.track(stanza, xml, services.server().clock().instant());
            connection.write(ask ? xml + StreamManagement.REQUEST : xml);
            if (m.queued() > services.c2s().maxUnackedStanzas()) {
                services.scheduler().schedule(Duration.ZERO, overflow);
            }
        }
    }

    boolean managed() {
        return sm != null;
    }

    boolean resumable() {
        StreamManagement m = sm;
        return m != null && m.resumable() && services.c2s().resumptionTimeout().toSeconds() > 0;
    }

    String resumptionId() {
        StreamManagement m = sm;
        return m == null ? null : m.id();
    }

    /**
     * Counts a stanza from the client as received; the returned action counts it as handled, once
     * routed and stored or handed over (acknowledge after durable). Null when the stream is not managed.
     */
    Runnable receivedOne() {
        synchronized (lock) {
            StreamManagement m = sm;
            if (m == null) {
                return null;
            }
            long number = m.receivedOne();
            return () -> handled(m, number);
        }
    }

    private void handled(StreamManagement m, long number) {
        synchronized (lock) {
            if (m.handled(number) && !detached) {
                connection.write(m.answer());
            }
        }
    }

    /** XEP-0198 §3: {@code <enable/>}; returns the resumption id, or null. */
    String enable(boolean resume) {
        synchronized (lock) {
            if (sm != null) {
                connection.write(SmElements.failed("unexpected-request")); // once per stream
                return null;
            }
            long seconds = services.c2s().resumptionTimeout().toSeconds();
            String id = resume && seconds > 0 ? StreamIds.next() + "." + services.node() : null;
            sm = new StreamManagement(id);
            connection.write("<enabled xmlns='" + StreamManagement.NS + "'"
                    + (id == null ? "" : " id='" + id + "' resume='true' max='" + seconds + "'") + "/>");
            return id;
        }
    }

    void answerAckRequest() {
        synchronized (lock) {
            StreamManagement m = sm;
            String answer = m == null ? SmElements.failed("unexpected-request") : m.answerOrOwe();
            if (answer != null) {
                connection.write(answer);
            }
        }
    }

    void acknowledged(long h) throws StreamErrorException {
        synchronized (lock) {
            StreamManagement m = sm;
            if (m == null) {
                connection.write(SmElements.failed("unexpected-request"));
            } else if (m.acknowledge(h)) {
                connection.write(StreamManagement.REQUEST);
            }
        }
    }

    /**
     * An ack taken ahead of the stanzas queued before it: applied when it is valid for a managed
     * stream; otherwise returns false and the ack goes the usual way, to its error.
     */
    boolean acknowledgedAhead(long h) {
        synchronized (lock) {
            StreamManagement m = sm;
            if (m == null || detached || h < 0 || !m.accepts(h)) {
                return false;
            }
            try {
                if (m.acknowledge(h)) {
                    connection.write(StreamManagement.REQUEST);
                }
            } catch (StreamErrorException e) {
                throw new IllegalStateException("an accepted count was refused", e);
            }
            return true;
        }
    }

    /** The connection dropped: writes wait from now on, until {@link #takeOver} or {@code expire}. */
    void detach(Runnable expire) {
        synchronized (lock) {
            connection = new DetachedConnection(connection);
            detached = true;
        }
        expiry = services.scheduler().schedule(services.c2s().resumptionTimeout(), expire);
    }

    boolean detached() {
        return detached;
    }

    /** Ends the wait for a resumption; returns whether the link was detached. */
    boolean endDetachment() {
        synchronized (lock) {
            if (!detached) {
                return false;
            }
            detached = false;
        }
        cancelExpiry();
        return true;
    }

    /** The messages sent and not acknowledged, oldest first; they stay kept. */
    List<org.xmpp.packet.Message> unacknowledgedMessages() {
        synchronized (lock) {
            StreamManagement m = sm;
            return m == null ? List.of() : m.pending().stream()
                    .filter(u -> u.stanza() instanceof org.xmpp.packet.Message)
                    .map(u -> (org.xmpp.packet.Message) u.stanza())
                    .toList();
        }
    }

    /** Takes every stanza not acknowledged, to route elsewhere when the session ends. */
    List<StreamManagement.Unacked> drain() {
        synchronized (lock) {
            StreamManagement m = sm;
            return m == null ? List.of() : m.drain();
        }
    }

    /**
     * XEP-0198 §5: moves to the connection of a stream that resumed this session, answers with the
     * handled count, and sends again what the client has not acknowledged; returns how many.
     */
    int takeOver(Connection next, long h, StreamListener owner) throws StreamErrorException {
        synchronized (lock) {
            StreamManagement m = sm;
            if (m == null || !m.accepts(h)) {
                throw new StreamErrorException(StreamError.Condition.undefined_condition,
                        "the resumed stream acknowledged more stanzas than were sent (handled-count-too-high)");
            }
            if (!detached) {
                // The old connection is half-open (the client noticed first): drop it without ending the session.
                connection.listen(null);
                connection.close();
            }
            detached = false;
            cancelExpiry();
            connection = next;
            next.listen(owner);
            next.write(m.resumed());
            m.acknowledge(h);
            List<StreamManagement.Unacked> again = m.pending();
            if (!again.isEmpty()) {
                StringBuilder out = new StringBuilder();
                again.forEach(u -> out.append(u.xml()));
                next.write(out.append(StreamManagement.REQUEST).toString());
            }
            return again.size();
        }
    }

    private void cancelExpiry() {
        Scheduler.Task timer = expiry;
        if (timer != null) {
            timer.cancel();
        }
    }
}
