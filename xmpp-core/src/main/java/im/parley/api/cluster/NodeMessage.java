package im.parley.api.cluster;

/**
 * What one node sends another over the cluster transport.
 *
 * @param kind what the receiving node does with it
 * @param target the full JID of the session it is for ({@link Kind#DELIVER}, {@link Kind#CLOSE}), else null
 * @param streamId the stream id of that session, so that a newer session under the same JID is left alone; may be null
 * @param payload the stanza's XML ({@link Kind#DELIVER}, {@link Kind#ROUTE}) or the stream error condition ({@link Kind#CLOSE})
 * @param receipt for a {@link Kind#DELIVER} whose sender waits to acknowledge a message (XEP-0198), the
 *                receipt ("id@node") to send back in a {@link Kind#CONFIRMED} once the stanza is taken; else null
 */
public record NodeMessage(Kind kind, String target, String streamId, String payload, String receipt) {

    public NodeMessage(Kind kind, String target, String streamId, String payload) {
        this(kind, target, streamId, payload, null);
    }

    public enum Kind {
        /** Deliver the stanza to the local session {@code target}; if it is gone, route it as undeliverable there. */
        DELIVER,
        /** Route the stanza on the receiving node (for example an IQ result for a request it is tracking). */
        ROUTE,
        /** Close the local session {@code target} with the stream error condition in {@code payload}. */
        CLOSE,
        /**
         * End now the resumable session (XEP-0198) whose resumption id and account are {@code payload}
         * ("id bare-jid"): its client came back on another node, so what it missed goes to its new session.
         */
        END_RESUMABLE,
        /** The stanza handed over with the receipt in {@code payload} was taken: written to its session or routed. */
        CONFIRMED
    }
}
