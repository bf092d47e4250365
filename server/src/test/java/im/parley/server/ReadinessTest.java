package im.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.storage.Storage;
import im.parley.storage.StorageConfig;
import im.parley.testing.Await;
import im.parley.testing.ParleyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readiness turns false while the database or the cluster is unavailable; liveness stays true. */
class ReadinessTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private ClusterNodes cluster;
    private ParleyServer server;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private static HttpResponse<String> get(ParleyServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().adminPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void notReadyWhileTheDatabaseIsGone() throws Exception {
        AtomicReference<Storage> opened = new AtomicReference<>();
        StorageConfig config = new StorageConfig(StorageConfig.Backend.H2,
                "jdbc:h2:mem:ready-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 2, Duration.ofSeconds(2));
        server = ParleyServer.with(Parley.builtInModules().toArray(im.parley.api.Module[]::new)).domains("localhost")
                .yaml(ClusterNodes.LOOPBACK_S2S)
                .storage(dir -> {
                    Storage storage = Storage.open(config, dir);
                    opened.set(storage);
                    return new ParleyServer.OpenedStorage(storage, storage.accounts(), storage);
                }).build();
        server.start();
        assertEquals(200, get(server, "/health/ready").statusCode());
        opened.get().close();
        HttpResponse<String> ready = get(server, "/health/ready");
        assertEquals(503, ready.statusCode());
        assertTrue(ready.body().contains("storage"), ready.body());
        assertEquals(200, get(server, "/health/live").statusCode());
    }

    @Test
    void notReadyOnceItsClusterMemberStops() throws Exception {
        cluster = ClusterNodes.start(2);
        assertEquals(200, get(cluster.node(1), "/health/ready").statusCode());
        ((im.parley.cluster.HazelcastCluster) cluster.node(1).cluster()).close();
        Await.until("node 1 unready", () -> {
            try {
                return get(cluster.node(1), "/health/ready").statusCode() == 503;
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(get(cluster.node(1), "/health/ready").body().contains("cluster"));
        assertEquals(200, get(cluster.node(0), "/health/ready").statusCode());
    }
}
