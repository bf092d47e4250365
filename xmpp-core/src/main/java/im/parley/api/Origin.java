package im.parley.api;

import im.parley.api.session.LocalSession;
import java.util.Optional;
import org.xmpp.packet.JID;

/** Who sent a stanza that a handler is looking at. */
public interface Origin {

    /** The kinds of sender. */
    enum Kind {
        /** A bound local client session. */
        CLIENT,
        /** A local client that has not authenticated yet (only pre-auth handlers see these). */
        UNAUTHENTICATED,
        /** The server itself or one of its modules. */
        SERVER,
        /** Another server, through federation. */
        REMOTE,
        /** Another node of this cluster, relaying for one of its clients. */
        CLUSTER
    }

    Kind kind();

    /** The sender's address: a full JID for clients, a domain for servers; null before authentication. */
    JID jid();

    /** The local session the stanza came from, when it came from one. */
    Optional<LocalSession> session();

    /** Whether the sender is a local client whose bare JID is the given one. */
    default boolean isAccount(JID bare) {
        return kind() == Kind.CLIENT && jid() != null && jid().toBareJID().equals(bare.toBareJID());
    }
}
