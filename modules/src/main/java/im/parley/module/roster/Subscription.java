package im.parley.module.roster;

/** The subscription states of RFC 6121 §2.1.2.5, from the roster owner's point of view. */
public enum Subscription {
    /** Neither sees the other's presence. */
    NONE,
    /** The owner sees the contact's presence. */
    TO,
    /** The contact sees the owner's presence. */
    FROM,
    /** Both see each other's presence. */
    BOTH;

    /** Whether the owner receives the contact's presence. */
    public boolean hasTo() {
        return this == TO || this == BOTH;
    }

    /** Whether the contact receives the owner's presence. */
    public boolean hasFrom() {
        return this == FROM || this == BOTH;
    }

    public Subscription withTo(boolean to) {
        return of(to, hasFrom());
    }

    public Subscription withFrom(boolean from) {
        return of(hasTo(), from);
    }

    static Subscription of(boolean to, boolean from) {
        return to ? (from ? BOTH : TO) : (from ? FROM : NONE);
    }

    /** The attribute value, e.g. "both". */
    public String xml() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
