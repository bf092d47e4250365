package im.parley.plugin.ratelimit;

import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Phase;
import im.parley.api.config.Configured;
import im.parley.api.event.AuthFailed;
import im.parley.api.event.MemberJoined;
import im.parley.api.event.MemberLeft;
import im.parley.api.session.ConnectionGate;
import io.prometheus.metrics.core.metrics.Counter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Rate limits that admins install as a plugin: token buckets per user (messages, upload bytes),
 * per room (messages) and per address (new connections, failed logins), shared by the cluster.
 */
@Configured(RateLimitConfig.class)
public final class RateLimitModule implements Module {
    /** Before every other interceptor, so that refused stanzas cost nothing more. */
    static final int PRIORITY = -1000;

    private volatile boolean clustered;

    @Override
    public String name() {
        return "ratelimit";
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public void start(ModuleContext ctx) {
        RateLimitConfig config = ctx.config(RateLimitConfig.class);
        LongSupplier nanos = System::nanoTime;
        Runnable members = () -> clustered = ctx.cluster().members().size() > 1;
        members.run();
        ctx.on(MemberJoined.class, e -> members.run());
        ctx.on(MemberLeft.class, e -> members.run());
        ctx.scheduler().scheduleAtFixedRate(config.syncInterval(), config.syncInterval(), members);
        SharedBuckets userMessages = buckets(ctx, nanos, new SharedBuckets.Limit("user_messages",
                config.userMessagesPerMinute(), config.userMessagesBurst(), Duration.ofMinutes(1)));
        SharedBuckets roomMessages = buckets(ctx, nanos, new SharedBuckets.Limit("room_messages",
                config.roomMessagesPerMinute(), config.roomMessagesBurst(), Duration.ofMinutes(1)));
        SharedBuckets uploads = buckets(ctx, nanos, new SharedBuckets.Limit("upload_bytes",
                config.uploadBytesPerHour().bytes(), config.uploadBytesBurst().bytes(), Duration.ofHours(1)));
        SharedBuckets connections = buckets(ctx, nanos, new SharedBuckets.Limit("connections",
                config.connectionsPerMinute(), config.connectionsBurst(), Duration.ofMinutes(1)));
        SharedBuckets failedLogins = buckets(ctx, nanos, new SharedBuckets.Limit("failed_logins",
                config.failedLoginsPerHour(), config.failedLoginsBurst(), Duration.ofHours(1)));
        Penalties penalties = new Penalties(config.backoff(), config.violationWindow(), config.violationsBeforeBan(), nanos);
        Bans bans = new Bans(ctx, config.closeBannedSessions());
        Counter refused = ctx.metrics().counter("refused_total", "Stanzas and connections refused, by limit", "limit");
        ctx.intercept(Phase.INBOUND, PRIORITY, new StanzaLimits(new StanzaLimits.Parts(userMessages, roomMessages, uploads,
                penalties, bans, config, ctx.server(), refused)));
        AddressLimits addresses = new AddressLimits(connections, failedLogins, nanos, refused);
        ctx.contribute(ConnectionGate.class, addresses);
        ctx.on(AuthFailed.class, addresses::failed);
        ctx.scheduler().scheduleAtFixedRate(Duration.ofMinutes(1), Duration.ofMinutes(1), () -> {
            penalties.sweep();
            bans.sweep();
            addresses.sweep();
        });
    }

    /** A family of buckets, synchronised with the cluster and swept by the module's timers. */
    private SharedBuckets buckets(ModuleContext ctx, LongSupplier nanos, SharedBuckets.Limit limit) {
        SharedBuckets buckets = new SharedBuckets(limit, ctx.cluster(), () -> clustered, nanos);
        Duration sync = ctx.config(RateLimitConfig.class).syncInterval();
        ctx.scheduler().scheduleAtFixedRate(sync, sync, buckets::syncAll);
        ctx.scheduler().scheduleAtFixedRate(Duration.ofMinutes(1), Duration.ofMinutes(1), buckets::sweep);
        return buckets;
    }
}
