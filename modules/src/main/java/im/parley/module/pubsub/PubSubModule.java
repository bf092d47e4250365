package im.parley.module.pubsub;

import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import im.parley.api.disco.Item;
import im.parley.api.disco.ServiceDirectory;
import im.parley.module.roster.Rosters;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * The publish-subscribe service (XEP-0060) at {@code pubsub.<domain>}: nodes that users create,
 * configure and own, with subscriptions, for push app servers (XEP-0357) and other services. It
 * runs on the same engine and storage as PEP; the component answers its own disco.
 */
@Configured(PubSubConfig.class)
@Xep(number = 60, version = "1.26.0", note = "a service at pubsub.<domain>: create, configure, delete, purge, subscribe, "
        + "publish, retract, items, affiliations and subscriptions; leaf nodes only")
public final class PubSubModule implements Module {
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    /** The features of the service (XEP-0060 §10). */
    static final List<String> FEATURES = List.of("access-open", "access-presence", "access-roster", "access-whitelist",
            "config-node", "create-and-configure", "create-nodes", "delete-items", "delete-nodes", "instant-nodes",
            "item-ids", "manage-subscriptions", "member-affiliation", "modify-affiliations", "outcast-affiliation",
            "persistent-items", "publish", "publish-options", "purge-nodes", "retract-items", "retrieve-affiliations",
            "retrieve-default", "retrieve-items", "retrieve-subscriptions", "subscribe", "last-published");

    @Override
    public String name() {
        return "pubsub";
    }

    @Override
    public void start(ModuleContext ctx) {
        PubSubConfig config = ctx.config(PubSubConfig.class);
        NodeStore store = ctx.repository(NodeStore.class, InMemoryNodeStore::new);
        ServiceNotifier notifier = new ServiceNotifier(ctx.router());
        PubSubEngine engine = new PubSubEngine(store, config.limits(), false, new Access(() -> ctx.service(Rosters.class)),
                notifier, ctx.server().clock());
        Subscribers subscribers = new Subscribers(engine, notifier);
        PubSubRequests requests = new PubSubRequests(engine, subscribers);
        OwnerRequests owner = new OwnerRequests(engine, subscribers);
        List<String> domains = ctx.component("pubsub", (stanza, origin) -> handle(ctx, config, engine, requests, owner, stanza, origin));
        // XEP-0030 §4: the service is an item of the domain it serves.
        List<String> served = ctx.server().domains();
        ctx.contribute(ServiceDirectory.ItemSource.class, (address, node, requester) -> {
            if (node != null || address == null || address.getNode() != null || address.getResource() != null) {
                return List.of();
            }
            int i = served.indexOf(address.getDomain());
            return i < 0 ? List.of() : List.of(new Item(new JID(domains.get(i)), null, "Publish-Subscribe service"));
        });
    }

    private static void handle(ModuleContext ctx, PubSubConfig config, PubSubEngine engine, PubSubRequests requests,
                               OwnerRequests owner, Packet stanza, Origin origin) throws StanzaException {
        if (!(stanza instanceof IQ iq) || iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error) {
            return; // no messages or presence here; answers to nothing we asked are dropped
        }
        if (iq.getTo().getNode() != null || iq.getTo().getResource() != null) {
            throw new StanzaException(PacketError.Condition.item_not_found, "the service is at " + iq.getTo().getDomain());
        }
        JID service = new JID(iq.getTo().getDomain());
        JID requester = origin.jid();
        Element child = iq.getChildElement();
        if (child == null || requester == null) {
            throw new StanzaException(PacketError.Condition.bad_request, "an IQ needs one child");
        }
        String key = iq.getType() + " " + child.getNamespaceURI();
        IQ result = switch (key) {
            case "get " + DISCO_INFO -> ServiceDisco.info(engine, iq, service, requester);
            case "get " + DISCO_ITEMS -> ServiceDisco.items(engine, iq, service, requester);
            case "get " + PubSub.NS, "set " + PubSub.NS -> {
                checkCreate(ctx, config, engine, service, child, requester);
                yield requests.handle(iq, service, requester);
            }
            case "get " + PubSub.OWNER, "set " + PubSub.OWNER -> owner.handle(iq, service, requester);
            default -> throw new StanzaException(PacketError.Condition.service_unavailable, "not a pubsub request");
        };
        ctx.router().route(result);
    }

    /** Who may create nodes: local users, or only administrators when configured so. */
    private static void checkCreate(ModuleContext ctx, PubSubConfig config, PubSubEngine engine, JID service, Element pubsub,
                                    JID requester) throws StanzaException {
        Element create = pubsub.element("create");
        Element publish = pubsub.element("publish");
        if (create == null && publish == null) {
            return;
        }
        boolean allowed = config.adminsOnlyCreate() ? ctx.server().isAdmin(requester)
                : ctx.server().isLocalDomain(requester.getDomain()) && requester.getNode() != null;
        if (allowed) {
            return;
        }
        if (create != null) {
            // XEP-0060 §8.1.3.1: creation is refused to those the service does not let create nodes.
            throw new StanzaException(PacketError.Condition.forbidden, "you may not create nodes here");
        }
        String node = publish.attributeValue("node");
        if (node == null || engine.store().node(service.toString(), node).isEmpty()) {
            // No auto-create for them: the node is simply not there (XEP-0060 §7.1.3.3).
            throw new StanzaException(PacketError.Condition.item_not_found, "no node " + node);
        }
    }
}
