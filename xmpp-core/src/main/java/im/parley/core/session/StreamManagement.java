package im.parley.core.session;

import im.parley.core.stream.StreamErrorException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * Stream management (XEP-0198) state of one session: stanzas counted both ways and those the
 * client has not acknowledged yet, kept to send again on resumption or to route elsewhere when
 * the session ends. Callers hold the session's write lock.
 */
final class StreamManagement {
    static final String NS = "urn:xmpp:sm:3";
    static final String REQUEST = "<r xmlns='" + NS + "'/>";
    /** XEP-0198 §4: counters wrap at 2^32. */
    private static final long WRAP = 1L << 32;

    /** A stanza sent to the client and not acknowledged, with the text written and when. */
    record Unacked(Packet stanza, String xml, Instant sentAt) {
    }

    private final String id;
    private final ArrayDeque<Unacked> unacked = new ArrayDeque<>();
    /** Stanzas received from the client, and how many of the first of them are handled (absolute counts). */
    private long received;
    private long handled;
    /** Stanzas handled ahead of one received before them that still waits (a handoff to another node). */
    private final java.util.TreeSet<Long> handledAhead = new java.util.TreeSet<>();
    /** Client {@code <r/>}s not answered yet: the count each waits for. */
    private final ArrayDeque<Long> owedAnswers = new ArrayDeque<>();
    /** Stanzas sent to the client, and how many of them it acknowledged (absolute counts). */
    private long sent;
    private long acked;
    private boolean requested;

    /** @param id the resumption id, or null when the session cannot be resumed */
    StreamManagement(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    boolean resumable() {
        return id != null;
    }

    /** Counts a stanza from the client as received; returns its number, for {@link #handled}. */
    long receivedOne() {
        return ++received;
    }

    /**
     * Counts the stanza with this number as handled. The count the client sees covers the first
     * stanzas up to the first one not handled yet, so one that waits holds back those after it.
     * Returns whether a {@code <r/>} the client sent is now due for its answer.
     */
    boolean handled(long number) {
        if (number == handled + 1) {
            handled++;
            while (!handledAhead.isEmpty() && handledAhead.first() == handled + 1) {
                handledAhead.pollFirst();
                handled++;
            }
        } else if (number > handled) {
            handledAhead.add(number);
        }
        boolean due = false;
        while (!owedAnswers.isEmpty() && owedAnswers.peekFirst() <= handled) {
            owedAnswers.pollFirst();
            due = true;
        }
        return due;
    }

    /**
     * The answer to the client's {@code <r/>}: at once when every stanza it sent before is handled,
     * else null, and it is due when they are (acknowledge after durable).
     */
    String answerOrOwe() {
        if (handled == received) {
            return answer();
        }
        if (owedAnswers.isEmpty() || owedAnswers.peekLast() != received) {
            owedAnswers.addLast(received); // repeated <r/>s with nothing between share one answer
        }
        return null;
    }

    /** The handled count, as an {@code <a/>}. */
    String answer() {
        return "<a xmlns='" + NS + "' h='" + (handled % WRAP) + "'/>";
    }

    /** The {@code <resumed/>} element for a resumption of this session. */
    String resumed() {
        return "<resumed xmlns='" + NS + "' h='" + (handled % WRAP) + "' previd='" + id + "'/>";
    }

    /**
     * Keeps a stanza being sent until the client acknowledges it; returns whether to ask for an
     * acknowledgement now (one request in flight at a time, so acks cost one round trip, not one per stanza).
     */
    boolean track(Packet stanza, String xml, Instant now) {
        unacked.add(new Unacked(stanza, xml, now));
        sent++;
        if (requested) {
            return false;
        }
        requested = true;
        return true;
    }

    /**
     * Takes the client's count of handled stanzas (h, modulo 2^32); returns whether to ask again
     * because stanzas sent meanwhile are still unacknowledged.
     *
     * @throws StreamErrorException if h counts more stanzas than were sent (XEP-0198 §4)
     */
    boolean acknowledge(long h) throws StreamErrorException {
        long newAcked = acked + Math.floorMod(h - acked, WRAP);
        if (h < 0 || h >= WRAP || newAcked > sent) {
            throw new StreamErrorException(StreamError.Condition.undefined_condition,
                    "acknowledged " + h + " stanzas but only " + (sent % WRAP) + " were sent (handled-count-too-high)");
        }
        for (long n = acked; n < newAcked; n++) {
            unacked.poll();
        }
        acked = newAcked;
        requested = !unacked.isEmpty();
        return requested;
    }

    /** Whether a count from the client is possible: not more than was sent. */
    boolean accepts(long h) {
        return h >= 0 && h < WRAP && acked + Math.floorMod(h - acked, WRAP) <= sent;
    }

    int queued() {
        return unacked.size();
    }

    /** The stanzas not acknowledged, oldest first; they stay kept. */
    List<Unacked> pending() {
        return List.copyOf(unacked);
    }

    /** Takes every stanza not acknowledged, oldest first, and forgets them. */
    List<Unacked> drain() {
        List<Unacked> all = List.copyOf(unacked);
        unacked.clear();
        return all;
    }
}
