package im.parley.core.server;

import im.parley.api.Module;
import im.parley.api.account.AccountStore;
import im.parley.api.cluster.Cluster;
import im.parley.api.routing.RoutingTable;
import im.parley.core.cluster.ClusterInbox;
import im.parley.core.account.AccountService;
import im.parley.core.config.AuthConfig;
import im.parley.core.config.C2sConfig;
import im.parley.core.config.ServerConfig;
import im.parley.core.dispatch.Registries;
import im.parley.core.metrics.ServerMetrics;
import im.parley.core.net.C2sListener;
import im.parley.core.net.ConnectionSettings;
import im.parley.core.routing.IqRequestTracker;
import im.parley.core.routing.Handoffs;
import im.parley.core.routing.RouteDelivery;
import im.parley.core.routing.StanzaIntake;
import im.parley.core.routing.StanzaRouter;
import im.parley.core.sasl.AuthFailureTracker;
import im.parley.core.sasl.SaslExchange;
import im.parley.core.sasl.SaslMechanisms;
import im.parley.core.session.ClientSession;
import im.parley.core.session.SessionRegistry;
import im.parley.core.session.SessionServices;
import im.parley.core.tls.TlsContext;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.mina.filter.executor.OrderedThreadPoolExecutor;

/** The core's object graph, built by constructors once at boot (the core half of the composition root). */
public final class ServerParts {
    /**
     * How long a message handed to another node waits for its confirmation before it counts as
     * taken: longer than the longest cluster failure timeout, after which a dead node's handoffs
     * are routed again instead.
     */
    private static final Duration UNCONFIRMED_LIMIT = Duration.ofMinutes(2);

    private final ServerDetails server;
    private final ServerMetrics metrics;
    private final SharedScheduler scheduler = new SharedScheduler(2);
    private final Registries registries;
    private final SessionRegistry sessions = new SessionRegistry();
    private final Cluster cluster;
    private final RoutingTable routes;
    private final RouteDelivery delivery;
    private final AccountService accounts;
    private final StanzaRouter router;
    private final StanzaIntake intake;
    private final AuthFailureTracker authFailures;
    private final AccountStore accountStore;
    private final OrderedThreadPoolExecutor workers;
    private im.parley.core.net.ConnectionLimits limits;

    private ServerParts(ServerConfig config, Clock clock, String version, AccountStore accountStore,
                        Cluster cluster, AuthConfig auth, ServerMetrics metrics) {
        this.metrics = metrics;
        this.registries = new Registries(metrics);
        this.server = new ServerDetails(config.domains(), config.admins(), version, clock, config.dataDir());
        this.cluster = cluster;
        this.routes = cluster.routingTable();
        this.delivery = new RouteDelivery(sessions, cluster, new Handoffs(cluster.localNode()), metrics);
        this.accountStore = accountStore;
        this.accounts = new AccountService(accountStore, server, registries.events(), routes, delivery,
                auth.scramIterations(), auth.minPasswordLength());
        IqRequestTracker tracker = new IqRequestTracker(scheduler, cluster.localNode());
        this.router = new StanzaRouter(new StanzaRouter.Parts(server, registries.iqs(), registries.chains(), routes,
                delivery, accounts, tracker, metrics, registries.components(), registries.remoteDomains()));
        this.intake = new StanzaIntake(router, registries.interceptors(), registries.iqs(), metrics);
        this.authFailures = new AuthFailureTracker(auth, clock, registries.events()::publish);
        this.workers = new OrderedThreadPoolExecutor(0, config.workerThreads(), 60, TimeUnit.SECONDS);
        scheduler.scheduleAtFixedRate(Duration.ofMinutes(1), Duration.ofMinutes(1), authFailures::sweep);
    }

    public static ServerParts create(ServerConfig config, Clock clock, String version, AccountStore accountStore,
                                     Cluster cluster, AuthConfig auth, ServerMetrics metrics) {
        return new ServerParts(config, clock, version, accountStore, cluster, auth, metrics);
    }

    /** Starts taking messages and membership changes from other nodes; once modules are listening. */
    public void joinCluster() {
        metrics.clusterMembers.set(cluster.members().size());
        cluster.start(new ClusterInbox(cluster, sessions, router, delivery, registries.events(), scheduler, metrics));
        // A node that stays a member but never confirms a handoff is not waited on for ever; one that
        // dies is noticed within the cluster's failure timeout and its handoffs are routed again.
        scheduler.scheduleAtFixedRate(UNCONFIRMED_LIMIT, UNCONFIRMED_LIMIT.dividedBy(2),
                () -> delivery.handoffs().expire(UNCONFIRMED_LIMIT));
    }

    public Cluster cluster() {
        return cluster;
    }

    /** The client listener over these parts. */
    public C2sListener listener(C2sConfig c2s, TlsContext tls, AuthConfig auth) {
        ConnectionSettings settings = new ConnectionSettings(tls, server.domains().get(0), c2s.idleTimeout(),
                c2s.maxSendQueue().bytes(), c2s.maxPendingStanzas(), c2s.maxStanzaSize().intBytes(), c2s.maxXmlDepth());
        return new C2sListener(c2s, settings, workers, clientSessions(c2s, auth), limits(c2s), metrics);
    }

    /** The WebSocket side of client streams, with the same sessions, workers and limits as TCP. */
    public im.parley.core.web.XmppWebSocketServlet webSocket(C2sConfig c2s, AuthConfig auth) {
        return new im.parley.core.web.XmppWebSocketServlet(new im.parley.core.web.XmppWebSocketServlet.Settings(
                clientSessions(c2s, auth), workers, c2s.maxStanzaSize().intBytes(), c2s.maxXmlDepth(), c2s.maxPendingStanzas(),
                c2s.idleTimeout(), limits(c2s)));
    }

    /** The connection limits of c2s, one count per address for TCP, WebSocket and BOSH together. */
    private synchronized im.parley.core.net.ConnectionLimits limits(C2sConfig c2s) {
        if (limits == null) {
            limits = new im.parley.core.net.ConnectionLimits(c2s.maxConnectionsPerIp(), c2s.newConnectionsPerSecondPerIp(),
                    c2s.newConnectionsPerSecond(), registries::connectionRefusal);
        }
        return limits;
    }

    /** BOSH, with the same sessions, workers and limits as TCP. */
    public im.parley.core.web.BoshServlet bosh(C2sConfig c2s, AuthConfig auth) {
        return new im.parley.core.web.BoshServlet(new im.parley.core.web.XmppWebSocketServlet.Settings(
                clientSessions(c2s, auth), workers, c2s.maxStanzaSize().intBytes(), c2s.maxXmlDepth(), c2s.maxPendingStanzas(),
                c2s.idleTimeout(), limits(c2s)), server.domains());
    }

    /** Makes the client session of a new connection, whatever its transport. */
    private java.util.function.Function<im.parley.core.session.Connection, im.parley.core.net.StreamListener> clientSessions(
            C2sConfig c2s, AuthConfig auth) {
        SaslExchange.Services sasl = new SaslExchange.Services(new SaslMechanisms(auth, accountStore), authFailures,
                scheduler, auth, metrics);
        SessionServices services = new SessionServices(server, c2s, sasl, registries.streamFeatures(),
                registries.streamElements(), registries.interceptors(), sessions, routes, delivery, cluster.localNode(), router, registries.events(),
                scheduler, metrics, intake);
        return connection -> new ClientSession(connection, services);
    }

    public Module legacySession() {
        return new LegacySessionModule();
    }

    public ServerDetails server() {
        return server;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public SharedScheduler scheduler() {
        return scheduler;
    }

    public Registries registries() {
        return registries;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public AccountService accounts() {
        return accounts;
    }

    public RouteDelivery delivery() {
        return delivery;
    }

    public StanzaRouter router() {
        return router;
    }

    public void shutdown() {
        scheduler.shutdown();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
