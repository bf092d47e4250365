package im.parley.module.blocking;

import im.parley.api.ServerInfo;
import im.parley.api.StanzaErrors;
import im.parley.api.StanzaException;
import im.parley.api.session.LocalSession;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Keeps blocked entities and the users who block them apart (XEP-0191 §3.3), as two interceptors.
 *
 * <p>INBOUND, on what a local client sends: the sender's own block list refuses stanzas to blocked
 * addresses, and a local addressee's list refuses the sender with the errors the XEP prescribes.
 * This phase sees every stanza of a local client before anything answers it, including IQs the
 * server answers for an account and messages for accounts that are offline.
 *
 * <p>DELIVERY, on what is about to be written to a session: a backstop for stanzas that did not come
 * from a local client (presence the server broadcasts for a user, and later stanzas from other
 * servers), dropped silently in both directions. Errors always pass: they answer what the
 * receiving side sent itself, and the XEP's own errors travel "from" the other party.
 */
final class BlockingEnforcer {
    private final BlockLists lists;
    private final ServerInfo server;

    BlockingEnforcer(BlockLists lists, ServerInfo server) {
        this.lists = lists;
        this.server = server;
    }

    /** The INBOUND interceptor: {@code session} is the sender's. */
    Packet inbound(Packet stanza, LocalSession session) throws StanzaException {
        JID from = stanza.getFrom();
        JID to = stanza.getTo();
        if (to == null || exempt(from, to)) {
            return stanza;
        }
        if (lists.of(from).blocks(to)) {
            // XEP-0191 §3.3: the user's own outbound stanza to a blocked contact MUST NOT be routed
            // but answered with not-acceptable and <blocked/>; answers (IQ results, errors) are
            // dropped instead, as no error may answer them.
            if (isAnswer(stanza)) {
                return null;
            }
            throw new BlockedException();
        }
        if (isLocalAccount(to) && lists.of(to).blocks(from)) {
            return refuseFromBlocked(stanza);
        }
        return stanza;
    }

    /** The DELIVERY interceptor: {@code session} is the recipient's. */
    Packet delivery(Packet stanza, LocalSession session) {
        JID from = stanza.getFrom();
        JID to = session.address();
        if (from == null || StanzaErrors.isError(stanza) || exempt(from, to)) {
            return stanza;
        }
        if (lists.of(to).blocks(from)) {
            return null; // XEP-0191 §3.3: MUST NOT deliver any stanza from the contact to the user
        }
        if (isLocalAccount(from) && lists.of(from).blocks(to) && !isUnavailable(stanza)) {
            // The blocked contact gets nothing from the user; unavailable presence is how the
            // block itself takes the user's presence back (XEP-0191 §3.3).
            return null;
        }
        return stanza;
    }

    /**
     * XEP-0191 §3.3, a blocked entity's stanza for the user: presence is dropped without an error,
     * messages get service-unavailable (SHOULD), IQ get and set get service-unavailable (MUST), and
     * other IQs and errors are dropped.
     */
    private static Packet refuseFromBlocked(Packet stanza) throws StanzaException {
        if (stanza instanceof Presence || isAnswer(stanza)) {
            return null;
        }
        throw new StanzaException(PacketError.Condition.service_unavailable);
    }

    /** Errors of any kind and IQ results: stanzas that must never be answered with an error. */
    private static boolean isAnswer(Packet stanza) {
        return StanzaErrors.isError(stanza) || stanza instanceof IQ iq && iq.getType() == IQ.Type.result;
    }

    /**
     * Traffic no block list covers: within one account (its own resources, the server acting for
     * it) and with the server itself, whose pings and disco a user cannot do without.
     */
    private boolean exempt(JID from, JID to) {
        return from.toBareJID().equals(to.toBareJID()) || isServer(from) || isServer(to);
    }

    private boolean isServer(JID address) {
        return address.getNode() == null && address.getResource() == null && server.isLocalDomain(address.getDomain());
    }

    private boolean isLocalAccount(JID address) {
        return address.getNode() != null && server.isLocalDomain(address.getDomain());
    }

    private static boolean isUnavailable(Packet stanza) {
        return stanza instanceof Presence p && p.getType() == Presence.Type.unavailable;
    }
}
