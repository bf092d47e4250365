package im.parley.core.http;

import im.parley.core.tls.TlsContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Jetty listener behind {@link im.parley.api.http.HttpRoutes}: it hands each request to the module route it matches. */
public final class HttpEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

    private final HttpConfig config;
    private final Server server;
    private final ServerConnector connector;

    private HttpEndpoint(HttpConfig config, Server server, ServerConnector connector) {
        this.config = config;
        this.server = server;
        this.connector = connector;
    }

    /** Starts the listener; the routes may be added before or after. */
    public static HttpEndpoint start(HttpConfig config, TlsContext tls, HttpRouteTable routes,
                                     im.parley.core.web.XmppWebSocketServlet webSocket, im.parley.core.web.BoshServlet bosh) {
        QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads(), Math.min(8, config.maxThreads()));
        threads.setName("parley-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector;
        if (config.tls()) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls.sslContext());
            // Clients reach the endpoint by IP or through proxies as well as by domain.
            http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        } else {
            // Behind a reverse proxy: its Forwarded / X-Forwarded-* headers say whether the client used
            // TLS, which decides, for example, whether a web client's stream counts as encrypted.
            http.addCustomizer(new org.eclipse.jetty.server.ForwardedRequestCustomizer());
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(config.address());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("parley", new Dispatcher(routes)), "/*");
        // XMPP over WebSocket enters the session layer like a TCP stream (RFC 7395).
        org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer.configure(context, null);
        context.addServlet(new ServletHolder("xmpp-websocket", webSocket), im.parley.core.web.XmppWebSocketServlet.PATH);
        ServletHolder boshHolder = new ServletHolder("bosh", bosh);
        boshHolder.setAsyncSupported(true); // requests wait for output (long polling)
        context.addServlet(boshHolder, im.parley.core.web.BoshServlet.PATH);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IllegalStateException("cannot start the HTTP endpoint on " + config.address() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        LOG.info("HTTP endpoint on {}:{} ({})", config.address(), connector.getLocalPort(), config.tls() ? "TLS" : "plain HTTP");
        return new HttpEndpoint(config, server, connector);
    }

    /** The port actually bound. */
    public int port() {
        return connector.getLocalPort();
    }

    /** See {@link im.parley.api.http.HttpRoutes#baseUrl}. */
    public Optional<String> baseUrl(String domain) {
        if (!config.publicUrl().isBlank()) {
            String url = config.publicUrl().strip();
            return Optional.of(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        }
        return Optional.of((config.tls() ? "https://" : "http://") + domain + ":" + port());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("HTTP endpoint did not stop cleanly", e);
        }
    }

    /** The one servlet Jetty knows: it finds the module's servlet by the raw path. */
    private static final class Dispatcher extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient HttpRouteTable routes;

        Dispatcher(HttpRouteTable routes) {
            this.routes = routes;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Optional<HttpServlet> route = routes.find(request.getRequestURI());
            if (route.isEmpty()) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "nothing is served at this path");
                return;
            }
            try {
                route.get().service(request, response);
            } catch (jakarta.servlet.ServletException e) {
                LOG.error("HTTP route failed for {} {}", request.getMethod(), request.getRequestURI(), e);
                if (!response.isCommitted()) {
                    response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                }
            }
        }
    }
}
