package im.parley.api;

/** Where an {@link Interceptor} runs. */
public enum Phase {
    /** On every stanza a local client sends, after validation and 'from' stamping, before routing. */
    INBOUND,
    /** On every stanza about to be written to a local client session. */
    DELIVERY
}
