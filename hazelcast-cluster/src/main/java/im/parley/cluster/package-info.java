/**
 * Clustering through Hazelcast at the core's seams: a replicated {@code RoutingTable}, a
 * node-to-node transport and membership events. Single-node mode (the default) uses the core's
 * local routing table and starts no Hazelcast.
 */
package im.parley.cluster;
