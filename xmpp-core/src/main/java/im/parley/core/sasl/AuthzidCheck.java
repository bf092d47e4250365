package im.parley.core.sasl;

import org.xmpp.packet.JID;

/** Clients may name an authorization identity, but only their own (we do not support proxy authorization). */
final class AuthzidCheck {
    private AuthzidCheck() {
    }

    static boolean matches(String authzid, String username, String domain) {
        try {
            JID jid = new JID(authzid);
            return username.equals(jid.getNode()) && domain.equals(jid.getDomain()) && jid.getResource() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
