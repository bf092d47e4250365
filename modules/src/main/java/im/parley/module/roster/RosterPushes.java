package im.parley.module.roster;

import im.parley.api.session.LocalSession;
import im.parley.api.session.SessionKey;
import im.parley.api.session.Sessions;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/** Sends roster pushes (RFC 6121 §2.1.6) to the resources that asked for the roster. */
final class RosterPushes {
    /** Marks a session that requested the roster and so wants pushes (an "interested resource"). */
    static final SessionKey<Boolean> INTERESTED = SessionKey.of("roster.interested");

    private final Sessions sessions;

    RosterPushes(Sessions sessions) {
        this.sessions = sessions;
    }

    void push(JID owner, RosterStore.Change change) {
        if (!change.changed()) {
            return;
        }
        Element item = change.after().map(RosterXml::item)
                .orElseGet(() -> RosterXml.removal(change.before().orElseThrow().contact()));
        for (LocalSession session : sessions.of(owner)) {
            if (Boolean.TRUE.equals(session.get(INTERESTED))) {
                IQ push = new IQ(IQ.Type.set);
                push.setTo(session.address());
                push.setFrom(owner.asBareJID());
                Element query = push.setChildElement("query", RosterXml.NS);
                query.addAttribute("ver", Long.toString(change.version()));
                query.add(item.createCopy());
                session.deliver(push);
            }
        }
    }
}
