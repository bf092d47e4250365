package im.parley.core.session;

import im.parley.api.Scheduler;
import im.parley.api.ServerInfo;
import im.parley.api.routing.RoutingTable;
import im.parley.core.config.C2sConfig;
import im.parley.core.dispatch.EventBus;
import im.parley.core.dispatch.Interceptors;
import im.parley.core.dispatch.StreamElements;
import im.parley.core.dispatch.StreamFeatures;
import im.parley.core.metrics.ServerMetrics;
import im.parley.core.sasl.SaslExchange;

/** Everything a client session uses, built once at boot. */
public record SessionServices(
        ServerInfo server,
        C2sConfig c2s,
        SaslExchange.Services sasl,
        StreamFeatures features,
        StreamElements streamElements,
        Interceptors interceptors,
        SessionRegistry registry,
        RoutingTable routes,
        im.parley.core.routing.RouteDelivery delivery,
        String node,
        im.parley.api.routing.Router router,
        EventBus events,
        Scheduler scheduler,
        ServerMetrics metrics,
        StanzaSink stanzas) {

    /** Where stanzas from clients go: the stanza intake, which the router sits behind. */
    public interface StanzaSink {
        /** A stanza from a bound session. */
        void fromClient(org.dom4j.Element stanza, ClientSession session);

        /** An IQ from a session that has not authenticated yet (only pre-auth handlers may answer). */
        void preAuth(org.dom4j.Element iq, ClientSession session);
    }
}
