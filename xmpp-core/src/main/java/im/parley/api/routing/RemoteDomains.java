package im.parley.api.routing;

import org.xmpp.packet.Packet;

/**
 * Where stanzas for other servers go (federation, RFC 6120 §13): the router hands over every
 * stanza whose domain this server neither serves nor hosts a component for.
 */
public interface RemoteDomains {

    /**
     * Takes a stanza for a remote domain. Runs on the sender's worker and must not block; a
     * stanza that cannot be delivered is answered with a stanza error by the implementation.
     */
    void send(Packet stanza);
}
