package im.parley.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Cluster nodes on loopback for one test class: free ports, a cluster name of their own so that
 * no other test run on the machine can join, and closing whatever was started.
 */
final class TestNodes implements AutoCloseable {
    static final Duration FAILURE_TIMEOUT = Duration.ofSeconds(3);

    private final String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String secret = UUID.randomUUID().toString();
    private final List<Integer> ports = new ArrayList<>();
    private final List<HazelcastCluster> started = new ArrayList<>();

    /** A node in the shared cluster, listed with every port reserved so far (and its own). */
    HazelcastCluster start(int port) {
        return start(port, secret);
    }

    HazelcastCluster start(int port, String withSecret) {
        ClusterConfig config = new ClusterConfig(true, name, withSecret, "127.0.0.1", "", port,
                ports.stream().map(p -> "127.0.0.1:" + p).toList(), FAILURE_TIMEOUT);
        HazelcastCluster node = HazelcastCluster.start(config);
        synchronized (started) {
            started.add(node);
        }
        return node;
    }

    /** Reserves a free loopback port that later nodes will list as a member. */
    int port() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ports.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes one node early (it is not closed twice). */
    void close(HazelcastCluster node) {
        synchronized (started) {
            started.remove(node);
        }
        node.close();
    }

    @Override
    public void close() {
        List<HazelcastCluster> nodes;
        synchronized (started) {
            nodes = new ArrayList<>(started);
            started.clear();
        }
        // Newest first, so the oldest members do not hand partitions around at every step.
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }
}
