package im.parley.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code /health/live}: the process answers (200). {@code /health/ready}: 200 when the server can
 * serve users, 503 with the reasons while storage or the cluster is unavailable.
 */
final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final transient Health health;

    HealthServlet(Health health) {
        this.health = health;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String which = request.getPathInfo() == null ? "" : request.getPathInfo();
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        switch (which) {
            case "/live" -> JSON.writeValue(response.getOutputStream(), Map.of("status", "live"));
            case "/ready" -> {
                Map<String, String> problems = health.problems();
                response.setStatus(problems.isEmpty() ? 200 : 503);
                JSON.writeValue(response.getOutputStream(), problems.isEmpty() ? Map.of("status", "ready")
                        : Map.of("status", "unavailable", "problems", problems));
            }
            default -> response.sendError(404, "use /health/live or /health/ready");
        }
    }
}
