package im.parley.core.web;

import im.parley.core.net.StreamListener;
import im.parley.core.session.Connection;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;

/**
 * XMPP over WebSocket (RFC 7395) at {@code /xmpp-websocket}: upgrades requests that offer the
 * {@code xmpp} subprotocol and hands each connection to a new client session.
 */
public final class XmppWebSocketServlet extends JettyWebSocketServlet {
    private static final long serialVersionUID = 1L;
    public static final String PATH = "/xmpp-websocket";

    /** What a WebSocket stream needs from the server: its sessions, workers and the c2s limits. */
    public record Settings(Function<Connection, StreamListener> sessions, Executor workers, int maxStanzaBytes, int maxDepth,
                           int maxPending, Duration idleTimeout, im.parley.core.net.ConnectionLimits limits) {
    }

    private final transient Settings settings;
    private final transient Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean accepting;

    public XmppWebSocketServlet(Settings settings) {
        this.settings = settings;
    }

    /** Starts taking streams: once the modules are running, so that the first client sees every feature. */
    public void accept() {
        accepting = true;
    }

    /** Asks every open stream that has been silent for the idle timeout whether it is still there. */
    public void sweep() {
        open.forEach(c -> c.idleCheck(settings.idleTimeout()));
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        // Room for a stanza of the largest size in UTF-8 plus framing; larger messages close the socket.
        factory.setMaxTextMessageSize(settings.maxStanzaBytes() + 1024L);
        factory.setIdleTimeout(settings.idleTimeout().plus(settings.idleTimeout()));
        factory.setCreator((request, response) -> {
            if (!accepting) {
                sendError(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the server is starting");
                return null;
            }
            // RFC 7395 §3.1: the client offers the "xmpp" subprotocol and the server selects it.
            if (!request.getSubProtocols().contains("xmpp")) {
                sendError(response, HttpServletResponse.SC_BAD_REQUEST, "the xmpp subprotocol is required (RFC 7395)");
                return null;
            }
            java.net.InetAddress address = ((java.net.InetSocketAddress) request.getRemoteSocketAddress()).getAddress();
            im.parley.core.net.ConnectionLimits.Refusal refusal = settings.limits().open(address);
            if (refusal != null) {
                sendError(response, 429, refusal.text()); // the c2s limits count web streams too
                return null;
            }
            response.setAcceptedSubProtocol("xmpp");
            WebSocketConnection[] self = new WebSocketConnection[1];
            self[0] = new WebSocketConnection(settings.sessions(), settings.workers(), settings.maxStanzaBytes(),
                    settings.maxDepth(), settings.maxPending(), () -> {
                        if (open.remove(self[0])) {
                            settings.limits().closed(address);
                        }
                    });
            open.add(self[0]);
            return self[0];
        });
    }

    private static void sendError(org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse response, int status,
                                  String reason) {
        try {
            response.sendError(status, reason);
        } catch (IOException e) {
            // the client is gone already
        }
    }
}
