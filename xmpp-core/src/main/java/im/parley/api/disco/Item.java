package im.parley.api.disco;

import org.xmpp.packet.JID;

/** A disco#items entry (XEP-0030 §4), e.g. a service such as conference.example.org. */
public record Item(JID jid, String node, String name) {
}
