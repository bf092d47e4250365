package im.parley.module.stanzaid;

import im.parley.api.IqScope;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Phase;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import im.parley.api.metrics.ModuleMetrics;
import im.parley.api.session.LocalSession;
import io.prometheus.metrics.core.metrics.Counter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * Unique and stable stanza IDs (XEP-0359). A message for a local user gets a {@code <stanza-id/>}
 * by that user's account, one id for every device and for offline storage; ids others claim on
 * behalf of this server's users are removed. A message a client sends again with an origin-id it
 * already used (resending after a reconnect) is dropped, cluster-wide, so nobody gets it twice.
 */
@Configured(StanzaIdConfig.class)
@Xep(number = 359, version = "0.7.0")
public final class StanzaIdModule implements Module {
    static final String NS = "urn:xmpp:sid:0";
    /** First among INBOUND interceptors: a duplicate must cause nothing (no copies, no blocks, no storage). */
    private static final int PRIORITY = 10;

    private ModuleContext ctx;
    private Duration window;
    private Counter duplicates;

    @Override
    public String name() {
        return "stanzaid";
    }

    @Override
    public void start(ModuleContext ctx) {
        this.ctx = ctx;
        this.window = ctx.config(StanzaIdConfig.class).dedupeWindow();
        ModuleMetrics metrics = ctx.metrics();
        this.duplicates = metrics.counter("duplicates_dropped_total", "Messages dropped as resent with a used origin-id");
        ctx.feature(IqScope.SERVER, NS);
        ctx.feature(IqScope.ACCOUNT, NS);
        ctx.intercept(Phase.INBOUND, PRIORITY, this::inbound);
    }

    private Packet inbound(Packet stanza, LocalSession sender) {
        if (!(stanza instanceof Message message) || message.getType() == Message.Type.error) {
            return stanza;
        }
        Element originId = message.getElement().element(QName.get("origin-id", NS));
        String id = originId == null ? null : originId.attributeValue("id");
        if (id != null && !id.isEmpty()
                && ctx.cluster().increment("origin-ids", sender.address().toBareJID() + ' ' + id, 1, window) > 1) {
            duplicates.inc();
            return null; // already sent once: the first copy is delivered or stored
        }
        removeClaimedIds(message);
        JID to = message.getTo();
        if (to != null && to.getNode() != null && ctx.server().isLocalDomain(to.getDomain())
                && (message.getType() == Message.Type.chat || message.getType() == Message.Type.normal)) {
            Element stanzaId = message.addChildElement("stanza-id", NS);
            stanzaId.addAttribute("id", UUID.randomUUID().toString());
            stanzaId.addAttribute("by", to.toBareJID());
        }
        return message;
    }

    /** §5: ids in the name of this server's users or domains can only come from this server. */
    private void removeClaimedIds(Message message) {
        List<Element> claimed = List.copyOf(message.getElement().elements(QName.get("stanza-id", NS)));
        for (Element e : claimed) {
            String by = e.attributeValue("by");
            try {
                if (by == null || ctx.server().isLocalDomain(new JID(by).getDomain())) {
                    message.getElement().remove(e);
                }
            } catch (IllegalArgumentException malformed) {
                message.getElement().remove(e);
            }
        }
    }
}
