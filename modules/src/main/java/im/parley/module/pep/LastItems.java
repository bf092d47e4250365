package im.parley.module.pep;

import im.parley.api.ModuleContext;
import im.parley.api.routing.Route;
import im.parley.module.pubsub.NodeStore;
import im.parley.module.pubsub.PubSubEngine;
import im.parley.module.roster.Rosters;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * Sends the last published item of PEP nodes to a resource that starts to want them (XEP-0163
 * §4.3.4): when it comes online or changes its caps to show {@code +notify}, and when a contact's
 * approval lets it see a node.
 */
final class LastItems {
    private final ModuleContext ctx;
    private final PubSubEngine engine;
    private final PepNotifier notifier;

    LastItems(ModuleContext ctx, PubSubEngine engine, PepNotifier notifier) {
        this.ctx = ctx;
        this.engine = engine;
        this.notifier = notifier;
    }

    /** A resource's caps became known: the last items of its own nodes and its contacts' that it asks for. */
    void capsKnown(JID full, Set<String> features) {
        if (features.stream().noneMatch(f -> f.endsWith("+notify"))) {
            return; // a client that wants no events gets no last items
        }
        JID user = full.asBareJID();
        Set<JID> owners = new LinkedHashSet<>();
        owners.add(user);
        owners.addAll(ctx.service(Rosters.class).map(r -> r.presenceSubscriptions(user)).orElse(List.of()));
        for (JID owner : owners) {
            if (ctx.server().isLocalDomain(owner.getDomain())) {
                sendLast(owner, full, features);
            }
        }
    }

    /** The contact now gets the owner's presence (RFC 6121 §3.1.5), and so its PEP events. */
    void approved(JID owner, JID contact) {
        for (Route r : ctx.routes().routes(contact.asBareJID())) {
            if (r.available()) {
                ctx.service(im.parley.module.caps.ClientCapabilities.class).flatMap(c -> c.features(r.address()))
                        .ifPresent(features -> sendLast(owner, r.address(), features));
            }
        }
    }

    private void sendLast(JID owner, JID to, Set<String> features) {
        for (NodeStore.Node node : engine.nodes(owner)) {
            if (!features.contains(node.node() + "+notify")
                    || !"on_sub_and_presence".equals(node.config().value("send_last_published_item"))
                    || !engine.mayRead(node, owner, to)) {
                continue;
            }
            List<NodeStore.Item> last = engine.store().items(owner.toString(), node.node(), 1);
            if (!last.isEmpty()) {
                notifier.sendTo(node, to, engine.itemsEvent(node, last));
            }
        }
    }
}
