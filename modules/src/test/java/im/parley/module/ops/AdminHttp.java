package im.parley.module.ops;

import im.parley.testing.ParleyServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls to a test server's admin listener, as an admin's script or Prometheus would make them. */
final class AdminHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ParleyServer server;

    AdminHttp(ParleyServer server) {
        this.server = server;
    }

    HttpResponse<String> call(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().adminPort() + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An API call with the server's token. */
    HttpResponse<String> api(String method, String path, String json) {
        return call(method, "/api/v1" + path, server.server().adminToken(), json);
    }

    /** The sum of a metric's samples whose label set contains every given fragment (e.g. outcome="success"). */
    double metric(String name, String... labelFragments) {
        String text = call("GET", "/metrics", null, null).body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean all = true;
            for (String f : labelFragments) {
                all &= line.contains(f);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
