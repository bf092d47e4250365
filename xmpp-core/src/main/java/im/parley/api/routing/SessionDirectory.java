package im.parley.api.routing;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * Every bound resource in the cluster, where it is and its presence: the read side of the
 * {@link RoutingTable}, for modules that act on a user's resources wherever they are.
 */
public interface SessionDirectory {

    /** The route of one full JID. */
    Optional<Route> route(JID full);

    /** All routes of a bare JID's resources. */
    List<Route> routes(JID bare);

    /** Every route; for admin views, not for stanza delivery. */
    Collection<Route> all();
}
