package im.parley.plugin.ratelimit;

import im.parley.api.ModuleContext;
import im.parley.api.session.LocalSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

/**
 * Temporary bans of accounts, known on every node: a ban goes out as a cluster notice and each
 * node keeps its own copy, so that checking one is a local map lookup.
 */
final class Bans {
    private static final Logger LOG = LoggerFactory.getLogger(Bans.class);
    static final String CHANNEL = "ratelimit.ban";

    private final Map<String, Instant> until = new ConcurrentHashMap<>();
    private final ModuleContext ctx;
    private final Clock clock;
    private final boolean closeSessions;

    Bans(ModuleContext ctx, boolean closeSessions) {
        this.ctx = ctx;
        this.clock = ctx.server().clock();
        this.closeSessions = closeSessions;
        ctx.cluster().onNotice(CHANNEL, this::received);
    }

    /** When the account's ban ends, if it is banned now. */
    Optional<Instant> bannedUntil(String bareJid) {
        if (until.isEmpty()) {
            return Optional.empty();
        }
        Instant end = until.get(bareJid);
        if (end == null) {
            return Optional.empty();
        }
        if (!end.isAfter(clock.instant())) {
            until.remove(bareJid, end);
            return Optional.empty();
        }
        return Optional.of(end);
    }

    /** Bans an account on every node for a while. */
    void ban(String bareJid, Duration duration, String reason) {
        Instant end = clock.instant().plus(duration);
        LOG.warn("Banning {} for {}: {}", bareJid, duration, reason);
        until.put(bareJid, end);
        ctx.cluster().notice(CHANNEL, bareJid + " " + end.toEpochMilli() + " " + reason);
    }

    private void received(String notice) {
        String[] parts = notice.split(" ", 3);
        if (parts.length < 3) {
            return;
        }
        Instant end = Instant.ofEpochMilli(Long.parseLong(parts[1]));
        until.merge(parts[0], end, (a, b) -> a.isAfter(b) ? a : b);
        if (closeSessions) {
            for (LocalSession session : ctx.sessions().of(new JID(parts[0]))) {
                session.close(new StreamError(StreamError.Condition.policy_violation,
                        "temporarily banned: " + parts[2], "en"));
            }
        }
    }

    void sweep() {
        Instant now = clock.instant();
        until.values().removeIf(end -> !end.isAfter(now));
    }
}
