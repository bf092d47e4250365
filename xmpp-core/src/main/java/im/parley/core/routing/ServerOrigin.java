package im.parley.core.routing;

import im.parley.api.Origin;
import im.parley.api.session.LocalSession;
import java.util.Optional;
import org.xmpp.packet.JID;

/** The origin of stanzas the server or its modules produce. */
public record ServerOrigin(JID jid) implements Origin {
    @Override
    public Kind kind() {
        return Kind.SERVER;
    }

    @Override
    public Optional<LocalSession> session() {
        return Optional.empty();
    }
}
