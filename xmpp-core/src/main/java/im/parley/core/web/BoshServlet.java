package im.parley.core.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BOSH (XEP-0124 with XEP-0206) at {@code /http-bind}: each POST carries a {@code <body/>} with the
 * client's stanzas and is held until the server has something to send or the client's wait ends.
 * Sessions enter the same session layer as TCP and WebSocket streams.
 */
public final class BoshServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    public static final String PATH = "/http-bind";
    static final String NS = "http://jabber.org/protocol/httpbind";
    private static final Pattern START = Pattern.compile("^\\s*(<\\?xml[^>]*\\?>)?\\s*<body\\b", Pattern.DOTALL);
    private static final int MAX_WAIT_SECONDS = 60;
    private static final int MAX_REQUESTS_PER_SECOND = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final transient XmppWebSocketServlet.Settings settings;
    private final transient List<String> domains;
    private final transient Map<String, BoshConnection> sessions = new ConcurrentHashMap<>();
    private volatile boolean accepting;

    public BoshServlet(XmppWebSocketServlet.Settings settings, List<String> domains) {
        this.settings = settings;
        this.domains = List.copyOf(domains);
    }

    public void accept() {
        accepting = true;
    }

    /** Ends sessions whose client has not asked for longer than the inactivity period. */
    public void sweep() {
        sessions.values().forEach(c -> c.idleCheck(settings.idleTimeout()));
    }

    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        cors(response);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        cors(response);
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "BOSH takes POST requests (XEP-0124)");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        cors(response);
        if (!accepting) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the server is starting");
            return;
        }
        String text = read(request, settings.maxStanzaBytes() * 2L + 4096);
        if (text == null) {
            terminate(response, "policy-violation"); // larger than any allowed stanza
            return;
        }
        Matcher start = START.matcher(text);
        if (!start.find()) {
            terminate(response, "bad-request");
            return;
        }
        int tagEnd = XmlTags.tagEnd(text, start.end());
        if (tagEnd < 0) {
            terminate(response, "bad-request");
            return;
        }
        boolean empty = text.charAt(tagEnd - 2) == '/';
        Map<String, String> attributes = XmlTags.attributes(text.substring(start.end(), tagEnd - (empty ? 2 : 1)));
        int close = text.lastIndexOf("</body>");
        if (!NS.equals(attributes.get("xmlns")) || (!empty && close < tagEnd)) {
            terminate(response, "bad-request");
            return;
        }
        String payload = empty ? "" : text.substring(tagEnd, close);
        long rid;
        try {
            rid = Long.parseLong(attributes.getOrDefault("rid", ""));
        } catch (NumberFormatException e) {
            terminate(response, "bad-request");
            return;
        }
        String sid = attributes.get("sid");
        if (sid == null) {
            create(request, response, attributes, rid);
        } else {
            continueSession(request, response, attributes, sid, rid, payload);
        }
    }

    private void create(HttpServletRequest request, HttpServletResponse response, Map<String, String> attributes, long rid)
            throws IOException {
        String to = attributes.get("to");
        if (to == null || !domains.contains(to)) {
            terminate(response, "host-unknown"); // XEP-0124 §17
            return;
        }
        java.net.InetAddress address = java.net.InetAddress.getByName(request.getRemoteAddr());
        if (settings.limits().open(address) != null) {
            terminate(response, "policy-violation"); // the c2s connection limits count BOSH sessions too
            return;
        }
        long wait = Math.max(1, Math.min(MAX_WAIT_SECONDS, parse(attributes.get("wait"), MAX_WAIT_SECONDS)));
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String sid = HexFormat.of().formatHex(bytes);
        InetSocketAddress remote = new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort());
        BoshConnection connection = new BoshConnection(sid, to, rid + 1, settings.sessions(), settings.workers(),
                settings.maxStanzaBytes(), settings.maxDepth(), remote, request.isSecure(), () -> {
                    if (sessions.remove(sid) != null) {
                        settings.limits().closed(address);
                    }
                });
        sessions.put(sid, connection);
        String creation = "xmlns:xmpp='urn:xmpp:xbosh' sid='" + sid + "' wait='" + wait + "' requests='2' hold='1'"
                + " inactivity='" + settings.idleTimeout().toSeconds() + "' polling='1' ver='1.11' from='" + to + "'"
                + " xmpp:version='1.0' xmpp:restartlogic='true' secure='" + request.isSecure() + "'";
        AsyncContext async = hold(request, connection);
        connection.open(to, attributes.get("xml:lang"), rid, creation, async, wait * 1000);
    }

    private void continueSession(HttpServletRequest request, HttpServletResponse response, Map<String, String> attributes,
                                 String sid, long rid, String payload) throws IOException {
        BoshConnection connection = sessions.get(sid);
        if (connection == null) {
            terminate(response, "item-not-found"); // XEP-0124 §14.4: unknown or ended session
            return;
        }
        String replay = connection.replay(rid);
        if (replay != null) {
            write(response, replay); // XEP-0124 §14.3: the answer was lost, send it again
            return;
        }
        if (!connection.expected(rid)) {
            connection.close();
            terminate(response, "item-not-found"); // XEP-0124 §14.1: a request out of order
            return;
        }
        if (!connection.withinRate(MAX_REQUESTS_PER_SECOND)) {
            connection.close();
            terminate(response, "policy-violation"); // XEP-0124 §12: too many requests
            return;
        }
        long wait = Math.max(1, Math.min(MAX_WAIT_SECONDS, parse(attributes.get("wait"), MAX_WAIT_SECONDS)));
        AsyncContext async = hold(request, connection);
        connection.request(rid, payload, "true".equals(attributes.get("xmpp:restart")), "terminate".equals(attributes.get("type")),
                async, wait * 1000);
    }

    private static AsyncContext hold(HttpServletRequest request, BoshConnection connection) {
        AsyncContext async = request.startAsync();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                connection.timedOut(async);
            }

            @Override
            public void onComplete(AsyncEvent event) {
                // answered
            }

            @Override
            public void onError(AsyncEvent event) {
                // the client went away; its next request carries on
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // nothing to do
            }
        });
        return async;
    }

    /** Completes a held request with a body. */
    static void send(AsyncContext async, String body) {
        try {
            write((HttpServletResponse) async.getResponse(), body);
        } catch (IOException | IllegalStateException e) {
            // the client is gone; it retransmits the request if it still wants the answer
        } finally {
            try {
                async.complete();
            } catch (IllegalStateException e) {
                // completed already
            }
        }
    }

    private static void write(HttpServletResponse response, String body) throws IOException {
        response.setContentType("text/xml; charset=utf-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void terminate(HttpServletResponse response, String condition) throws IOException {
        write(response, "<body xmlns='" + NS + "' type='terminate' condition='" + condition + "'/>");
    }

    private static void cors(HttpServletResponse response) {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Content-Type");
        response.setHeader("Access-Control-Max-Age", "86400");
    }

    private static String read(HttpServletRequest request, long limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            return bytes.length > limit ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static long parse(String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
