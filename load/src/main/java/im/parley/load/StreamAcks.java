package im.parley.load;

import java.util.function.LongConsumer;

/**
 * The client half of stream management (XEP-0198) on one stream: stanzas counted both ways, and
 * the send times of the stanzas whose acknowledgement by the server is awaited. Outbound counting
 * and acknowledgements happen under this object's lock, which the client also holds around the
 * write, so that stanza numbers follow the order on the wire even when several threads send.
 * Inbound counting happens only on the client's I/O thread.
 */
final class StreamAcks {
    /** XEP-0198 §4: counts wrap at 2^32. */
    static final long WRAP = 1L << 32;
    /** A stanza sent without a time stamp: counted, but nobody waits for its acknowledgement. */
    static final long NO_STAMP = Long.MIN_VALUE;

    private long handled;
    private long sent;
    private long acked;
    private long sinceRequest;
    /** A ring of (stanza number, send time) of the stamped stanzas not acknowledged yet, oldest first. */
    private long[] numbers = new long[16];
    private long[] stamps = new long[16];
    private int head;
    private int size;

    /** Counts a stanza received from the server (message, presence or iq). I/O thread only. */
    void handledOne() {
        handled++;
    }

    /** The answer to the server's {@code <r/>}. I/O thread only. */
    String answer() {
        return Stanzas.smAnswer(handled % WRAP);
    }

    /**
     * Counts a stanza about to be written (call with this object's lock held, around the write);
     * a stamped one is kept until acknowledged. Returns whether to ask for an acknowledgement with
     * it: every {@code requestEvery}-th stamped stanza, never when 0.
     */
    synchronized boolean sentOne(long stampNanos, int requestEvery) {
        sent++;
        if (stampNanos == NO_STAMP) {
            return false;
        }
        if (size == numbers.length) {
            grow();
        }
        int tail = (head + size) % numbers.length;
        numbers[tail] = sent;
        stamps[tail] = stampNanos;
        size++;
        if (requestEvery > 0 && ++sinceRequest >= requestEvery) {
            sinceRequest = 0;
            return true;
        }
        return false;
    }

    /**
     * Takes the server's count of handled stanzas (h, modulo 2^32) and passes the send time of
     * every stamped stanza it newly covers to {@code covered}, oldest first. Returns false, changing
     * nothing, when h counts more stanzas than were sent (XEP-0198 §4: handled-count-too-high).
     */
    synchronized boolean acknowledged(long h, LongConsumer covered) {
        long now = advance(acked, h);
        if (h < 0 || h >= WRAP || now > sent) {
            return false;
        }
        acked = now;
        while (size > 0 && numbers[head] <= now) {
            long stamp = stamps[head];
            head = (head + 1) % numbers.length;
            size--;
            covered.accept(stamp);
        }
        return true;
    }

    /** Stamped stanzas still waiting for the server's acknowledgement. */
    synchronized int awaited() {
        return size;
    }

    synchronized long sent() {
        return sent;
    }

    /** The value of an 'h' attribute, or -1 when it is missing or not a number. */
    static long count(String h) {
        try {
            return h == null ? -1 : Long.parseLong(h);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The absolute count a wrapped {@code h} stands for, given the last absolute count {@code acked}. */
    static long advance(long acked, long h) {
        return acked + Math.floorMod(h - acked, WRAP);
    }

    private void grow() {
        long[] n = new long[numbers.length * 2];
        long[] s = new long[stamps.length * 2];
        for (int i = 0; i < size; i++) {
            n[i] = numbers[(head + i) % numbers.length];
            s[i] = stamps[(head + i) % stamps.length];
        }
        numbers = n;
        stamps = s;
        head = 0;
    }
}
