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
import im.parley.api.event.ClusterMerged;
import im.parley.api.event.MemberLeft;
import im.parley.api.session.LocalSession;
import im.parley.api.routing.Route;
import im.parley.api.storage.UserDocumentStore;
import im.parley.api.storage.InMemoryUserDocumentStore;
import im.parley.module.blocking.BlockList;
import im.parley.module.blocking.BlockingEvents;
import im.parley.module.roster.Rosters;
import im.parley.module.roster.SubscriptionEvents;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Presence (RFC 6121 §4): broadcasts, probes, directed presence, unavailable presence when a
 * session ends however it ends; plus invisibility (XEP-0186) and last activity (XEP-0012).
 * Presence and "last seen" reach only subscribed contacts and directed recipients.
 */
@im.parley.api.config.Configured(PresenceConfig.class)
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
        PresenceBroadcast broadcast = new PresenceBroadcast(ctx, lastActivity, new PresenceRate(ctx.config(PresenceConfig.class)));
        PresenceProbes probes = new PresenceProbes(ctx, lastActivity);
        Invisibility invisibility = new Invisibility(broadcast);
        ctx.onStanza(StanzaRoute.PRESENCE_FROM_CLIENT, 100, broadcast::fromClient);
        ctx.onStanza(StanzaRoute.PRESENCE_TO_ACCOUNT, 100, probes::answer);
        ctx.on(SessionAvailable.class, e -> probes.initialPresence(e.session()));
        ctx.on(SessionClosed.class, e -> broadcast.sessionEnded(e.session()));
        ctx.on(ClusterMerged.class, e -> reannounce(broadcast, probes));
        ctx.on(MemberLeft.class, e -> {
            if (e.cleanup()) {
                e.routes().forEach(broadcast::lost);
            }
        });
        ctx.on(SubscriptionEvents.Approved.class, e -> showPresence(e.owner(), e.contact(), broadcast));
        ctx.on(SubscriptionEvents.Revoked.class, e -> hidePresence(e.owner(), e.contact(), broadcast));
        ctx.on(AccountDeleted.class, e -> lastActivity.forget(e.account()));
        ctx.on(BlockingEvents.Blocked.class, e -> presenceOnBlock(e.account(), e.blocked(), broadcast));
        ctx.on(BlockingEvents.Unblocked.class, e -> presenceOnUnblock(e.account(), e.unblocked(), broadcast));
        ctx.onIq(IqScope.SERVER, IqType.GET, LastActivity.NS, "query", lastActivity::uptime);
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, LastActivity.NS, "query", lastActivity::account);
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, Invisibility.NS, "invisible", invisibility::invisible);
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, Invisibility.NS, "visible", invisibility::visible);
        ctx.feature(IqScope.SERVER, Invisibility.NS);
    }

    /**
     * After a split brain each side told its users the other side's users had gone: this node's
     * available sessions show their presence again and ask for their contacts' again.
     */
    private void reannounce(PresenceBroadcast broadcast, PresenceProbes probes) {
        for (LocalSession s : ctx.sessions().all()) {
            if (s.available() && s.presence() != null) {
                broadcast.broadcast(s, s.presence(), !PresenceState.invisible(s));
                probes.probeContacts(s);
            }
        }
    }

    /** XEP-0191 §3.3: blocked contacts and directed recipients that could see the user now see it leave. */
    private void presenceOnBlock(JID account, BlockList blocked, PresenceBroadcast broadcast) {
        List<JID> subscribers = ctx.service(Rosters.class).map(r -> r.presenceSubscribers(account)).orElse(List.of());
        for (Route r : ctx.routes().routes(account)) {
            if (!r.available()) {
                continue;
            }
            Set<JID> targets = new LinkedHashSet<>();
            subscribers.stream().filter(blocked::blocks).forEach(targets::add);
            // Directed presence is remembered by the node holding the session.
            ctx.sessions().find(r.address()).ifPresent(s -> {
                PresenceState.directed(s).stream().filter(blocked::blocks).forEach(targets::add);
                PresenceState.directed(s).removeIf(blocked::blocks);
            });
            for (JID target : targets) {
                broadcast.send(new Presence(Presence.Type.unavailable), r.address(), target);
            }
        }
    }

    /** XEP-0191 §3.4: unblocked contacts allowed to see the user's presence get it again. */
    private void presenceOnUnblock(JID account, BlockList unblocked, PresenceBroadcast broadcast) {
        List<JID> subscribers = ctx.service(Rosters.class).map(r -> r.presenceSubscribers(account)).orElse(List.of());
        for (Route r : ctx.routes().routes(account)) {
            if (PresenceState.visiblyAvailable(r)) {
                subscribers.stream().filter(unblocked::blocks).forEach(c -> broadcast.send(r.presence(), r.address(), c));
            }
        }
    }

    /** RFC 6121 §3.1.5: a newly subscribed contact gets the user's current presence. */
    private void showPresence(JID owner, JID contact, PresenceBroadcast broadcast) {
        for (Route r : ctx.routes().routes(owner)) {
            if (PresenceState.visiblyAvailable(r)) {
                broadcast.send(r.presence(), r.address(), contact);
            }
        }
    }

    /** RFC 6121 §3.2.2: a contact whose subscription ends sees the user go unavailable. */
    private void hidePresence(JID owner, JID contact, PresenceBroadcast broadcast) {
        for (Route r : ctx.routes().routes(owner)) {
            if (r.available()) {
                broadcast.send(new Presence(Presence.Type.unavailable), r.address(), contact);
            }
        }
    }
}
