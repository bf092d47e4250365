package im.parley.plugin.ratelimit;

import im.parley.api.config.DataSize;
import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Min;
import java.time.Duration;
import java.util.List;
import org.xmpp.packet.JID;

/** The {@code ratelimit} section. Each limit is a token bucket: a rate per period and a burst it may spend at once. */
@Doc("Rate limits (plugin rate-limit): token buckets per user, room and address, shared by the cluster's nodes. "
        + "Over a limit a stanza gets a policy-violation (resource-constraint for uploads) error saying when to retry; "
        + "repeated violations are refused for longer and longer, then the user is banned for a while.")
public record RateLimitConfig(
        @Doc("Messages one user may send per minute.") @Default("100") @Min("1") int userMessagesPerMinute,
        @Doc("Messages one user may send at once before the per-minute rate applies.") @Default("100") @Min("1") int userMessagesBurst,
        @Doc("Messages to one group chat room (type groupchat to the room's address) per minute, from all its occupants.")
        @Default("1000") @Min("1") int roomMessagesPerMinute,
        @Doc("Messages to one room at once.") @Default("1000") @Min("1") int roomMessagesBurst,
        @Doc("Bytes one user may ask to upload per hour (the size of XEP-0363 slot requests).")
        @Default("50MB") DataSize uploadBytesPerHour,
        @Doc("Bytes one user may ask to upload at once.") @Default("50MB") DataSize uploadBytesBurst,
        @Doc("New client connections per minute from one IP address (on top of c2s.new_connections_per_second_per_ip).")
        @Default("60") @Min("1") int connectionsPerMinute,
        @Doc("New client connections at once from one IP address.") @Default("30") @Min("1") int connectionsBurst,
        @Doc("Failed logins per hour from one IP address; past them the address may not connect until the bucket refills.")
        @Default("30") @Min("1") int failedLoginsPerHour,
        @Doc("Failed logins at once from one IP address.") @Default("10") @Min("1") int failedLoginsBurst,
        @Doc("After a second violation within violation_window, everything of that kind is refused for this long, "
                + "doubling with each further violation.") @Default("5s") Duration backoff,
        @Doc("How long violations are remembered.") @Default("10m") Duration violationWindow,
        @Doc("Violations within violation_window that get the user banned (each stanza refused while backing off counts).")
        @Default("20") @Min("2") int violationsBeforeBan,
        @Doc("How long a ban lasts; every stanza of a banned user is refused with policy-violation.")
        @Default("15m") Duration banDuration,
        @Doc("Whether a ban also closes the user's sessions (stream error policy-violation).")
        @Default("true") boolean closeBannedSessions,
        @Doc("Whether the administrators (server.admins) are exempt.") @Default("true") boolean exemptAdmins,
        @Doc("Bare JIDs (or domains) never limited, e.g. bots and bridges you trust.") @Default("[]") List<JID> exempt,
        @Doc("In a cluster, how often each node adds what its users spent to the cluster-wide counters and learns what "
                + "they spent on other nodes. Buckets close to empty are synchronised at once.")
        @Default("1s") @Min("10ms") Duration syncInterval) {

    public RateLimitConfig {
        exempt = List.copyOf(exempt);
    }
}
