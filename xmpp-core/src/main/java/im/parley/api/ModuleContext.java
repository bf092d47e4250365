package im.parley.api;

import im.parley.api.account.Accounts;
import im.parley.api.disco.Identity;
import im.parley.api.disco.ServiceDirectory;
import im.parley.api.event.EventListener;
import im.parley.api.event.ServerEvent;
import im.parley.api.metrics.ModuleMetrics;
import im.parley.api.routing.Router;
import im.parley.api.session.Sessions;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.dom4j.Element;

/**
 * A module's whole view of the server. Everything registered here belongs to the module and is
 * removed by the framework when the module stops.
 */
public interface ModuleContext {

    /** The module's config section bound to its record, validated at boot. */
    <C extends Record> C config(Class<C> type);

    /** Facts about this server: domains, admins, version, clock. */
    ServerInfo server();

    /**
     * Answers IQ requests of one type whose first child is {@code element} in {@code namespace}.
     * The namespace also becomes a disco feature of the scope. One handler per key: registering
     * a key twice fails at boot.
     */
    void onIq(IqScope scope, IqType type, String namespace, String element, IqHandler handler);

    /** {@link #onIq(IqScope, IqType, String, String, IqHandler)} for the server's own address. */
    default void onIq(IqType type, String namespace, String element, IqHandler handler) {
        onIq(IqScope.SERVER, type, namespace, element, handler);
    }

    /**
     * Like {@link #onIq(IqType, String, String, IqHandler)} but also answered for clients that
     * have not authenticated yet (in-band registration). The handler sees an
     * {@link Origin.Kind#UNAUTHENTICATED} origin.
     */
    void onPreAuthIq(IqType type, String namespace, String element, IqHandler handler);

    /**
     * Handles first-level stream elements of a namespace and name on authenticated streams
     * (after resource binding). One handler per element.
     */
    void onStreamElement(String namespace, String element, StreamElementHandler handler);

    /** Handles messages or presences on a route; handlers run by ascending priority. */
    void onStanza(StanzaRoute route, int priority, StanzaHandler handler);

    /** Sees every stanza at a phase; interceptors run by ascending priority. */
    void intercept(Phase phase, int priority, Interceptor interceptor);

    /** Listens to a server event type. Listeners run on the thread that publishes the event. */
    <E extends ServerEvent> void on(Class<E> type, EventListener<E> listener);

    /** Publishes an event to every listener of its type. */
    void publish(ServerEvent event);

    /** Adds a disco#info feature for the scope without registering an IQ handler. */
    void feature(IqScope scope, String var);

    /** Adds a disco#info identity for the scope. */
    void identity(IqScope scope, Identity identity);

    /**
     * Adds a stream feature offered to clients at a stage of negotiation. The function gets the
     * session and returns the feature element, or null to leave it out for that session.
     */
    void streamFeature(StreamStage stage, Function<im.parley.api.session.LocalSession, Element> feature);

    /**
     * Serves the subdomain {@code <label>.<domain>} of every served domain (for example
     * {@code conference.example.org}): every stanza addressed to it or to an address in it goes to
     * the handler. Returns the component's domains, in the order of the served domains. A domain
     * served by two modules fails the boot.
     */
    List<String> component(String label, im.parley.api.component.ComponentHandler handler);

    /**
     * Serves one exact domain that is not a subdomain label of every served domain, e.g. an
     * external component's (XEP-0114). A domain served twice fails.
     */
    void componentDomain(String domain, im.parley.api.component.ComponentHandler handler);

    /**
     * Takes over the stanzas for other servers' domains (federation). One module at a time;
     * without one, senders get remote-server-not-found.
     */
    void remoteDomains(im.parley.api.routing.RemoteDomains remote);

    /** Whether this server answers for a domain: one it serves or one of its components'. */
    boolean hostsDomain(String domain);

    /** The server's own certificates and TLS settings, for connections a module makes itself. */
    im.parley.api.tls.ServerTls tls();

    /** Contributes an implementation of an interface another module publishes (e.g. ad-hoc commands). */
    <T> void contribute(Class<T> type, T contribution);

    /** Everything contributed for an interface by any running module, in start order. */
    <T> List<T> contributions(Class<T> type);

    /**
     * The service another module publishes under an interface (its first contribution), looked up
     * when needed rather than at start, so modules may start in any order. Empty when the module
     * that provides it is disabled.
     */
    default <T> java.util.Optional<T> service(Class<T> type) {
        return contributions(type).stream().findFirst();
    }

    /**
     * The storage implementation of a repository interface. The backend in use supplies it; with
     * no persistent backend configured the module's in-memory implementation is used. A persistent
     * backend that lacks an implementation fails the boot.
     */
    <R> R repository(Class<R> type, Supplier<? extends R> inMemory);

    /** What disco reports: features, identities and items registered by all modules. */
    ServiceDirectory directory();

    Router router();

    /** The HTTP endpoint: the module's routes on it, removed when the module stops. */
    im.parley.api.http.HttpRoutes http();

    /** The client sessions bound on this node. */
    Sessions sessions();

    /** Every bound resource in the cluster with its node and presence; the same as this node's in single-node mode. */
    im.parley.api.routing.SessionDirectory routes();

    /** The cluster's members and its shared maps, counters and notices (local ones in single-node mode). */
    im.parley.api.cluster.ClusterView cluster();

    Accounts accounts();

    Scheduler scheduler();

    ModuleMetrics metrics();
}
