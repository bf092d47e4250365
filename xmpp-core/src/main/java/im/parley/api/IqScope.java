package im.parley.api;

/** Which address an IQ handler answers for. */
public enum IqScope {
    /** IQs addressed to a served domain itself, e.g. {@code to='example.org'}. */
    SERVER,
    /**
     * IQs addressed to a local account's bare JID, handled by the server on the account's
     * behalf (RFC 6120 §10.5.3); an IQ from a client without 'to' is handled as addressed to
     * the sender's own bare JID (RFC 6120 §10.3.3).
     */
    ACCOUNT
}
