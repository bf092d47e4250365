package im.parley.core.dispatch;

import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.StanzaHandler;
import im.parley.api.StanzaRoute;
import im.parley.core.metrics.ServerMetrics;
import java.util.EnumMap;
import java.util.Map;
import org.xmpp.packet.Packet;

/** The handlers modules register on each {@link StanzaRoute}, run in priority order. */
public final class StanzaChains {
    private final Map<StanzaRoute, Ordered<StanzaHandler>> chains = new EnumMap<>(StanzaRoute.class);
    private final ServerMetrics metrics;

    private final ModuleFailures failures;

    public StanzaChains(ServerMetrics metrics, ModuleFailures failures) {
        this.failures = failures;
        this.metrics = metrics;
        for (StanzaRoute route : StanzaRoute.values()) {
            chains.put(route, new Ordered<>());
        }
    }

    Runnable add(StanzaRoute route, int priority, String owner, StanzaHandler handler) {
        return chains.get(route).add(priority, owner, handler);
    }

    /**
     * Offers the stanza to the route's handlers until one consumes it.
     *
     * @return true when a handler consumed it
     * @throws StanzaException when a handler refuses it with an error for the sender
     */
    public boolean handle(StanzaRoute route, Packet stanza, Origin origin) throws StanzaException {
        for (Ordered.Owned<StanzaHandler> h : chains.get(route).snapshot()) {
            long start = System.nanoTime();
            try {
                if (h.value().handle(stanza, origin)) {
                    return true;
                }
            } catch (RuntimeException e) {
                failures.failed(h.owner(), "handling a stanza on " + route, e);
            } finally {
                metrics.stanzaHandlerLatency.labelValues(h.owner(), route.name()).observe((System.nanoTime() - start) / 1e9);
            }
        }
        return false;
    }
}
