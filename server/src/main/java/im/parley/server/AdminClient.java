package im.parley.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import im.parley.core.admin.Admin;
import im.parley.core.admin.AdminConfig;
import im.parley.core.config.ConfigSource;
import im.parley.core.config.ServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The admin REST API of a running server, as {@code bin/parley admin} calls it: the address and
 * token come from the same config file (or the token the server generated in its data directory).
 */
final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    private AdminClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    static AdminClient of(ConfigSource config) throws IOException {
        AdminConfig admin = config.bind("management", AdminConfig.class);
        ServerConfig server = config.bind("server", ServerConfig.class);
        if (admin.port() <= 0) {
            throw new IllegalStateException("management.port is " + admin.port() + "; the admin API needs a fixed port");
        }
        String token = admin.token().strip();
        if (token.isEmpty()) {
            Path file = server.dataDir().resolve(Admin.TOKEN_FILE);
            if (!Files.isReadable(file)) {
                throw new IllegalStateException("no management.token in the config and no readable " + file
                        + " (the server writes it at its first start)");
            }
            token = Files.readString(file).strip();
        }
        String host = admin.address().equals("0.0.0.0") ? "127.0.0.1" : admin.address();
        return new AdminClient("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + admin.port() + "/api/v1", token);
    }

    static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("%40", "@").replace("%2F", "/");
    }

    /** Makes the call, prints the answer (JSON, indented) and returns the exit code: 0 for 2xx, 1 otherwise. */
    int call(String method, String path, Map<String, Object> body, PrintStream out, PrintStream err) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            err.println("parley: no server answers at " + base + " (is it running? see management.address/port)");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        boolean ok = response.statusCode() / 100 == 2;
        String text = response.body().isBlank() ? "" : JSON.writeValueAsString(JSON.readTree(response.body()));
        if (ok) {
            out.println(text.isEmpty() ? "done" : text);
            return 0;
        }
        err.println("parley: " + response.statusCode() + " " + text);
        return 1;
    }
}
