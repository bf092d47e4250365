package im.parley.server;

import im.parley.cluster.ClusterConfig;
import im.parley.cluster.HazelcastCluster;
import im.parley.core.config.ConfigSource;
import im.parley.storage.Storage;
import im.parley.storage.StorageConfig;
import im.parley.testing.Await;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.xmpp.packet.JID;

/**
 * Cluster nodes for tests: Parley servers in this JVM, each a Hazelcast member on loopback,
 * sharing one in-memory H2 database as real nodes share one MariaDB.
 */
final class ClusterNodes implements AutoCloseable {
    /** The administrator every node names in server.admins (the account is made by the test that needs it). */
    static final String ADMIN = "boss@localhost";
    private final List<ParleyServer> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    private ClusterNodes() {
    }

    /** Starts {@code count} nodes that form one cluster. */
    static ClusterNodes start(int count) {
        return start(count, i -> LOOPBACK_S2S);
    }

    /** Federation on a free loopback port: nodes in one JVM cannot all have 5269. */
    static final String LOOPBACK_S2S = "s2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: -1\n";

    /** Starts nodes with an s2s section of the test's for each (by index). */
    static ClusterNodes start(int count, java.util.function.IntFunction<String> s2sSection) {
        ClusterNodes cluster = new ClusterNodes();
        String database = "jdbc:h2:mem:cluster-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        for (int i = 0; i < count; i++) {
            cluster.ports.add(freePort());
        }
        for (int i = 0; i < count; i++) {
            cluster.nodes.add(node(database, cluster.ports.get(i), cluster.ports, "30s", s2sSection.apply(i)));
        }
        for (ParleyServer node : cluster.nodes) {
            try {
                node.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Await.until(count + " members in the cluster",
                () -> cluster.nodes.stream().allMatch(n -> n.cluster().members().size() == count));
        return cluster;
    }

    /** A node of a cluster sharing a database, listing the given cluster ports as members (not started). */
    static ParleyServer node(String database, int port, List<Integer> all, String mergeInterval) {
        return node(database, port, all, mergeInterval, LOOPBACK_S2S);
    }

    static ParleyServer node(String database, int port, List<Integer> all, String mergeInterval, String s2s) {
        String members = all.stream().map(p -> "\"127.0.0.1:" + p + "\"").collect(Collectors.joining(", "));
        ClusterConfig config = ConfigSource.fromYaml("cluster:\n  enabled: true\n  secret: test-secret\n"
                        + "  bind_address: 127.0.0.1\n  port: " + port + "\n  members: [" + members + "]\n"
                        + "  failure_timeout: 3s\n  merge_interval: " + mergeInterval + "\n", Map.of())
                .bind("cluster", ClusterConfig.class);
        StorageConfig storage = new StorageConfig(StorageConfig.Backend.H2, database, "", "", 4, Duration.ofSeconds(10));
        return ParleyServer.with(Parley.builtInModules().toArray(im.parley.api.Module[]::new))
                .storage(dir -> {
                    Storage opened = Storage.open(storage, dir);
                    return new ParleyServer.OpenedStorage(opened, opened.accounts(), opened);
                })
                .cluster(() -> HazelcastCluster.start(config))
                .admins(ADMIN)
                .domains("localhost")
                .yaml(s2s)
                .build();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ParleyServer node(int i) {
        return nodes.get(i);
    }

    List<ParleyServer> nodes() {
        return nodes;
    }

    /** Waits until every node's routing table has the client's resource as available. */
    void awaitRouted(TestClient client) {
        awaitRouted(client.address(), true);
    }

    /** Waits until every node's routing table has the resource (available, if asked). */
    void awaitRouted(JID address, boolean available) {
        for (ParleyServer node : nodes) {
            Await.until(address + " routed on every node", () -> node.cluster().routingTable().route(address)
                    .filter(r -> r.available() || !available).isPresent());
        }
    }

    /** Waits until no node routes to the address any more. */
    void awaitUnrouted(JID address) {
        for (ParleyServer node : nodes) {
            if (node.server() != null) {
                Await.until(address + " gone on every node", () -> node.cluster().routingTable().route(address).isEmpty());
            }
        }
    }

    @Override
    public void close() {
        for (ParleyServer node : nodes) {
            node.stop();
        }
    }
}
