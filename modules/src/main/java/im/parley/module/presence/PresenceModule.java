package im.parley.module.presence;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.StanzaRoute;
import im.parley.api.Xep;
import im.parley.api.event.AccountDeleted;
import im.parley.api.event.SessionAvailable;
import im.parley.api.event.SessionClosed;
import im.parley.api.session.LocalSession;
import im.parley.api.storage.UserDocumentStore;
import im.parley.api.storage.InMemoryUserDocumentStore;
import im.parley.module.roster.SubscriptionEvents;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Presence (RFC 6121 §4): broadcasts, probes, directed presence, unavailable presence when a
 * session ends however it ends; plus invisibility (XEP-0186) and last activity (XEP-0012).
 * Presence and "last seen" reach only subscribed contacts and directed recipients.
 */
@Xep(number = 12, version = "2.0")
@Xep(number = 186, version = "0.13")
public final class PresenceModule implements Module {
    private ModuleContext ctx;

    @Override
    public String name() {
        return "presence";
    }

    @Override
    public void start(ModuleContext ctx) {
        this.ctx = ctx;
        UserDocumentStore documents = ctx.repository(UserDocumentStore.class, InMemoryUserDocumentStore::new);
        LastActivity lastActivity = new LastActivity(ctx, documents);
        PresenceBroadcast broadcast = new PresenceBroadcast(ctx, lastActivity);
        PresenceProbes probes = new PresenceProbes(ctx, lastActivity);
        Invisibility invisibility = new Invisibility(broadcast);
        ctx.onStanza(StanzaRoute.PRESENCE_FROM_CLIENT, 100, broadcast::fromClient);
        ctx.onStanza(StanzaRoute.PRESENCE_TO_ACCOUNT, 100, probes::answer);
        ctx.on(SessionAvailable.class, e -> probes.initialPresence(e.session()));
        ctx.on(SessionClosed.class, e -> broadcast.sessionEnded(e.session()));
        ctx.on(SubscriptionEvents.Approved.class, e -> showPresence(e.owner(), e.contact(), broadcast));
        ctx.on(SubscriptionEvents.Revoked.class, e -> hidePresence(e.owner(), e.contact(), broadcast));
        ctx.on(AccountDeleted.class, e -> lastActivity.forget(e.account()));
        ctx.onIq(IqScope.SERVER, IqType.GET, LastActivity.NS, "query", lastActivity::uptime);
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, LastActivity.NS, "query", lastActivity::account);
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, Invisibility.NS, "invisible", invisibility::invisible);
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, Invisibility.NS, "visible", invisibility::visible);
        ctx.feature(IqScope.SERVER, Invisibility.NS);
    }

    /** RFC 6121 §3.1.5: a newly subscribed contact gets the user's current presence. */
    private void showPresence(JID owner, JID contact, PresenceBroadcast broadcast) {
        for (LocalSession s : ctx.sessions().of(owner)) {
            if (PresenceState.visiblyAvailable(s)) {
                broadcast.send(s.presence(), s.address(), contact);
            }
        }
    }

    /** RFC 6121 §3.2.2: a contact whose subscription ends sees the user go unavailable. */
    private void hidePresence(JID owner, JID contact, PresenceBroadcast broadcast) {
        for (LocalSession s : ctx.sessions().of(owner)) {
            if (s.available()) {
                broadcast.send(new Presence(Presence.Type.unavailable), s.address(), contact);
            }
        }
    }
}
