package im.parley.s2s;

import org.xmpp.packet.Packet;

/** A stream that can carry stanzas to a remote domain: an outgoing one, or an incoming bidirectional one (XEP-0288). */
interface StanzaSink {

    void send(Packet stanza);
}
