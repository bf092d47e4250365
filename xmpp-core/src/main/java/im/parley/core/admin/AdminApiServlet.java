package im.parley.core.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import im.parley.api.admin.AdminException;
import im.parley.api.admin.AdminRequest;
import im.parley.api.admin.AdminResource;
import im.parley.api.admin.AdminResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/<resource>/...}: checks the bearer token, reads the JSON body, hands the call to
 * the resource and writes its answer as JSON. Refusals are 4xx with {@code {"error": "..."}}.
 */
public final class AdminApiServlet extends HttpServlet {
    static final String PATH = "/api/v1";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminApiServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1 << 20;

    private final transient byte[] token;
    private final transient Supplier<List<AdminResource>> resources;

    public AdminApiServlet(String token, Supplier<List<AdminResource>> resources) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.resources = resources;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")
                || !MessageDigest.isEqual(token, auth.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"parley-admin\"");
            // The body is left unread, so the connection ends with this answer rather than being reused.
            response.setHeader("Connection", "close");
            LOG.warn("Admin API: {} {} from {} refused: {} token", request.getMethod(), request.getRequestURI(),
                    request.getRemoteAddr(), auth == null ? "no" : "wrong");
            write(response, 401, Map.of("error", "a valid token is required (Authorization: Bearer <token>)"));
            return;
        }
        List<String> path = segments(request.getPathInfo());
        Optional<AdminResource> resource = path.isEmpty() ? Optional.empty()
                : resources.get().stream().filter(r -> r.name().equals(path.get(0))).findFirst();
        if (resource.isEmpty()) {
            response.setHeader("Connection", "close");
            write(response, 404, Map.of("error", "no such resource; known: "
                    + resources.get().stream().map(AdminResource::name).sorted().toList()));
            return;
        }
        try {
            AdminRequest call = new AdminRequest(request.getMethod(), path.subList(1, path.size()), query(request), body(request));
            AdminResponse answer = resource.get().handle(call);
            if (!"GET".equals(request.getMethod())) {
                LOG.info("Admin API: {} {} from {} -> {}", request.getMethod(), request.getRequestURI(),
                        request.getRemoteAddr(), answer.status());
            }
            write(response, answer.status(), answer.body());
        } catch (AdminException e) {
            if (e.status() == 413) {
                response.setHeader("Connection", "close"); // the rest of the body is never read
            }
            LOG.info("Admin API: {} {} from {} refused ({}): {}", request.getMethod(), request.getRequestURI(),
                    request.getRemoteAddr(), e.status(), e.getMessage());
            write(response, e.status(), Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Admin API: {} {} failed", request.getMethod(), request.getRequestURI(), e);
            write(response, 500, Map.of("error", "internal error; see the server log"));
        }
    }

    private static List<String> segments(String pathInfo) {
        List<String> path = new ArrayList<>();
        if (pathInfo != null) {
            for (String s : pathInfo.split("/")) {
                if (!s.isEmpty()) {
                    path.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
                }
            }
        }
        return path;
    }

    private static Map<String, String> query(HttpServletRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> query.put(k, v.length == 0 ? "" : v[0]));
        return query;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpServletRequest request) throws IOException, AdminException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new AdminException(413, "the body is larger than " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return Map.of();
        }
        try {
            Object parsed = JSON.readValue(bytes, Object.class);
            if (!(parsed instanceof Map)) {
                throw AdminException.badRequest("the body must be a JSON object");
            }
            return (Map<String, Object>) parsed;
        } catch (JsonProcessingException e) {
            throw AdminException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        if (body != null) {
            response.setContentType("application/json");
            JSON.writeValue(response.getOutputStream(), body);
        }
    }
}
