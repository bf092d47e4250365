package im.parley.api;

import org.xmpp.packet.IQ;

/** The two IQ request types a handler can be registered for. */
public enum IqType {
    GET, SET;

    /** The request type of an IQ, or null for results and errors. */
    public static IqType of(IQ iq) {
        return switch (iq.getType()) {
            case get -> GET;
            case set -> SET;
            default -> null;
        };
    }
}
