package im.parley.core.routing;

import im.parley.api.Origin;
import im.parley.api.ServerInfo;
import im.parley.api.account.Accounts;
import im.parley.api.routing.Router;
import im.parley.api.routing.RoutingTable;
import im.parley.core.dispatch.Components;
import im.parley.core.dispatch.IqRegistry;
import im.parley.core.dispatch.StanzaChains;
import im.parley.core.metrics.ServerMetrics;
import im.parley.core.session.ClientSession;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Decides where a stanza goes by its 'to' (RFC 6120 §10): served domains to the local
 * dispatchers; components' subdomains to their handlers; any other domain to federation, or back
 * to the sender as remote-server-not-found when federation is off.
 */
public final class StanzaRouter implements Router {
    private final ServerInfo server;
    private final IqRequestTracker tracker;
    private final IqDispatcher iqs;
    private final MessageDelivery messages;
    private final PresenceDelivery presences;
    private final Bounces bounces;
    private final Components components;
    private final ComponentDelivery componentDelivery;
    private final im.parley.core.dispatch.RemoteDomainSlot remoteDomains;

    /** The parts the router dispatches through. */
    public record Parts(ServerInfo server, IqRegistry iqRegistry, StanzaChains chains, RoutingTable routes,
                        RouteDelivery delivery, Accounts accounts, IqRequestTracker tracker, ServerMetrics metrics,
                        Components components, im.parley.core.dispatch.RemoteDomainSlot remoteDomains) {
    }

    public StanzaRouter(Parts p) {
        this.server = p.server();
        this.tracker = p.tracker();
        this.bounces = new Bounces(this);
        this.iqs = new IqDispatcher(p.iqRegistry(), p.tracker(), p.routes(), p.delivery(), p.accounts(), p.metrics(), this);
        this.messages = new MessageDelivery(p.chains(), p.routes(), p.delivery(), p.accounts(), bounces);
        this.presences = new PresenceDelivery(p.chains(), p.routes(), p.delivery(), p.accounts(), this, bounces);
        this.components = p.components();
        this.remoteDomains = p.remoteDomains();
        this.componentDelivery = new ComponentDelivery(p.tracker(), p.delivery(), bounces, p.metrics(), p.components().failures());
    }

    @Override
    public void route(Packet stanza) {
        if (stanza.getFrom() == null) {
            JID to = stanza.getTo();
            String domain = to != null && server.isLocalDomain(to.getDomain()) ? to.getDomain() : server.domains().get(0);
            stanza.setFrom(domain);
        }
        route(stanza, new ServerOrigin(stanza.getFrom()));
    }

    /** Routes a stanza from a known origin. */
    @Override
    public void route(Packet stanza, Origin origin) {
        JID to = stanza.getTo();
        if (to != null && !server.isLocalDomain(to.getDomain())) {
            Optional<Components.Registered> component = components.find(to.getDomain());
            if (component.isPresent()) {
                componentDelivery.dispatch(stanza, origin, component.get());
                return;
            }
            Optional<im.parley.api.routing.RemoteDomains> remote = remoteDomains.get();
            if (remote.isPresent()) {
                remote.get().send(stanza);
            } else {
                // Without federation remote domains are unreachable (RFC 6120 §8.3.3.15).
                bounces.bounce(stanza, PacketError.Condition.remote_server_not_found);
            }
            return;
        }
        if (stanza instanceof IQ iq) {
            iqs.dispatch(iq, origin);
        } else if (stanza instanceof Message message) {
            messages.dispatch(message, origin);
        } else if (stanza instanceof Presence presence) {
            presences.dispatch(presence, origin);
        }
    }

    /** A presence from a local client, which passes the client-side presence logic first. */
    public void presenceFromClient(Presence presence, ClientSession session) {
        presences.fromClient(presence, session);
    }

    @Override
    public CompletableFuture<IQ> request(IQ request, Duration timeout) {
        if (request.getFrom() == null) {
            request.setFrom(server.domains().get(0));
        }
        CompletableFuture<IQ> answer = tracker.track(request, timeout);
        route(request);
        return answer;
    }
}
