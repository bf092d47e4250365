package im.parley.plugin.ratelimit;

import im.parley.api.Interceptor;
import im.parley.api.ServerInfo;
import im.parley.api.StanzaErrors;
import im.parley.api.StanzaException;
import im.parley.api.session.LocalSession;
import io.prometheus.metrics.core.metrics.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * The INBOUND interceptor: refuses what a user sends over their message or upload limits, and a
 * room's messages over its limit, with an error that says which limit and when to retry (never
 * silently); repeated violations back off, then ban the user.
 */
final class StanzaLimits implements Interceptor {
    static final String UPLOAD_NS = "urn:xmpp:http:upload:0";

    /** The parts of the rate limiter the interceptor uses. */
    record Parts(SharedBuckets userMessages, SharedBuckets roomMessages, SharedBuckets uploads,
                 Penalties penalties, Bans bans, RateLimitConfig config, ServerInfo server, Counter refused) {
    }

    private final Parts p;
    private final Set<String> exempt;

    StanzaLimits(Parts parts) {
        this.p = parts;
        this.exempt = Set.copyOf(parts.config().exempt().stream().map(JID::toBareJID).toList());
    }

    @Override
    public Packet intercept(Packet stanza, LocalSession session) throws StanzaException {
        JID from = stanza.getFrom();
        // Errors and IQ results answer someone else's request: refusing them would only break that exchange.
        if (from == null || StanzaErrors.isError(stanza) || stanza instanceof IQ iq && iq.getType() == IQ.Type.result) {
            return stanza;
        }
        String user = from.toBareJID();
        if (exempt(from, user)) {
            return stanza;
        }
        Optional<Instant> banned = p.bans().bannedUntil(user);
        if (banned.isPresent()) {
            p.refused().labelValues("banned").inc();
            throw StanzaException.policyViolation("you are temporarily banned for exceeding rate limits; retry in "
                    + seconds(Duration.between(p.server().clock().instant(), banned.get()).toNanos()) + " s");
        }
        if (stanza instanceof Message message) {
            checkUser(p.userMessages(), user, 1, "messages per minute");
            if (message.getType() == Message.Type.groupchat && isRoom(message.getTo())) {
                checkRoom(message.getTo().toBareJID());
            }
        } else if (stanza instanceof IQ iq) {
            long size = uploadSize(iq);
            if (size > 0) {
                checkUser(p.uploads(), user, size, "bytes of uploads per hour");
            }
        }
        return stanza;
    }

    private boolean exempt(JID from, String user) {
        return (p.config().exemptAdmins() && p.server().isAdmin(from)) || exempt.contains(user)
                || exempt.contains(from.getDomain());
    }

    private void checkUser(SharedBuckets buckets, String user, long amount, String what) throws StanzaException {
        SharedBuckets.Limit limit = buckets.limit();
        String key = limit.name() + ' ' + user;
        // A stanza sent while backing off is one more violation: a client that ignores the errors escalates.
        long penalty = p.penalties().refusedFor(key);
        long wait = penalty > 0 ? penalty : buckets.take(user, amount);
        if (wait == 0) {
            return;
        }
        Penalties.Verdict verdict = p.penalties().violated(key);
        if (verdict.ban()) {
            p.bans().ban(user, p.config().banDuration(), "over the limit of " + limit.rate() + " " + what + " too often");
            p.refused().labelValues("ban").inc();
            throw StanzaException.policyViolation("you went over the limit of " + limit.rate() + " " + what
                    + " too often and are banned for " + seconds(p.config().banDuration().toNanos()) + " s");
        }
        throw refusal(limit, "over the limit of " + limit.rate() + " " + what, Math.max(wait, verdict.refuseNanos()));
    }

    private void checkRoom(String room) throws StanzaException {
        long wait = p.roomMessages().take(room, 1);
        if (wait > 0) {
            throw refusal(p.roomMessages().limit(), "the room " + room + " is over its limit of "
                    + p.roomMessages().limit().rate() + " messages per minute", wait);
        }
    }

    private StanzaException refusal(SharedBuckets.Limit limit, String text, long retryNanos) {
        p.refused().labelValues(limit.name()).inc();
        String full = "rate limit: " + text + "; retry in " + seconds(retryNanos) + " s";
        // RFC 6120 §8.3.3.18: resource-constraint for a server lacking room; the upload budget is one.
        return limit.name().equals("upload_bytes") ? new StanzaException(PacketError.Condition.resource_constraint, full)
                : StanzaException.policyViolation(full);
    }

    /** A message to a room: a bare JID on a domain that is not one of ours (a component such as conference.<domain>). */
    private boolean isRoom(JID to) {
        return to != null && to.getNode() != null && to.getResource() == null && !p.server().isLocalDomain(to.getDomain());
    }

    /** The size of an XEP-0363 slot request (§4), or 0 when the IQ is not one. */
    static long uploadSize(IQ iq) {
        Element child = iq.getChildElement();
        if (iq.getType() != IQ.Type.get || child == null || !"request".equals(child.getName())
                || !UPLOAD_NS.equals(child.getNamespaceURI())) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(child.attributeValue("size", "0").strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
