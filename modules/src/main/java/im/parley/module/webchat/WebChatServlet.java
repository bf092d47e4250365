package im.parley.module.webchat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The chat page and the client's files: {@code /chat} is a small page that starts Converse.js
 * against this server's WebSocket endpoint (same origin, so it works behind a proxy too), and
 * {@code /chat/converse/...} are the client's files from the class path.
 */
final class WebChatServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String ASSETS = "webchat/converse/";
    /** Letters, digits and a few signs per segment, no "..": the path can only name a file under ASSETS. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.@-]*(/[A-Za-z0-9_-][A-Za-z0-9_.@-]*)*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"), Map.entry("css", "text/css"),
            Map.entry("json", "application/json"), Map.entry("wasm", "application/wasm"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"), Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"), Map.entry("eot", "application/vnd.ms-fontobject"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("ogg", "audio/ogg"), Map.entry("html", "text/html"));

    private final transient WebChatConfig config;
    private final transient List<String> domains;
    private final transient ClassLoader loader;

    WebChatServlet(WebChatConfig config, List<String> domains, ClassLoader loader) {
        this.config = config;
        this.domains = List.copyOf(domains);
        this.loader = loader;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(WebChatModule.PATH.length());
        if (path.isEmpty()) {
            response.sendRedirect(WebChatModule.PATH + "/");
        } else if (path.equals("/")) {
            page(request, response);
        } else if (path.startsWith("/converse/") && SAFE.matcher(path.substring("/converse/".length())).matches()) {
            asset(path.substring("/converse/".length()), response);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String host = request.getServerName();
        String domain = domains.contains(host) ? host : domains.get(0);
        boolean bundled = loader.getResource(ASSETS + "converse.min.js") != null;
        String body = bundled ? page(domain) : "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + html(config.title())
                + "</title></head><body><p>The web client is not part of this build: it is fetched from the npm registry"
                + " when Parley is built, and npm was not available then. Rebuild with npm installed"
                + " (<code>mvn -B -q -DskipTests package</code>), or connect any XMPP client to " + html(domain) + ".</p></body></html>";
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Frame-Options", config.viewMode().equals("fullscreen") ? "DENY" : "SAMEORIGIN");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private String page(String domain) {
        // The WebSocket URL is derived from the page's own address, so it is right behind a proxy too.
        return "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
                + "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
                + "<title>" + html(config.title()) + "</title>\n"
                + "<link rel='icon' href='converse/images/favicon.ico'>\n"
                + "<link rel='stylesheet' href='converse/converse.min.css'>\n"
                + "<script type='module' src='converse/converse.min.js'></script>\n</head>\n<body class='converse-" + config.viewMode() + "'>\n"
                + "<script type='module'>\n"
                + "converse.initialize({\n"

                + "  assets_path: 'converse/',\n"
                + "  websocket_url: (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/xmpp-websocket',\n"
                + "  discover_connection_methods: false,\n"
                + "  view_mode: '" + config.viewMode() + "',\n"
                + "  default_domain: '" + js(domain) + "',\n"
                + "  domain_placeholder: '" + js(domain) + "',\n"
                + "  allow_registration: " + config.allowRegistration() + ",\n"
                + "  auto_reconnect: true,\n"
                + "  show_client_info: false,\n"
                + "  theme: 'classic'\n"
                + "});\n</script>\n</body>\n</html>\n";
    }

    private void asset(String name, HttpServletResponse response) throws IOException {
        try (InputStream in = loader.getResourceAsStream(ASSETS + name)) {
            if (in == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            String extension = name.substring(name.lastIndexOf('.') + 1);
            response.setContentType(TYPES.getOrDefault(extension, "application/octet-stream"));
            // The files of one build never change; a day of caching spares reloads without pinning old builds.
            response.setHeader("Cache-Control", "public, max-age=86400");
            response.setHeader("X-Content-Type-Options", "nosniff");
            in.transferTo(response.getOutputStream());
        }
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }

    private static String js(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'").replace("<", "\\u003c");
    }
}
