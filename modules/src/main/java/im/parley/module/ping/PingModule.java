package im.parley.module.ping;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import im.parley.api.session.LocalSession;
import im.parley.api.session.SessionKey;
import io.prometheus.metrics.core.metrics.Counter;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.StreamError;

/**
 * XEP-0199: answers pings to the server and to accounts, and pings clients that have been silent
 * for a while, closing the streams of those that do not answer (a dead phone on a mobile network
 * keeps its TCP connection "open" for a long time otherwise).
 */
@Configured(PingConfig.class)
@Xep(number = 199, version = "2.0.1")
public final class PingModule implements Module {
    private static final Logger LOG = LoggerFactory.getLogger(PingModule.class);
    public static final String NS = "urn:xmpp:ping";
    private static final SessionKey<Boolean> PINGING = SessionKey.of("ping.pending");

    private ModuleContext ctx;
    private PingConfig config;
    private Counter timeouts;

    @Override
    public String name() {
        return "ping";
    }

    @Override
    public void start(ModuleContext ctx) {
        this.ctx = ctx;
        this.config = ctx.config(PingConfig.class);
        this.timeouts = ctx.metrics().counter("timeouts_total", "Client streams closed because a server ping went unanswered");
        ctx.onIq(IqScope.SERVER, IqType.GET, NS, "ping", (iq, origin) -> IQ.createResultIQ(iq));
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, NS, "ping", (iq, origin) -> IQ.createResultIQ(iq));
        if (!config.interval().isZero()) {
            Duration every = config.interval().dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0
                    ? Duration.ofSeconds(1) : config.interval().dividedBy(4);
            ctx.scheduler().scheduleAtFixedRate(every, every, this::pingSilentClients);
        }
    }

    private void pingSilentClients() {
        Instant silentSince = ctx.server().clock().instant().minus(config.interval());
        for (LocalSession session : ctx.sessions().all()) {
            if (session.lastActivity().isBefore(silentSince) && session.get(PINGING) == null) {
                ping(session);
            }
        }
    }

    private void ping(LocalSession session) {
        session.set(PINGING, Boolean.TRUE);
        IQ ping = new IQ(IQ.Type.get);
        ping.setTo(session.address());
        ping.setFrom(session.domain());
        ping.setChildElement("ping", NS);
        // Any answer, even an error from a client that does not know XEP-0199, proves it is alive.
        ctx.router().request(ping, config.timeout()).whenComplete((answer, failure) -> {
            session.set(PINGING, null);
            if (failure != null) {
                timeouts.inc();
                LOG.info("{} did not answer a ping within {} s; closing its stream", session.address(), config.timeout().toSeconds());
                session.close(new StreamError(StreamError.Condition.connection_timeout, "no answer to ping", "en"));
            }
        });
    }
}
