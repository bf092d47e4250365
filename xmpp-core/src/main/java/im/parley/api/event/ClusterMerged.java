package im.parley.api.event;

/**
 * This node is back in the cluster after a split brain. While split, the users on the other side
 * were told this node's users had gone (and this side's users the same of theirs): modules that
 * told them re-announce the state of this node's sessions.
 */
public record ClusterMerged() implements ServerEvent {
}
