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
    /** The shortest split-brain search interval, for nodes of a test that heals a split. */
    static final Duration MERGE_INTERVAL = Duration.ofSeconds(1);
    private static final Duration DEFAULT_MERGE_INTERVAL = Duration.ofSeconds(30);

    private final String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String secret = UUID.randomUUID().toString();
    private final List<Integer> ports = new ArrayList<>();
    private final List<HazelcastCluster> started = new ArrayList<>();

    /** A node in the shared cluster, listed with every port reserved so far (and its own). */
    HazelcastCluster start(int port) {
        return start(port, secret);
    }

    HazelcastCluster start(int port, String withSecret) {
        return start(new ClusterConfig(true, name, withSecret, "127.0.0.1", "", port, addresses(ports), FAILURE_TIMEOUT,
                DEFAULT_MERGE_INTERVAL));
    }

    /**
     * A node of the shared cluster that lists only the given ports as members (its own may be among
     * them) and looks for a cluster it was split from every {@link #MERGE_INTERVAL}.
     */
    HazelcastCluster startListing(int port, List<Integer> members) {
        return startListing(port, "", members);
    }

    /** Like {@link #startListing(int, List)}, for a node the others reach at {@code publicPort}, a {@link TcpRelay}'s. */
    HazelcastCluster startListing(int port, int publicPort, List<Integer> members) {
        return startListing(port, "127.0.0.1:" + publicPort, members);
    }

    private HazelcastCluster startListing(int port, String publicAddress, List<Integer> members) {
        return start(new ClusterConfig(true, name, secret, "127.0.0.1", publicAddress, port, addresses(members),
                FAILURE_TIMEOUT, MERGE_INTERVAL));
    }

    private HazelcastCluster start(ClusterConfig config) {
        HazelcastCluster node = HazelcastCluster.start(config);
        synchronized (started) {
            started.add(node);
        }
        return node;
    }

    private static List<String> addresses(List<Integer> members) {
        return members.stream().map(p -> "127.0.0.1:" + p).toList();
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
