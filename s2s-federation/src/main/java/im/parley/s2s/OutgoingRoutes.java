package im.parley.s2s;

import im.parley.api.routing.RemoteDomains;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Takes the router's stanzas for remote domains and sends each on the stream of its domain pair,
 * opening it when needed. Each node keeps its own streams; any node can reach any domain.
 */
final class OutgoingRoutes implements RemoteDomains {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingRoutes.class);

    private final Federation federation;
    private final HostResolver resolver;
    private final S2sTransport transport;
    private final Map<String, OutgoingRoute> routes = new ConcurrentHashMap<>();

    OutgoingRoutes(Federation federation, HostResolver resolver, S2sTransport transport) {
        this.federation = federation;
        this.resolver = resolver;
        this.transport = transport;
    }

    @Override
    public void send(Packet stanza) {
        JID from = stanza.getFrom();
        String remote = stanza.getTo().getDomain();
        if (from == null || !federation.ctx.hostsDomain(from.getDomain())) {
            federation.bounce(stanza, PacketError.Condition.not_allowed, "only this server's addresses may send to other servers");
            return;
        }
        if (federation.blocked(remote)) {
            federation.bounce(stanza, PacketError.Condition.remote_server_not_found, "this server does not federate with " + remote);
            return;
        }
        route(from.getDomain(), remote).send(stanza);
    }

    private OutgoingRoute route(String local, String remote) {
        String key = local.toLowerCase(Locale.ROOT) + " " + remote.toLowerCase(Locale.ROOT);
        return routes.computeIfAbsent(key, k -> new OutgoingRoute(local.toLowerCase(Locale.ROOT),
                remote.toLowerCase(Locale.ROOT), federation, this));
    }

    /** Asks the remote domain's server to verify a dialback key that a peer gave us for a stream of ours. */
    CompletableFuture<Boolean> verify(String local, String remote, String streamId, String key) {
        return route(local, remote).verify(streamId, key);
    }

    /** Lets an incoming bidirectional stream (XEP-0288) carry our stanzas to its peer. */
    void attach(String local, String remote, IncomingStream stream) {
        route(local, remote).ready(stream);
    }

    void detach(IncomingStream stream) {
        routes.values().forEach(r -> r.closed(stream));
    }

    /** Resolves the remote domain and tries its addresses in order, off the sender's thread. */
    void connect(OutgoingRoute route) {
        federation.setup.execute(() -> {
            List<HostResolver.Target> targets;
            try {
                targets = resolver.resolve(route.remote());
            } catch (RuntimeException e) {
                LOG.warn("Looking up {} failed", route.remote(), e);
                targets = List.of();
            }
            if (targets.isEmpty()) {
                route.unreachable(route.remote() + " has no XMPP server");
                return;
            }
            tryTarget(route, targets, 0);
        });
    }

    private void tryTarget(OutgoingRoute route, List<HostResolver.Target> targets, int index) {
        if (index >= targets.size()) {
            route.unreachable("cannot connect to " + route.remote() + " at " + targets);
            return;
        }
        HostResolver.Target target = targets.get(index);
        InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
        if (address.isUnresolved()) {
            tryTarget(route, targets, index + 1);
            return;
        }
        S2sTransport.Setup setup = new S2sTransport.Setup(true, target.directTls(),
                () -> federation.tls.outgoing(route.local()), route.remote(), federation.tls.protocols(), route::newStream);
        transport.connect(address, federation.config.connectTimeout(), setup).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.info("Connecting to {} at {} failed: {}", route.remote(), target, failure.toString());
                federation.setup.execute(() -> tryTarget(route, targets, index + 1));
            }
        });
    }
}
