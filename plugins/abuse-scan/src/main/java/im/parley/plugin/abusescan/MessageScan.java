package im.parley.plugin.abusescan;

import im.parley.api.Interceptor;
import im.parley.api.ServerInfo;
import im.parley.api.StanzaException;
import im.parley.api.session.LocalSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * The INBOUND interceptor on messages with a body: refuses those of banned or block-listed
 * senders, those that break a rule, and those of a spam wave (banning their sender), each with a
 * policy-violation error. A normal message costs a few map lookups and one pass over its body.
 */
final class MessageScan implements Interceptor {
    private final ServerInfo server;
    private final Sanctions sanctions;
    private final BlockList blockList;
    private final MessageRules rules;
    private final SpamWaves waves;
    private final Set<String> exempt;

    MessageScan(ServerInfo server, Sanctions sanctions, BlockList blockList, MessageRules rules, SpamWaves waves,
                Set<String> exempt) {
        this.server = server;
        this.sanctions = sanctions;
        this.blockList = blockList;
        this.rules = rules;
        this.waves = waves;
        this.exempt = exempt;
    }

    @Override
    public Packet intercept(Packet stanza, LocalSession session) throws StanzaException {
        if (!(stanza instanceof Message message) || message.getType() == Message.Type.error || message.getFrom() == null) {
            return stanza;
        }
        String body = message.getBody();
        JID from = message.getFrom();
        String sender = from.toBareJID();
        if (body == null || server.isAdmin(from) || exempt.contains(sender) || exempt.contains(from.getDomain())) {
            return stanza;
        }
        Optional<Instant> banned = sanctions.bannedUntil(sender);
        if (banned.isPresent()) {
            sanctions.count("refused_banned");
            throw StanzaException.policyViolation("you are temporarily banned for abuse; retry in "
                    + Math.max(1, Duration.between(server.clock().instant(), banned.get()).toSeconds()) + " s");
        }
        if (blockList.listed(sender)) {
            sanctions.act("refused_block_list", "Refused a message of " + sender + ", who is on the block list", false);
            throw StanzaException.policyViolation("your address is on a block list of abusive senders");
        }
        if (!rules.isEmpty()) {
            Optional<String> rule = rules.broken(body);
            if (rule.isPresent()) {
                sanctions.act("refused_rule", "Refused a message of " + sender + " that matches " + rule.get(), false);
                throw StanzaException.policyViolation("the message looks like spam to this server and was not sent");
            }
        }
        JID to = message.getTo();
        if (message.getType() != Message.Type.groupchat && to != null && waves.isWave(body, to.toBareJID())) {
            Duration ban = sanctions.ban(sender, "the same message to too many recipients (spam wave)");
            throw StanzaException.policyViolation("the same message went to too many people; you are banned for "
                    + ban.toSeconds() + " s");
        }
        return stanza;
    }
}
