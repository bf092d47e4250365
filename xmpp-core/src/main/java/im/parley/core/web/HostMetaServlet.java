package im.parley.core.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Connection discovery for web clients (XEP-0156 §3): {@code /.well-known/host-meta} (XRD) and
 * {@code /.well-known/host-meta.json} (JRD) name the WebSocket and BOSH endpoints of the domain asked for.
 */
public final class HostMetaServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    public static final String XRD = "/.well-known/host-meta";
    public static final String JSON = "/.well-known/host-meta.json";
    private static final String WEBSOCKET = "urn:xmpp:alt-connections:websocket";
    private static final String BOSH = "urn:xmpp:alt-connections:xbosh";

    private final transient List<String> domains;
    private final transient Function<String, Optional<String>> baseUrl;

    /** @param baseUrl the HTTP endpoint's URL for a domain */
    public HostMetaServlet(List<String> domains, Function<String, Optional<String>> baseUrl) {
        this.domains = List.copyOf(domains);
        this.baseUrl = baseUrl;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String host = request.getServerName();
        String domain = domains.contains(host) ? host : domains.get(0);
        String base = baseUrl.apply(domain).orElseThrow();
        String ws = base.replaceFirst("^http", "ws") + XmppWebSocketServlet.PATH;
        String bosh = base + BoshServlet.PATH;
        // Web clients on other origins read it (XEP-0156 §3.2 asks for CORS).
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setCharacterEncoding("UTF-8");
        String body;
        if (request.getRequestURI().equals(JSON)) {
            response.setContentType("application/json");
            body = "{\"links\":[{\"rel\":\"" + WEBSOCKET + "\",\"href\":\"" + ws + "\"},{\"rel\":\"" + BOSH
                    + "\",\"href\":\"" + bosh + "\"}]}";
        } else if (request.getRequestURI().equals(XRD)) {
            response.setContentType("application/xrd+xml");
            body = "<?xml version='1.0' encoding='utf-8'?>\n<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>\n"
                    + "  <Link rel='" + WEBSOCKET + "' href='" + ws + "'/>\n  <Link rel='" + BOSH + "' href='" + bosh + "'/>\n</XRD>\n";
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
