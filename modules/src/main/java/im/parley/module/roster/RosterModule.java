package im.parley.module.roster;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.StanzaRoute;
import im.parley.api.StreamStage;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import im.parley.api.event.AccountDeleted;
import im.parley.api.event.SessionAvailable;
import im.parley.api.session.LocalSession;
import java.util.List;
import java.util.Optional;
import org.dom4j.DocumentHelper;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Rosters and presence subscriptions (RFC 6121 §2, §3): roster get/set with versioning and
 * pushes, the subscription state machine, pre-approval, and pending requests kept for offline
 * users. Publishes {@link Rosters} for the other modules.
 */
@Configured(RosterConfig.class)
@Xep(number = 237, version = "1.3", note = "roster versioning, as in RFC 6121 §2.6")
public final class RosterModule implements Module, Rosters {
    private static final Logger LOG = LoggerFactory.getLogger(RosterModule.class);

    private RosterStore store;

    @Override
    public String name() {
        return "roster";
    }

    @Override
    public void start(ModuleContext ctx) {
        RosterConfig config = ctx.config(RosterConfig.class);
        store = ctx.repository(RosterStore.class, InMemoryRosterStore::new);
        RosterPushes pushes = new RosterPushes(ctx.routes(), ctx.router());
        RosterIq iq = new RosterIq(store, pushes, config, ctx);
        SubscriptionFlow flow = new SubscriptionFlow(store, pushes, ctx);
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, RosterXml.NS, "query", iq::get);
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, RosterXml.NS, "query", iq::set);
        ctx.onStanza(StanzaRoute.PRESENCE_FROM_CLIENT, 10, flow::outbound);
        ctx.onStanza(StanzaRoute.PRESENCE_TO_ACCOUNT, 10, flow::inbound);
        ctx.streamFeature(StreamStage.AFTER_AUTH, s -> DocumentHelper.createElement(QName.get("ver", "urn:xmpp:features:rosterver")));
        ctx.streamFeature(StreamStage.AFTER_AUTH, s -> DocumentHelper.createElement(QName.get("sub", "urn:xmpp:features:pre-approval")));
        ctx.on(SessionAvailable.class, e -> deliverPending(e.session()));
        ctx.on(AccountDeleted.class, e -> store.deleteAll(e.account()));
        ctx.contribute(Rosters.class, this);
    }

    /** RFC 6121 §3.1.3: requests that arrived while the user was away are delivered when it comes online. */
    private void deliverPending(LocalSession session) {
        for (PendingSubscription pending : store.pending(session.address().asBareJID())) {
            try {
                Presence request = new Presence(im.parley.module.xml.StoredXml.parse(pending.stanza()), true);
                request.setTo(session.address());
                session.deliver(request);
            } catch (IllegalStateException e) {
                LOG.warn("A stored subscription request from {} cannot be read; dropping it", pending.contact(), e);
                store.removePending(session.address(), pending.contact());
            }
        }
    }

    @Override
    public Optional<RosterItem> item(JID owner, JID contact) {
        return store.item(owner, contact);
    }

    @Override
    public List<RosterItem> items(JID owner) {
        return store.roster(owner).items();
    }
}
