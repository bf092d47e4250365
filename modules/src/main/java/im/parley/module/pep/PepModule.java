package im.parley.module.pep;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.Phase;
import im.parley.api.StanzaException;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import im.parley.api.disco.Identity;
import im.parley.api.disco.Item;
import im.parley.api.disco.ServiceDirectory;
import im.parley.api.event.AccountDeleted;
import im.parley.module.caps.ClientCapabilities;
import im.parley.module.pubsub.Access;
import im.parley.module.pubsub.InMemoryNodeStore;
import im.parley.module.pubsub.NodeStore;
import im.parley.module.pubsub.OwnerRequests;
import im.parley.module.pubsub.PubSub;
import im.parley.module.pubsub.PubSubDisco;
import im.parley.module.pubsub.PubSubEngine;
import im.parley.module.pubsub.PubSubRequests;
import im.parley.module.pubsub.Subscribers;
import im.parley.module.roster.Rosters;
import im.parley.module.roster.SubscriptionEvents;
import im.parley.module.vcard.VcardPhotos;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Personal eventing (XEP-0163): every account is a pubsub service at its bare JID, on the engine
 * the pubsub component also runs on ({@code im.parley.module.pubsub}). This module binds that
 * engine to accounts: requests to bare JIDs, events to contacts by presence and caps, the last
 * items when a contact comes online or is approved, disco of the account's nodes.
 */
@Configured(PepConfig.class)
@Xep(number = 163, version = "1.2.2")
@Xep(number = 60, version = "1.26.0", note = "the features PEP clients use: publish-options, access models, "
        + "max_items, persistent items, retrieval, retract, delete, purge, configuration, affiliations, subscriptions")
@Xep(number = 223, version = "1.1.1", note = "private storage in PEP nodes with the whitelist access model")
@Xep(number = 84, version = "1.1.4", note = "avatars are PEP nodes; with the vcard module, kept in step with vCard photos")
@Xep(number = 398, version = "1.0.0", note = "PEP avatar and vCard photo converted both ways; the photo hash put in available presence")
public final class PepModule implements Module {
    /** The pubsub features a PEP service here has (XEP-0060 §10, XEP-0163 §6). */
    static final List<String> FEATURES = List.of("access-open", "access-presence", "access-roster", "access-whitelist",
            "auto-create", "auto-subscribe", "config-node", "create-and-configure", "create-nodes", "delete-items",
            "delete-nodes", "filtered-notifications", "item-ids", "last-published", "manage-subscriptions",
            "member-affiliation", "modify-affiliations", "outcast-affiliation", "persistent-items", "presence-notifications",
            "publish", "publish-options", "purge-nodes", "retract-items", "retrieve-affiliations", "retrieve-default",
            "retrieve-items", "retrieve-subscriptions", "subscribe", "config-node-max");

    /** Before the interceptors that archive or copy stanzas, so that they see the presence as it goes out. */
    private static final int PHOTO_HASH_PRIORITY = 20;

    @Override
    public String name() {
        return "pep";
    }

    @Override
    public void start(ModuleContext ctx) {
        NodeStore store = ctx.repository(NodeStore.class, InMemoryNodeStore::new);
        PepNotifier notifier = new PepNotifier(ctx);
        PubSubEngine engine = new PubSubEngine(store, ctx.config(PepConfig.class).limits(), true,
                new Access(() -> ctx.service(Rosters.class)), notifier, ctx.server().clock());
        Subscribers subscribers = new Subscribers(engine, notifier);
        PubSubRequests requests = new PubSubRequests(engine, subscribers);
        OwnerRequests owner = new OwnerRequests(engine, subscribers);
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, PubSub.NS, "pubsub", (iq, o) -> requests.handle(iq, service(iq, o), requester(o)));
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, PubSub.NS, "pubsub", (iq, o) -> requests.handle(iq, service(iq, o), requester(o)));
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, PubSub.OWNER, "pubsub", (iq, o) -> owner.handle(iq, service(iq, o), requester(o)));
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, PubSub.OWNER, "pubsub", (iq, o) -> owner.handle(iq, service(iq, o), requester(o)));
        // XEP-0163 §6.1: the account is a pubsub service of type pep; the server says it offers PEP.
        ctx.identity(IqScope.ACCOUNT, new Identity("pubsub", "pep", null));
        for (String feature : FEATURES) {
            ctx.feature(IqScope.ACCOUNT, PubSub.NS + "#" + feature);
            ctx.feature(IqScope.SERVER, PubSub.NS + "#" + feature);
        }
        PhotoHashes photoHashes = new PhotoHashes(ctx);
        AvatarConversion avatars = new AvatarConversion(ctx, engine, photoHashes);
        engine.onPublish(avatars::published);
        ctx.on(VcardPhotos.PhotoChanged.class, e -> {
            photoHashes.changed(e.account(), e.photo());
            avatars.vcardChanged(e.account(), e.photo());
        });
        ctx.intercept(Phase.INBOUND, PHOTO_HASH_PRIORITY, photoHashes::inbound);
        ctx.feature(IqScope.ACCOUNT, AvatarConversion.FEATURE);
        LastItems lastItems = new LastItems(ctx, engine, notifier);
        ctx.on(ClientCapabilities.Changed.class, e -> lastItems.capsKnown(e.address(), e.features()));
        ctx.on(SubscriptionEvents.Approved.class, e -> lastItems.approved(e.owner(), e.contact()));
        ctx.on(AccountDeleted.class, e -> store.deleteService(e.account().toBareJID()));
        ctx.contribute(ServiceDirectory.ItemSource.class, (address, node, requester) -> items(ctx, engine, address, node, requester));
        ctx.contribute(ServiceDirectory.NodeInfoSource.class, (address, node, requester) -> info(ctx, engine, address, node, requester));
    }

    private static JID service(IQ iq, Origin origin) {
        return iq.getTo() != null ? iq.getTo().asBareJID() : origin.jid().asBareJID();
    }

    private static JID requester(Origin origin) throws StanzaException {
        if (origin.jid() == null) {
            throw new StanzaException(PacketError.Condition.forbidden, "who is asking?");
        }
        return origin.jid();
    }

    /** XEP-0060 §5.3, §5.4: a node's disco#info, for those who may see it. */
    private static Optional<ServiceDirectory.NodeInfo> info(ModuleContext ctx, PubSubEngine engine, JID address, String node,
                                                            Origin requester) {
        if (!isAccount(ctx, address) || node == null || requester.jid() == null) {
            return Optional.empty();
        }
        JID owner = address.asBareJID();
        return engine.store().node(owner.toString(), node).filter(n -> engine.mayRead(n, owner, requester.jid()))
                .map(n -> new ServiceDirectory.NodeInfo(List.of(new Identity("pubsub", "leaf", null)), Set.of(PubSub.NS),
                        List.of(PubSubDisco.metaData(n))));
    }

    private static boolean isAccount(ModuleContext ctx, JID address) {
        return address != null && address.getNode() != null && address.getResource() == null
                && ctx.server().isLocalDomain(address.getDomain());
    }

    /** XEP-0163 §6.2, XEP-0060 §5.2: an account's nodes that the requester may see, as disco#items. */
    private static List<Item> items(ModuleContext ctx, PubSubEngine engine, JID address, String node, Origin requester) {
        if (node != null || !isAccount(ctx, address) || requester.jid() == null) {
            return List.of();
        }
        JID owner = address.asBareJID();
        return engine.nodes(owner).stream().filter(n -> engine.mayRead(n, owner, requester.jid()))
                .map(n -> new Item(owner, n.node(), null)).toList();
    }
}
