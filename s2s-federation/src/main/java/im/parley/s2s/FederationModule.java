package im.parley.s2s;

import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Xep;
import im.parley.module.adhoc.AdHocCommand;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.mina.filter.executor.OrderedThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Federation with other XMPP servers (RFC 6120 §13): listens for their streams, opens ours, and
 * takes the router's stanzas for remote domains.
 */
@im.parley.api.config.Configured(S2sConfig.class)
@Xep(number = 220, version = "1.1.1")
@Xep(number = 178, version = "1.2")
@Xep(number = 288, version = "1.0.1")
@Xep(number = 368, version = "1.1.0")
public final class FederationModule implements Module {
    private static final Logger LOG = LoggerFactory.getLogger(FederationModule.class);

    private final HostResolver resolver;
    private OrderedThreadPoolExecutor workers;
    private ExecutorService setup;
    private S2sTransport transport;
    private Connections connections;
    private volatile int port = -1;
    private volatile int directTlsPort = -1;

    /** With the static host map and DNS (SRV, then A/AAAA). */
    public FederationModule() {
        this(null);
    }

    FederationModule(HostResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public String name() {
        return "s2s";
    }

    @Override
    public void start(ModuleContext ctx) {
        S2sConfig config = ctx.config(S2sConfig.class);
        DnsHostResolver.check(config.hosts());
        PeerCertificates certificates = PeerCertificates.load(config.trustStore(), config.trustStorePassword());
        DialbackKeys keys = new DialbackKeys(dialbackSecret(ctx, config));
        // Server streams get workers of their own, ordered per connection, so a slow peer never holds up clients.
        workers = new OrderedThreadPoolExecutor(0, 16, 60, TimeUnit.SECONDS);
        // DNS lookups and connects block; they run here rather than on a sender's worker.
        setup = new ThreadPoolExecutor(0, 8, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        Federation federation = new Federation(config, ctx, keys, certificates, setup);
        connections = federation.connections;
        transport = new S2sTransport(config.maxStanzaSize().intBytes(), config.maxXmlDepth(), config.idleTimeout(), workers);
        OutgoingRoutes routes = new OutgoingRoutes(federation,
                resolver != null ? resolver : DnsHostResolver.withSystemDns(config.hosts()), transport);
        S2sTransport.Setup incoming = new S2sTransport.Setup(false, false, federation.tls::incoming, null,
                federation.tls.protocols(), link -> new IncomingStream(link, federation, routes));
        port = transport.listen(config.address(), config.port(), "s2s.port", incoming);
        if (config.directTlsPort() >= 0) {
            directTlsPort = transport.listen(config.address(), config.directTlsPort(), "s2s.direct_tls_port",
                    new S2sTransport.Setup(false, true, incoming.tls(), null, incoming.protocols(), incoming.handler()));
        }
        ctx.remoteDomains(routes);
        ctx.contribute(AdHocCommand.class, new S2sConnectionsCommand(ctx, connections));
        LOG.info("Listening for servers on {}:{} (STARTTLS){}", config.address(), port,
                directTlsPort >= 0 ? " and " + directTlsPort + " (direct TLS)" : "");
    }

    /** The configured secret, or one made once and shared by every node of the cluster. */
    private static String dialbackSecret(ModuleContext ctx, S2sConfig config) {
        if (!config.dialbackSecret().isEmpty()) {
            return config.dialbackSecret();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String mine = HexFormat.of().formatHex(random);
        return ctx.cluster().map("s2s").putIfAbsent("dialback-secret", mine).orElse(mine);
    }

    /** The cluster's server streams as the admin view lists them. */
    java.util.List<Connections.Row> streams() {
        return connections == null ? java.util.List.of() : connections.all();
    }

    /** The STARTTLS port bound (tests start with port 0). */
    public int port() {
        return port;
    }

    public int directTlsPort() {
        return directTlsPort;
    }

    @Override
    public void stop() {
        if (transport != null) {
            transport.close();
        }
        if (connections != null) {
            connections.clear();
        }
        if (workers != null) {
            workers.shutdown();
        }
        if (setup != null) {
            setup.shutdownNow();
        }
        awaitQuietly();
    }

    private void awaitQuietly() {
        try {
            if (workers != null) {
                workers.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
