package im.parley.cluster;

import im.parley.api.config.ConfigException;
import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;
import im.parley.api.config.Secret;
import java.time.Duration;
import java.util.List;

/** The {@code cluster} section. */
@Doc("Clustering: several Parley nodes sharing sessions, routes and state through an embedded Hazelcast member.")
public record ClusterConfig(
        @Doc("Whether this node joins a cluster; when false it runs alone and starts no Hazelcast.")
        @Default("false") boolean enabled,
        @Doc("Name of the cluster; nodes join only a cluster of the same name and secret.")
        @Default("parley") String name,
        @Doc("Shared secret of the cluster's nodes, required when the cluster is enabled. A node with another "
                + "secret forms a cluster of its own. It is not encryption: keep the cluster port on a private network.")
        @Secret String secret,
        @Doc("Address the cluster endpoint binds to.")
        @Default("0.0.0.0") String bindAddress,
        @Doc("Address (host or host:port) the other nodes connect to, when it differs from the bound one (NAT, containers).")
        @Default("") String publicAddress,
        @Doc("Port of the cluster endpoint.")
        @Default("5701") @Min("1") @Max("65535") int port,
        @Doc("Other nodes to join, as host:port, or host alone for this node's port. Empty: this node alone, until others list it.")
        @Default("[]") List<String> members,
        @Doc("How long a node may send no heartbeat before the others declare it dead and drop its sessions "
                + "(and route again the messages it had not confirmed taking).")
        @Default("10s") @Min("2s") @Max("1m") Duration failureTimeout,
        @Doc("How often a node looks for a cluster it was split from (a network partition), and how soon after it "
                + "starts; when it finds one the smaller side merges into the larger. Until then each side runs as a "
                + "cluster of its own and sees the other's users as gone.")
        @Default("30s") @Min("1s") Duration mergeInterval) {

    public ClusterConfig {
        members = List.copyOf(members);
        if (enabled && (secret == null || secret.isBlank())) {
            throw new ConfigException("cluster.secret", "required when cluster.enabled is true; "
                    + "give every node of the cluster the same secret");
        }
        if (name == null || name.isBlank()) {
            throw new ConfigException("cluster.name", "must not be empty");
        }
        for (String member : members) {
            if (member.isBlank()) {
                throw new ConfigException("cluster.members", "has an empty entry");
            }
        }
    }

    /** The member list as Hazelcast takes it: a host without a port gets this node's port. */
    List<String> memberAddresses() {
        return members.stream().map(String::trim)
                .map(m -> m.contains(":") ? m : m + ":" + port)
                .toList();
    }

    /** Keeps the secret out of logs. */
    @Override
    public String toString() {
        return "ClusterConfig[enabled=" + enabled + ", name=" + name + ", secret=" + (secret == null || secret.isEmpty()
                ? "" : "****") + ", bindAddress=" + bindAddress + ", publicAddress=" + publicAddress + ", port=" + port
                + ", members=" + members + ", failureTimeout=" + failureTimeout + ", mergeInterval=" + mergeInterval + "]";
    }
}
