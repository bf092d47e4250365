package im.parley.module.presence;

import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.routing.Route;
import im.parley.api.storage.UserDocumentStore;
import im.parley.module.roster.Rosters;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * "Last seen" (XEP-0012): when an account was last available, told only to the account itself
 * and to contacts allowed to see its presence; the server's uptime for queries to the server.
 */
final class LastActivity {
    static final String NS = "jabber:iq:last";
    private static final String KEY = "last-activity";

    /** When an account went offline, and the status it left with. */
    record Seen(Instant at, String status) {
    }

    private final ModuleContext ctx;
    private final UserDocumentStore store;

    LastActivity(ModuleContext ctx, UserDocumentStore store) {
        this.ctx = ctx;
        this.store = store;
    }

    void record(JID user, String status) {
        long seconds = ctx.server().clock().instant().getEpochSecond();
        store.put(user.asBareJID(), KEY, seconds + "\n" + (status == null ? "" : status));
    }

    Optional<Seen> lastSeen(JID user) {
        return store.get(user.asBareJID(), KEY).map(doc -> {
            int nl = doc.indexOf('\n');
            String status = nl < 0 ? "" : doc.substring(nl + 1);
            return new Seen(Instant.ofEpochSecond(Long.parseLong(nl < 0 ? doc : doc.substring(0, nl))),
                    status.isEmpty() ? null : status);
        });
    }

    /** XEP-0012 §6: the time since the server started. */
    IQ uptime(IQ request, Origin origin) {
        return answer(request, Duration.between(ctx.server().startedAt(), ctx.server().clock().instant()), null);
    }

    /** XEP-0012 §4: last activity of an account, for the account and its subscribed contacts only. */
    IQ account(IQ request, Origin origin) throws StanzaException {
        JID user = request.getTo() != null ? request.getTo().asBareJID() : origin.jid().asBareJID();
        JID asker = origin.jid() == null ? null : origin.jid().asBareJID();
        boolean self = user.equals(asker);
        boolean allowed = self || (asker != null && ctx.service(Rosters.class).map(r -> r.isSubscribedTo(user, asker)).orElse(false));
        if (!allowed) {
            throw new StanzaException(PacketError.Condition.forbidden, "only contacts who see the presence may ask");
        }
        for (Route r : ctx.routes().routes(user)) {
            if (PresenceState.visiblyAvailable(r) || (self && r.available())) {
                return answer(request, Duration.ZERO, null);
            }
        }
        Seen seen = lastSeen(user).orElseThrow(() -> new StanzaException(PacketError.Condition.item_not_found,
                "no record of when the account was last online"));
        return answer(request, Duration.between(seen.at(), ctx.server().clock().instant()), seen.status());
    }

    private static IQ answer(IQ request, Duration since, String status) {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", NS);
        query.addAttribute("seconds", Long.toString(Math.max(0, since.toSeconds())));
        if (status != null) {
            query.setText(status);
        }
        return result;
    }

    void forget(JID user) {
        store.delete(user.asBareJID(), KEY);
    }
}
