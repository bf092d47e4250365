package im.parley.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.spi.properties.ClusterProperty;
import im.parley.api.config.ConfigException;
import im.parley.core.config.ConfigSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code cluster} section as the core's config binder reads it. */
class ClusterConfigTest {

    @Test
    void defaultsRunAlone() {
        ClusterConfig config = ConfigSource.empty(Map.of()).bind("cluster", ClusterConfig.class);
        assertEquals(new ClusterConfig(false, "parley", "", "0.0.0.0", "", 5701, List.of(), Duration.ofSeconds(10),
                Duration.ofSeconds(30)), config);
    }

    @Test
    void everyKeyIsReadInSnakeCase() {
        ClusterConfig config = ConfigSource.fromYaml("""
                cluster:
                  enabled: true
                  name: chat
                  secret: hunter2
                  bind_address: 10.0.0.5
                  public_address: chat1.example.org:5801
                  port: 5801
                  members: [10.0.0.6:5801, 10.0.0.7]
                  failure_timeout: 30s
                  merge_interval: 5s
                """, Map.of()).bind("cluster", ClusterConfig.class);
        assertEquals(new ClusterConfig(true, "chat", "hunter2", "10.0.0.5", "chat1.example.org:5801", 5801,
                List.of("10.0.0.6:5801", "10.0.0.7"), Duration.ofSeconds(30), Duration.ofSeconds(5)), config);
        assertEquals(List.of("10.0.0.6:5801", "10.0.0.7:5801"), config.memberAddresses());
    }

    @Test
    void anEnabledClusterNeedsASecret() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigSource.fromYaml("cluster: {enabled: true}",
                Map.of()).bind("cluster", ClusterConfig.class));
        assertEquals("cluster.secret", e.key());
    }

    @Test
    void theMergeIntervalIsAtLeastASecond() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigSource.fromYaml(
                "cluster: {merge_interval: 500ms}", Map.of()).bind("cluster", ClusterConfig.class));
        assertEquals("cluster.merge_interval", e.key());
    }

    @Test
    void theMergeIntervalSetsBothOfHazelcastsMergeDelays() {
        ClusterConfig cluster = ConfigSource.fromYaml("cluster: {enabled: true, secret: s, merge_interval: 1500ms}",
                Map.of()).bind("cluster", ClusterConfig.class);
        Config config = HazelcastSettings.build(cluster, "node");
        assertEquals("2", config.getProperty(ClusterProperty.MERGE_FIRST_RUN_DELAY_SECONDS.getName()));
        assertEquals("2", config.getProperty(ClusterProperty.MERGE_NEXT_RUN_DELAY_SECONDS.getName()));
    }

    @Test
    void theSecretIsNeverPrinted() {
        ClusterConfig config = new ClusterConfig(true, "chat", "hunter2", "0.0.0.0", "", 5701, List.of(),
                Duration.ofSeconds(10), Duration.ofSeconds(30));
        assertFalse(config.toString().contains("hunter2"));
        assertTrue(config.toString().contains("secret=****"));
    }

    @Test
    void theClusterNameDependsOnTheSecret() {
        String name = HazelcastSettings.clusterName("chat", "hunter2");
        assertTrue(name.matches("parley-chat-[0-9a-f]{16}"), name);
        assertEquals(name, HazelcastSettings.clusterName("chat", "hunter2"));
        assertNotEquals(name, HazelcastSettings.clusterName("chat", "hunter3"));
    }
}
