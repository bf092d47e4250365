package im.parley.plugin.abusescan;

import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.StanzaRoute;
import java.time.Duration;
import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * Feeds the {@link BlockList} from a pubsub node (XEP-0060): the server subscribes with its domain,
 * fetches the node's items, then follows published and retracted items. Until the service and node
 * answer, it tries again every {@code rtbl_retry}. Changes go to every cluster node as notices.
 */
final class RtblFeed {
    private static final Logger LOG = LoggerFactory.getLogger(RtblFeed.class);
    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String EVENT = PUBSUB + "#event";
    static final String CHANNEL = "abusescan.rtbl";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final ModuleContext ctx;
    private final BlockList list;
    private final JID service;
    private final String node;
    private final Duration retry;

    RtblFeed(ModuleContext ctx, BlockList list, AbuseScanConfig config) {
        this.ctx = ctx;
        this.list = list;
        this.service = new JID(config.rtblService());
        this.node = config.rtblNode();
        this.retry = config.rtblRetry();
    }

    void start() {
        ctx.cluster().onNotice(CHANNEL, this::apply);
        ctx.onStanza(StanzaRoute.MESSAGE_TO_SERVER, 0, this::event);
        ctx.scheduler().schedule(Duration.ZERO, this::subscribe);
    }

    private void subscribe() {
        IQ subscribe = new IQ(IQ.Type.set);
        subscribe.setTo(service);
        Element pubsub = subscribe.setChildElement("pubsub", PUBSUB);
        pubsub.addElement("subscribe").addAttribute("node", node).addAttribute("jid", ctx.server().domains().get(0));
        ctx.router().request(subscribe, TIMEOUT).whenComplete((answer, failure) -> {
            if (failure != null || answer.getType() != IQ.Type.result) {
                LOG.debug("Block list {} on {} not subscribed yet ({}); trying again in {}", node, service,
                        failure != null ? failure.toString() : answer.getError(), retry);
                ctx.scheduler().schedule(retry, this::subscribe);
                return;
            }
            fetch();
        });
    }

    private void fetch() {
        IQ items = new IQ(IQ.Type.get);
        items.setTo(service);
        items.setChildElement("pubsub", PUBSUB).addElement("items").addAttribute("node", node);
        ctx.router().request(items, TIMEOUT).whenComplete((answer, failure) -> {
            if (failure != null || answer.getType() != IQ.Type.result) {
                LOG.warn("Could not fetch the block list {} on {}: {}", node, service, failure != null ? failure : answer.getError());
                return;
            }
            Element found = answer.getChildElement().element("items");
            int count = 0;
            for (Element item : found == null ? java.util.List.<Element>of() : found.elements("item")) {
                if (item.attributeValue("id") != null) {
                    ctx.cluster().notice(CHANNEL, "+" + item.attributeValue("id"));
                    count++;
                }
            }
            LOG.info("Subscribed to the block list {} on {}: {} entries", node, service, count);
        });
    }

    /** Handles the node's event messages to the server's domain (XEP-0060 §7.1.2, §7.2.2.1). */
    private boolean event(Packet stanza, Origin origin) {
        if (!(stanza instanceof Message message) || stanza.getFrom() == null
                || !service.toBareJID().equals(stanza.getFrom().toBareJID())) {
            return false;
        }
        Element event = message.getChildElement("event", EVENT);
        Element items = event == null ? null : event.element(QName.get("items", EVENT));
        if (items == null || !node.equals(items.attributeValue("node"))) {
            return false;
        }
        for (Element item : items.elements()) {
            String id = item.attributeValue("id");
            if (id != null) {
                ctx.cluster().notice(CHANNEL, ("retract".equals(item.getName()) ? "-" : "+") + id);
            }
        }
        return true;
    }

    private void apply(String change) {
        if (change.startsWith("+")) {
            list.add(change.substring(1));
        } else if (change.startsWith("-")) {
            list.remove(change.substring(1));
        }
    }
}
