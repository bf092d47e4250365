package im.parley.module.muc;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;

/** The {@code muc} section. */
@Doc("Group chat (XEP-0045 multi-user chat) at <label>.<domain> of every served domain; see docs/group-chat.md.")
public record MucConfig(
        @Doc("The subdomain label of the service: rooms are room@<label>.<domain>.")
        @Default("conference") String label,
        @Doc("Who may create rooms: anyone (every local user) or admins (server.admins only).")
        @Default("anyone") String createRooms,
        @Doc("The default of a new room's maximum number of occupants, and the most an owner may set (0: no limit).")
        @Default("10000") @Min("0") int maxOccupants,
        @Doc("Most messages a room keeps in memory for the history sent to a joining occupant (XEP-0045 §7.2.15).")
        @Default("50") @Min("0") @Max("1000") int historySize,
        @Doc("Above this many occupants, joins and leaves of occupants without a role of moderator are no longer "
                + "broadcast to the room, and a newcomer gets only the moderators' presence (0: always broadcast).")
        @Default("500") @Min("0") int presenceBroadcastLimit,
        @Doc("Most times one user may enter the same room per minute; more (a join flood, each entry broadcast to the "
                + "whole room) is refused with policy-violation.")
        @Default("10") @Min("1") int joinsPerMinute,
        @Doc("Longest nick in characters.")
        @Default("64") @Min("1") @Max("1023") int maxNickLength,
        @Doc("Keep every room's group chat messages in its archive, queried with MAM on the room's address (XEP-0313).")
        @Default("true") boolean archive,
        @Doc("Members who are not in a room get a message from it when someone mentions their registered nick or "
                + "references them (XEP-0372); offline, it waits in offline storage and wakes their phones through push.")
        @Default("true") boolean notifyMentions,
        @Doc("Deliveries a room hands to the router in one go on the sender's thread; a larger fan-out continues in "
                + "slices on the shared scheduler, so that a big room never holds up its sender's session for long.")
        @Default("200") @Min("1") int fanOutSlice) {

    public MucConfig {
        if (!java.util.Set.of("anyone", "admins").contains(createRooms)) {
            throw new IllegalArgumentException("'create_rooms' must be anyone or admins, got '" + createRooms + "'");
        }
        if (label == null || label.isBlank() || label.contains(".") || label.contains("@")) {
            throw new IllegalArgumentException("'label' must be one DNS label such as conference, got '" + label + "'");
        }
    }
}
