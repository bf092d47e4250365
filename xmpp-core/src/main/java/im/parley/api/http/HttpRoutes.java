package im.parley.api.http;

import jakarta.servlet.http.HttpServlet;
import java.util.Optional;

/**
 * The server's HTTP endpoint as modules see it (file upload, web clients, admin API): one Jetty
 * listener, TLS or plain behind a proxy, on which each module serves its own paths.
 */
public interface HttpRoutes {

    /**
     * Serves every request whose path is {@code prefix} or starts with {@code prefix + "/"}
     * (for example {@code "/upload"}) with the servlet; the longest matching prefix wins. A prefix
     * served twice fails the boot. The servlet runs on Jetty's threads, never on a session's.
     */
    void route(String prefix, HttpServlet servlet);

    /**
     * The address clients reach the endpoint at for a domain, without a trailing slash: the
     * configured public URL, else {@code https://<domain>:<port>} (or {@code http://} when TLS is
     * off). Empty when the endpoint is off.
     */
    Optional<String> baseUrl(String domain);
}
