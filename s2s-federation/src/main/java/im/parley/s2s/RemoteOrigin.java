package im.parley.s2s;

import im.parley.api.Origin;
import im.parley.api.session.LocalSession;
import java.util.Optional;
import org.xmpp.packet.JID;

/** Another server (or an external component) that authenticated as a domain. */
record RemoteOrigin(JID jid) implements Origin {

    RemoteOrigin(String domain) {
        this(new JID(null, domain, null, true));
    }

    @Override
    public Kind kind() {
        return Kind.REMOTE;
    }

    @Override
    public Optional<LocalSession> session() {
        return Optional.empty();
    }
}
