package im.parley.core.routing;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.account.Accounts;
import im.parley.api.routing.Route;
import im.parley.api.routing.Router;
import im.parley.api.routing.RoutingTable;
import im.parley.core.dispatch.IqRegistry;
import im.parley.core.dispatch.ModuleFailures;
import im.parley.core.metrics.ServerMetrics;
import java.util.Optional;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** IQs for local addresses: server handlers, account handlers, or the addressed resource (RFC 6120 §10.5, RFC 6121 §8.5). */
final class IqDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(IqDispatcher.class);

    private final IqRegistry registry;
    private final IqRequestTracker tracker;
    private final RoutingTable routes;
    private final RouteDelivery delivery;
    private final Accounts accounts;
    private final ServerMetrics metrics;
    private final Router router;
    private final Bounces bounces;

    IqDispatcher(IqRegistry registry, IqRequestTracker tracker, RoutingTable routes, RouteDelivery delivery,
                 Accounts accounts, ServerMetrics metrics, Router router) {
        this.registry = registry;
        this.tracker = tracker;
        this.routes = routes;
        this.delivery = delivery;
        this.accounts = accounts;
        this.metrics = metrics;
        this.router = router;
        this.bounces = new Bounces(router);
    }

    void dispatch(IQ iq, Origin origin) {
        JID to = iq.getTo();
        boolean request = iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set;
        if (to != null && to.getNode() != null && to.getResource() != null) {
            toResource(iq, to, request);
        } else if (!request) {
            answer(iq); // answers to requests the server sent; anything else is dropped
        } else if (to == null) {
            // RFC 6120 §10.3.3: handled on behalf of the sending account; server handlers as fallback.
            handle(iq, origin, IqScope.ACCOUNT, true);
        } else if (to.getNode() == null) {
            handle(iq, origin, IqScope.SERVER, false);
        } else if (!accountExists(to)) {
            bounces.bounce(iq, PacketError.Condition.service_unavailable); // RFC 6121 §8.5.1
        } else {
            handle(iq, origin, IqScope.ACCOUNT, false);
        }
    }

    private void answer(IQ iq) {
        if (!tracker.complete(iq)) {
            tracker.otherNode(iq).ifPresent(node -> delivery.routeOn(node, iq));
        }
    }

    private void toResource(IQ iq, JID to, boolean request) {
        Optional<Route> route = routes.route(to);
        if (route.isPresent() && delivery.deliver(route.get(), iq)) {
            return;
        }
        if (request) {
            bounces.bounce(iq, PacketError.Condition.service_unavailable); // RFC 6121 §8.5.3.2.1
        }
    }

    private boolean accountExists(JID to) {
        return !routes.routes(to).isEmpty() || accounts.exists(to.asBareJID());
    }

    private void handle(IQ iq, Origin origin, IqScope scope, boolean serverFallback) {
        Element child = iq.getChildElement();
        if (child == null || iq.getElement().elements().size() != 1) {
            bounces.bounce(iq, PacketError.Condition.bad_request); // RFC 6120 §8.2.3: exactly one payload
            return;
        }
        IqType type = IqType.of(iq);
        String ns = child.getNamespaceURI();
        Optional<IqRegistry.Registered> handler = registry.find(new IqRegistry.Key(scope, type, ns, child.getName()));
        if (handler.isEmpty() && serverFallback) {
            handler = registry.find(new IqRegistry.Key(IqScope.SERVER, type, ns, child.getName()));
        }
        if (handler.isEmpty()) {
            metrics.iqHandled.labelValues(ns, "unhandled").inc();
            bounces.bounce(iq, PacketError.Condition.service_unavailable);
            return;
        }
        IQ reply = run(handler.get(), iq, origin, ns);
        if (reply != null) {
            reply.setTo(iq.getFrom());
            // A request without 'to' was handled for the sender's own account, which answers it.
            reply.setFrom(iq.getTo() != null ? iq.getTo() : origin.jid() == null ? null : origin.jid().asBareJID());
            reply.setID(iq.getID());
            router.route(reply);
        }
    }

    /** Runs a handler; a StanzaException becomes its error, anything else internal-server-error, logged once. */
    static IQ run(IqRegistry.Registered handler, IQ iq, Origin origin, String ns, ServerMetrics metrics,
                  ModuleFailures failures) {
        long start = System.nanoTime();
        try {
            IQ reply = handler.handler().handle(iq, origin);
            metrics.iqHandled.labelValues(ns, "ok").inc();
            return reply;
        } catch (StanzaException e) {
            metrics.iqHandled.labelValues(ns, e.condition().toXMPP()).inc();
            return errorReply(iq, e.toPacketError());
        } catch (RuntimeException e) {
            failures.failed(handler.owner(), "answering a " + ns + " IQ", e);
            metrics.iqHandled.labelValues(ns, "internal-server-error").inc();
            return errorReply(iq, new PacketError(PacketError.Condition.internal_server_error));
        } finally {
            metrics.iqLatency.labelValues(ns).observe((System.nanoTime() - start) / 1e9);
        }
    }

    private IQ run(IqRegistry.Registered handler, IQ iq, Origin origin, String ns) {
        return run(handler, iq, origin, ns, metrics, registry.failures());
    }

    static IQ errorReply(IQ request, PacketError error) {
        IQ reply = (IQ) im.parley.api.StanzaErrors.reply(request, error);
        reply.setTo(request.getFrom());
        reply.setFrom(request.getTo());
        return reply;
    }
}
