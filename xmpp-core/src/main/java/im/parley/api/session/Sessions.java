package im.parley.api.session;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.xmpp.packet.JID;

/** The client sessions bound on this node. */
public interface Sessions {

    Optional<LocalSession> find(JID full);

    /** The bound sessions of one account on this node. */
    List<LocalSession> of(JID bare);

    /** All bound sessions on this node. */
    Collection<LocalSession> all();

    int count();

    /** The session with a stream management resumption id (XEP-0198) on this node, if any. */
    Optional<LocalSession> resumableSession(String id);
}
