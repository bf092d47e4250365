package im.parley.s2s;

import im.parley.api.ModuleContext;
import im.parley.api.StanzaException;
import im.parley.api.cluster.SharedMap;
import im.parley.core.session.StanzaXml;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * The configured external components: which are connected to this node, which to another node
 * of the cluster (a shared map says), and how stanzas reach them.
 */
final class ExternalComponents {
    static final String RELAY = "components.relay";

    private final ModuleContext ctx;
    private final Map<String, String> secrets;
    private final Map<String, ComponentStream> local = new ConcurrentHashMap<>();
    private final SharedMap owners;

    ExternalComponents(ModuleContext ctx, Map<String, String> secrets) {
        this.ctx = ctx;
        this.secrets = secrets.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
        this.owners = ctx.cluster().map("components.owners");
    }

    Optional<String> secret(String domain) {
        return Optional.ofNullable(secrets.get(domain.toLowerCase(Locale.ROOT)));
    }

    /** Claims the domain for a stream of this node; false when a stream anywhere in the cluster has it. */
    boolean connected(String domain, ComponentStream stream) {
        String node = ctx.cluster().localNode();
        Optional<String> owner = owners.get(domain);
        boolean ownerAlive = owner.isPresent() && ctx.cluster().members().stream().anyMatch(m -> m.id().equals(owner.get()));
        if (ownerAlive && !owner.get().equals(node)) {
            return false;
        }
        if (local.putIfAbsent(domain, stream) != null) {
            return false;
        }
        owners.put(domain, node);
        return true;
    }

    void disconnected(String domain, ComponentStream stream) {
        if (local.remove(domain, stream)) {
            owners.remove(domain, ctx.cluster().localNode());
        }
    }

    /** A stanza from a component, into the server. */
    void receive(Packet stanza, String domain) {
        ctx.router().route(stanza, new RemoteOrigin(domain));
    }

    /** A stanza for a component's domain: to its stream here, or to the node that has it. */
    void deliver(Packet stanza, String domain) throws StanzaException {
        String xml = StanzaXml.inNamespace(stanza, ComponentStream.NS);
        ComponentStream stream = local.get(domain);
        if (stream != null) {
            stream.deliver(xml);
            return;
        }
        Optional<String> owner = owners.get(domain);
        if (owner.isPresent() && ctx.cluster().members().stream().anyMatch(m -> m.id().equals(owner.get()))) {
            ctx.cluster().notice(RELAY, domain + "\n" + xml);
            return;
        }
        throw new StanzaException(PacketError.Condition.service_unavailable, domain + " is not connected");
    }

    /** A relayed stanza from another node; only the node with the component's stream acts on it. */
    void relayed(String notice) {
        int newline = notice.indexOf('\n');
        ComponentStream stream = newline < 0 ? null : local.get(notice.substring(0, newline));
        if (stream != null) {
            stream.deliver(notice.substring(newline + 1));
        }
    }
}
