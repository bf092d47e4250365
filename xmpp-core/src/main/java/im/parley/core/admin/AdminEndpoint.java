package im.parley.core.admin;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin listener: metrics, health and the admin REST API, on plain HTTP (loopback by default). */
public final class AdminEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);

    private final Server server;
    private final ServerConnector connector;

    private AdminEndpoint(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts the listener with what it serves. */
    public static AdminEndpoint start(AdminConfig config, PrometheusRegistry registry, Health health, AdminApiServlet api) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("parley-admin");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.address());
        connector.setPort(config.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("metrics", new MetricsServlet(registry)), "/metrics");
        context.addServlet(new ServletHolder("health", new HealthServlet(health)), "/health/*");
        context.addServlet(new ServletHolder("api", api), AdminApiServlet.PATH + "/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IllegalStateException("cannot start the admin listener on " + config.address() + ":" + config.port()
                    + " (management.port): " + e.getMessage(), e);
        }
        LOG.info("Admin listener on {}:{}: {}", config.address(), connector.getLocalPort(),
                List.of("/metrics", "/health/live", "/health/ready", AdminApiServlet.PATH));
        return new AdminEndpoint(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Admin listener did not stop cleanly", e);
        }
    }
}
