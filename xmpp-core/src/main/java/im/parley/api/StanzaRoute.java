package im.parley.api;

/** The points on a message's or presence's path where modules can handle it. */
public enum StanzaRoute {
    /** A message addressed to a served domain itself. Default: service-unavailable for chat/normal. */
    MESSAGE_TO_SERVER,
    /**
     * A message for a local account (its bare JID, or a full JID without a session that RFC 6121
     * §8.5.3.2.1 treats as the bare JID). Default: the RFC 6121 §8.5.2 delivery rules.
     */
    MESSAGE_TO_ACCOUNT,
    /**
     * A message for an existing local account that no resource can take (RFC 6121 §8.5.2.2).
     * Default: service-unavailable to the sender for chat and normal, silence otherwise.
     */
    MESSAGE_UNDELIVERABLE,
    /**
     * A presence sent by a local client, before routing. Default: a presence without 'to'
     * updates the session's availability; one with 'to' is routed.
     */
    PRESENCE_FROM_CLIENT,
    /** A presence for a local account. Default: delivered to its available resources (or the named one). */
    PRESENCE_TO_ACCOUNT,
    /** A presence addressed to a served domain itself. Default: ignored. */
    PRESENCE_TO_SERVER
}
