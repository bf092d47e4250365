package im.parley.module.pep;

import im.parley.api.ModuleContext;
import im.parley.api.routing.Route;
import im.parley.module.caps.ClientCapabilities;
import im.parley.module.pubsub.Events;
import im.parley.module.pubsub.NodeStore;
import im.parley.module.pubsub.Notifier;
import im.parley.module.pubsub.Access;
import im.parley.module.roster.RosterItem;
import im.parley.module.roster.Rosters;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dom4j.Element;
import org.xmpp.packet.JID;

/**
 * Where a PEP node's events go (XEP-0163 §4): to every available resource of the account, and to
 * the resources of contacts that may see the node (by its access model among those who get the
 * account's presence) and whose caps ask for them with {@code node+notify} (§4.2); explicit
 * subscribers get them at the address they subscribed. Resources are found on every cluster node
 * and the message is routed there like any other.
 */
final class PepNotifier implements Notifier {
    private final ModuleContext ctx;

    PepNotifier(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /** Whether a resource announces interest in the node; empty when its caps are not known. */
    Optional<Boolean> wants(JID full, String node) {
        return ctx.service(ClientCapabilities.class).flatMap(c -> c.features(full)).map(f -> f.contains(node + "+notify"));
    }

    @Override
    public void send(NodeStore.Node node, Element event) {
        JID owner = new JID(node.service());
        Set<JID> targets = new LinkedHashSet<>();
        Set<String> explicitBare = new LinkedHashSet<>();
        node.subscriptions().keySet().forEach(jid -> {
            targets.add(new JID(jid));
            explicitBare.add(new JID(jid).toBareJID());
        });
        // XEP-0163 §4.3.1: the account's own resources; one without caps cannot filter, so it gets them all.
        for (Route r : ctx.routes().routes(owner)) {
            if (r.available() && wants(r.address(), node.node()).orElse(true)) {
                targets.add(r.address());
            }
        }
        // The roster is read once; each contact's item decides the presence and roster access models.
        List<RosterItem> contacts = ctx.service(Rosters.class).map(r -> r.items(owner)).orElse(List.of());
        for (RosterItem item : contacts) {
            String contact = item.contact().toBareJID();
            if (!item.subscription().hasFrom() || explicitBare.contains(contact)
                    || !Access.allows(node, node.affiliation(contact), Optional.of(item))) {
                continue;
            }
            for (Route r : ctx.routes().routes(item.contact())) {
                // XEP-0163 §4.2: only resources whose caps show +notify for the node.
                if (r.available() && wants(r.address(), node.node()).orElse(false)) {
                    targets.add(r.address());
                }
            }
            if (!ctx.server().isLocalDomain(item.contact().getDomain())) {
                // A contact on another server: its resources whose presence reached this account.
                for (JID full : ctx.service(ClientCapabilities.class).map(c -> c.remoteResources(item.contact())).orElse(List.of())) {
                    if (wants(full, node.node()).orElse(false)) {
                        targets.add(full);
                    }
                }
            }
        }
        for (JID to : targets) {
            ctx.router().route(Events.message(owner, to, node, event));
        }
    }

    @Override
    public void sendTo(NodeStore.Node node, JID to, Element event) {
        ctx.router().route(Events.message(new JID(node.service()), to, node, event));
    }
}
