package im.parley.testing;

import org.xmpp.packet.JID;

/** A test account: its bare JID and password. */
public record Account(String username, String domain, String password) {
    public JID jid() {
        return new JID(username, domain, null);
    }

    @Override
    public String toString() {
        return username + "@" + domain;
    }
}
