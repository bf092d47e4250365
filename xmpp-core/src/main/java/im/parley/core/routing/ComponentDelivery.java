package im.parley.core.routing;

import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.core.dispatch.Components;
import im.parley.core.dispatch.ModuleFailures;
import im.parley.core.metrics.ServerMetrics;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/** Hands stanzas for a component's domain to its handler; its errors go back to the sender. */
final class ComponentDelivery {
    private final IqRequestTracker tracker;
    private final RouteDelivery delivery;
    private final Bounces bounces;
    private final ServerMetrics metrics;
    private final ModuleFailures failures;

    ComponentDelivery(IqRequestTracker tracker, RouteDelivery delivery, Bounces bounces, ServerMetrics metrics,
                      ModuleFailures failures) {
        this.failures = failures;
        this.tracker = tracker;
        this.delivery = delivery;
        this.bounces = bounces;
        this.metrics = metrics;
    }

    void dispatch(Packet stanza, Origin origin, Components.Registered component) {
        if (stanza instanceof IQ iq && (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error)) {
            if (tracker.complete(iq)) {
                return;
            }
            java.util.Optional<String> node = tracker.otherNode(iq);
            if (node.isPresent()) {
                delivery.routeOn(node.get(), iq);
                return;
            }
        }
        String kind = stanza.getElement().getName();
        try {
            component.handler().handle(stanza, origin);
            metrics.componentStanzas.labelValues(component.owner(), kind, "ok").inc();
        } catch (StanzaException e) {
            metrics.componentStanzas.labelValues(component.owner(), kind, e.condition().toXMPP()).inc();
            bounces.bounce(stanza, e);
        } catch (RuntimeException e) {
            failures.failed(component.owner(), "handling a " + kind + " to " + stanza.getTo(), e);
            metrics.componentStanzas.labelValues(component.owner(), kind, "internal-server-error").inc();
            bounces.bounce(stanza, PacketError.Condition.internal_server_error);
        }
    }
}
