package im.parley.api.event;

import im.parley.api.cluster.ClusterMember;

/** A node joined the cluster. */
public record MemberJoined(ClusterMember member) implements ServerEvent {
}
