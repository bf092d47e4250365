package im.parley.plugin.abusescan;

import im.parley.api.ModuleContext;
import io.prometheus.metrics.core.metrics.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * What the scanner does about abuse: temporary bans that double with each repeat (known on every
 * node through a cluster notice), a log line and a metric for every action, and a message to each
 * administrator.
 */
final class Sanctions {
    private static final Logger LOG = LoggerFactory.getLogger(Sanctions.class);
    static final String CHANNEL = "abusescan.ban";

    private record Ban(Instant until, int count, Instant last) {
    }

    private final ModuleContext ctx;
    private final AbuseScanConfig config;
    private final Clock clock;
    private final Counter actions;
    private final Map<String, Ban> bans = new ConcurrentHashMap<>();

    Sanctions(ModuleContext ctx, AbuseScanConfig config) {
        this.ctx = ctx;
        this.config = config;
        this.clock = ctx.server().clock();
        this.actions = ctx.metrics().counter("actions_total", "What the abuse scanner did, by action", "action");
        ctx.cluster().onNotice(CHANNEL, this::received);
    }

    /** When the account's ban ends, if it is banned now. */
    Optional<Instant> bannedUntil(String bareJid) {
        if (bans.isEmpty()) {
            return Optional.empty();
        }
        Ban ban = bans.get(bareJid);
        return ban == null || !ban.until().isAfter(clock.instant()) ? Optional.empty() : Optional.of(ban.until());
    }

    /** Bans an account for the next step of its escalation and tells the admins. */
    Duration ban(String bareJid, String reason) {
        Instant now = clock.instant();
        Ban old = bans.get(bareJid);
        int count = old == null || old.last().plus(config.maxBan()).isBefore(now) ? 1 : old.count() + 1;
        Duration duration = config.banDuration().multipliedBy(1L << Math.min(count - 1, 20));
        if (duration.compareTo(config.maxBan()) > 0) {
            duration = config.maxBan();
        }
        Ban ban = new Ban(now.plus(duration), count, now);
        bans.put(bareJid, ban);
        ctx.cluster().notice(CHANNEL, bareJid + " " + ban.until().toEpochMilli() + " " + count);
        act("ban", "Banned " + bareJid + " for " + duration + " (ban " + count + "): " + reason, true);
        return duration;
    }

    /** Logs and counts an action, and tells the admins when it is worth their attention. */
    void act(String action, String text, boolean tellAdmins) {
        actions.labelValues(action).inc();
        LOG.warn("Abuse scan: {}", text);
        if (tellAdmins && config.notifyAdmins()) {
            notifyAdmins(text);
        }
    }

    /** Counts an action that is not worth a log line each time (a banned sender's further messages). */
    void count(String action) {
        actions.labelValues(action).inc();
    }

    /** Sends a message from the server to every administrator. */
    void notifyAdmins(String text) {
        String domain = ctx.server().domains().get(0);
        for (JID admin : ctx.server().admins()) {
            Message message = new Message();
            message.setType(Message.Type.chat);
            message.setFrom(domain);
            message.setTo(admin);
            message.setBody(text);
            ctx.router().route(message);
        }
    }

    private void received(String notice) {
        String[] parts = notice.split(" ");
        if (parts.length == 3) {
            Instant until = Instant.ofEpochMilli(Long.parseLong(parts[1]));
            bans.merge(parts[0], new Ban(until, Integer.parseInt(parts[2]), clock.instant()),
                    (a, b) -> a.until().isAfter(b.until()) ? a : b);
        }
    }

    /** Forgets bans whose escalation has run out (a timer task). */
    void sweep() {
        Instant cutoff = clock.instant().minus(config.maxBan());
        bans.values().removeIf(b -> b.until().isBefore(cutoff));
    }
}
