package im.parley.testing;

import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.xmpp.packet.JID;

/** Converts between the server's and Smack's JID types. */
public final class Jids {
    private Jids() {
    }

    public static Jid smack(JID jid) {
        try {
            return JidCreate.from(jid.toString());
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Jid smack(String jid) {
        try {
            return JidCreate.from(jid);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
