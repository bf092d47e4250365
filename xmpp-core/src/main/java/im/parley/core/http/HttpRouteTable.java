package im.parley.core.http;

import jakarta.servlet.http.HttpServlet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The servlets modules serve, by path prefix; the longest prefix of a request's path wins. */
public final class HttpRouteTable {
    private record Route(String owner, HttpServlet servlet) {
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    /** Adds a route and returns what removes it again. */
    public Runnable add(String prefix, String owner, HttpServlet servlet) {
        if (!prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            throw new IllegalArgumentException("an HTTP route is /name or /name/more, without a trailing slash: " + prefix);
        }
        Route route = new Route(owner, servlet);
        Route taken = routes.putIfAbsent(prefix, route);
        if (taken != null) {
            throw new IllegalStateException("HTTP path " + prefix + " is already served by '" + taken.owner()
                    + "'; '" + owner + "' cannot serve it too");
        }
        return () -> routes.remove(prefix, route);
    }

    /** The servlet for a raw (undecoded) request path. */
    Optional<HttpServlet> find(String path) {
        for (String p = path; !p.isEmpty(); p = p.substring(0, Math.max(0, p.lastIndexOf('/')))) {
            Route route = routes.get(p);
            if (route != null) {
                return Optional.of(route.servlet());
            }
        }
        return Optional.empty();
    }
}
