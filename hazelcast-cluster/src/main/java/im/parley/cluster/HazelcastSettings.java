package im.parley.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.ReplicatedMapConfig;
import com.hazelcast.config.TopicConfig;
import com.hazelcast.spi.properties.ClusterProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** The embedded Hazelcast member's configuration that a {@link ClusterConfig} stands for. */
final class HazelcastSettings {
    /** Member attribute carrying the Parley node id, which outlives the member UUID Hazelcast renews on a merge. */
    static final String NODE_ATTRIBUTE = "parley.node";
    static final String ROUTES_MAP = "parley.routes";
    static final String NODE_TOPIC_PREFIX = "parley.node.";
    /** Topics per node for node-to-node messages (see HazelcastCluster); Hazelcast runs 5 event threads. */
    static final int NODE_STRIPES = 4;
    static final String NOTICE_TOPIC_PREFIX = "parley.notice.";
    static final String SHARED_MAP_PREFIX = "parley.map.";
    static final String COUNTER_MAP_PREFIX = "parley.counter.";
    /** Where a node that merged back after a split brain asks the others for their routes (see {@link RouteExchange}). */
    static final String ROUTE_REQUEST_TOPIC = "parley.routes.request";
    static final String ROUTE_ANSWER_PREFIX = "parley.routes.answer.";

    private static final int HEARTBEAT_SECONDS = 1;
    private static final int GRACEFUL_SHUTDOWN_SECONDS = 30;

    private HazelcastSettings() {
    }

    static Config build(ClusterConfig cluster, String nodeId) {
        Config config = new Config();
        config.setClusterName(clusterName(cluster.name(), cluster.secret()));
        config.setInstanceName("parley-" + nodeId);
        config.getMemberAttributeConfig().setAttribute(NODE_ATTRIBUTE, nodeId);
        config.setProperty(ClusterProperty.LOGGING_TYPE.getName(), "slf4j");
        config.setProperty(ClusterProperty.PHONE_HOME_ENABLED.getName(), "false");
        // Parley closes the member itself, after its sessions, so a JVM hook must not pull it away first.
        config.setProperty(ClusterProperty.SHUTDOWNHOOK_ENABLED.getName(), "false");
        // Hazelcast's default of ten minutes would hold a server's shutdown hostage to a sick cluster.
        config.setProperty(ClusterProperty.GRACEFUL_SHUTDOWN_MAX_WAIT.getName(), Integer.toString(GRACEFUL_SHUTDOWN_SECONDS));
        config.setProperty(ClusterProperty.WAIT_SECONDS_BEFORE_JOIN.getName(), "0");
        config.setProperty(ClusterProperty.HEARTBEAT_INTERVAL_SECONDS.getName(), Integer.toString(HEARTBEAT_SECONDS));
        config.setProperty(ClusterProperty.MAX_NO_HEARTBEAT_SECONDS.getName(),
                Long.toString(Math.max(HEARTBEAT_SECONDS + 1, ceilSeconds(cluster.failureTimeout()))));
        // Hazelcast's 300 s / 120 s would leave a healed network split unmerged for minutes.
        String mergeSeconds = Long.toString(ceilSeconds(cluster.mergeInterval()));
        config.setProperty(ClusterProperty.MERGE_FIRST_RUN_DELAY_SECONDS.getName(), mergeSeconds);
        config.setProperty(ClusterProperty.MERGE_NEXT_RUN_DELAY_SECONDS.getName(), mergeSeconds);
        network(config.getNetworkConfig(), cluster);
        if (!isAnyAddress(cluster.bindAddress())) {
            config.setProperty(ClusterProperty.SOCKET_BIND_ANY.getName(), "false");
        }
        config.addReplicatedMapConfig(new ReplicatedMapConfig(ROUTES_MAP)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                // A joining node must see every existing route before it builds its index.
                .setAsyncFillup(false)
                .setStatisticsEnabled(false));
        // Per-sender order on a node's topic depends on both staying off (they are the defaults).
        config.addTopicConfig(new TopicConfig(NODE_TOPIC_PREFIX + "*")
                .setGlobalOrderingEnabled(false)
                .setMultiThreadingEnabled(false)
                .setStatisticsEnabled(false));
        config.addTopicConfig(new TopicConfig(NOTICE_TOPIC_PREFIX + "*").setStatisticsEnabled(false));
        config.addTopicConfig(new TopicConfig(ROUTE_REQUEST_TOPIC).setStatisticsEnabled(false));
        // An answer comes in parts from one thread of one node, which stay in order with these off (the defaults).
        config.addTopicConfig(new TopicConfig(ROUTE_ANSWER_PREFIX + "*").setGlobalOrderingEnabled(false)
                .setMultiThreadingEnabled(false).setStatisticsEnabled(false));
        // Rate-limit windows are cheap to lose and must not be re-run on a backup (see CounterIncrement).
        config.addMapConfig(new MapConfig(COUNTER_MAP_PREFIX + "*").setBackupCount(0).setAsyncBackupCount(0)
                .setStatisticsEnabled(false));
        ClusterSerializers.register(config.getSerializationConfig());
        return config;
    }

    private static void network(NetworkConfig network, ClusterConfig cluster) {
        network.setPort(cluster.port()).setPortAutoIncrement(false);
        if (!cluster.publicAddress().isBlank()) {
            network.setPublicAddress(cluster.publicAddress().trim());
        }
        if (!isAnyAddress(cluster.bindAddress())) {
            network.getInterfaces().setEnabled(true).addInterface(cluster.bindAddress().trim());
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(cluster.memberAddresses());
    }

    /** The Parley node id a member carries; Hazelcast's member UUID changes when a member merges after a split brain. */
    static String nodeId(Member member) {
        String id = member.getAttribute(NODE_ATTRIBUTE);
        return id == null ? member.getUuid().toString() : id;
    }

    /**
     * The Hazelcast cluster name: open-source Hazelcast does not authenticate members, but it only
     * admits members with the same cluster name, so a node without the secret forms its own cluster.
     */
    static String clusterName(String name, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(secret.getBytes(StandardCharsets.UTF_8));
            return "parley-" + name + "-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static long ceilSeconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }

    private static boolean isAnyAddress(String address) {
        String a = address.trim();
        return a.isEmpty() || a.equals("0.0.0.0") || a.equals("::") || a.equals("*");
    }
}
