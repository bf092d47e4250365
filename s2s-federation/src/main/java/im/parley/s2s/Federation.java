package im.parley.s2s;

import im.parley.api.ModuleContext;
import im.parley.api.StanzaErrors;
import im.parley.api.metrics.ModuleMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/** What every server stream of this node shares: config and policy, keys, certificates, routing and counts. */
final class Federation {
    private static final Logger LOG = LoggerFactory.getLogger(Federation.class);

    final S2sConfig config;
    final ModuleContext ctx;
    final DialbackKeys keys;
    final PeerCertificates certificates;
    final S2sTls tls;
    final Connections connections;
    final Executor setup;
    private final Set<String> secureDomains;
    private final Set<String> insecureDomains;
    private final Set<String> blockedDomains;
    private final Counter stanzas;
    private final Counter refused;

    Federation(S2sConfig config, ModuleContext ctx, DialbackKeys keys, PeerCertificates certificates, Executor setup) {
        this.config = config;
        this.ctx = ctx;
        this.keys = keys;
        this.certificates = certificates;
        this.tls = new S2sTls(ctx.tls());
        this.setup = setup;
        this.secureDomains = lower(config.secureDomains());
        this.insecureDomains = lower(config.insecureDomains());
        this.blockedDomains = lower(config.blockedDomains());
        ModuleMetrics metrics = ctx.metrics();
        this.stanzas = metrics.counter("stanzas_total", "Stanzas sent to and received from other servers", "direction");
        this.refused = metrics.counter("refused_total", "Server streams ended with a stream error by this server", "condition");
        this.connections = new Connections(ctx, metrics);
    }

    private static Set<String> lower(List<String> domains) {
        return domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    boolean blocked(String domain) {
        return domain != null && blockedDomains.contains(domain.toLowerCase(Locale.ROOT));
    }

    /** Whether a domain must prove itself with a certificate, dialback not being enough. */
    boolean certificateRequired(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return secureDomains.contains(d) || (config.requireValidCertificates() && !insecureDomains.contains(d));
    }

    /** Hands a stanza from an authenticated remote domain to the router. */
    void receive(Packet stanza, String fromDomain) {
        stanzas.labelValues("in").inc();
        ctx.router().route(stanza, new RemoteOrigin(fromDomain));
    }

    void sent() {
        stanzas.labelValues("out").inc();
    }

    void countRefusal(String condition) {
        refused.labelValues(condition).inc();
    }

    /** Answers an undeliverable stanza with an error to its sender; errors and results are dropped (RFC 6120 §8.3.1). */
    void bounce(Packet stanza, PacketError.Condition condition, String text) {
        if (StanzaErrors.isError(stanza) || (stanza instanceof IQ iq && iq.getType() == IQ.Type.result)) {
            return;
        }
        JID from = stanza.getFrom();
        if (from == null || !ctx.hostsDomain(from.getDomain())) {
            return;
        }
        Packet reply = StanzaErrors.reply(stanza, new PacketError(condition, condition.getDefaultType(), text, "en"));
        if (reply.getFrom() == null) {
            reply.setFrom(stanza.getTo() == null ? null : stanza.getTo().getDomain());
        }
        try {
            ctx.router().route(reply);
        } catch (RuntimeException e) {
            LOG.warn("Could not return an error to {}", from, e);
        }
    }
}
