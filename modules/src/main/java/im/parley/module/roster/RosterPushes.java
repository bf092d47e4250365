package im.parley.module.roster;

import im.parley.api.routing.Route;
import im.parley.api.routing.Router;
import im.parley.api.routing.SessionDirectory;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/** Sends roster pushes (RFC 6121 §2.1.6) to the resources that asked for the roster, on any node. */
final class RosterPushes {
    /** Route flag of a session that requested the roster and so wants pushes (an "interested resource"). */
    static final String INTERESTED = "roster.interested";

    private final SessionDirectory routes;
    private final Router router;

    RosterPushes(SessionDirectory routes, Router router) {
        this.routes = routes;
        this.router = router;
    }

    void push(JID owner, RosterStore.Change change) {
        if (!change.changed()) {
            return;
        }
        Element item = change.after().map(RosterXml::item)
                .orElseGet(() -> RosterXml.removal(change.before().orElseThrow().contact()));
        for (Route route : routes.routes(owner)) {
            if (route.flagged(INTERESTED)) {
                IQ push = new IQ(IQ.Type.set);
                push.setTo(route.address());
                push.setFrom(owner.asBareJID());
                Element query = push.setChildElement("query", RosterXml.NS);
                query.addAttribute("ver", Long.toString(change.version()));
                query.add(item.createCopy());
                router.route(push);
            }
        }
    }
}
