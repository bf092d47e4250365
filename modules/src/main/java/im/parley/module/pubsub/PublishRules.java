package im.parley.module.pubsub;

import im.parley.api.StanzaException;
import im.parley.module.xml.StoredXml;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.PacketError;

/** What a publication must satisfy (XEP-0060 §7.1.3, §7.1.5) besides who publishes. */
final class PublishRules {
    private PublishRules() {
    }

    static void checkName(String name, String what) throws StanzaException {
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > NodeStore.MAX_NAME_BYTES) {
            throw new StanzaException(PacketError.Condition.not_acceptable,
                    "a " + what + " here has at most " + NodeStore.MAX_NAME_BYTES + " bytes");
        }
    }

    /** XEP-0060 §7.1.5: every publish option must be what the node is configured with. */
    static void checkPreconditions(NodeStore.Node node, DataForm options, Limits limits) throws StanzaException {
        for (FormField f : options.getFields()) {
            String name = NodeConfig.shortName(f.getVariable());
            if (name == null) {
                continue;
            }
            boolean same;
            try {
                NodeConfig wanted = node.config().with(name, f.getValues());
                same = name.equals("max_items")
                        ? wanted.maxItems(limits.maxItems()) == node.config().maxItems(limits.maxItems())
                        : wanted.values().get(name).equals(node.config().values().get(name));
            } catch (StanzaException unknownOrInvalid) {
                same = false;
            }
            if (!same) {
                throw PubSub.error(PacketError.Condition.conflict, "precondition-not-met",
                        "the node's pubsub#" + name + " is not " + f.getValues());
            }
        }
    }

    /** The item's payload as text, checked against XEP-0060 §7.1.3.4–§7.1.3.6 and the size limit. */
    static String payload(NodeStore.Node node, Element item, Limits limits) throws StanzaException {
        List<Element> children = item == null ? List.of() : item.elements();
        if (item != null && !node.config().flag("persist_items") && !node.config().flag("deliver_payloads")) {
            // XEP-0060 §7.1.3.6: a transient notification-only node takes no item.
            throw PubSub.error(PacketError.Condition.bad_request, "item-forbidden", "this node takes publications without items");
        }
        if (children.size() > 1) {
            throw PubSub.error(PacketError.Condition.bad_request, "invalid-payload", "an item holds one element");
        }
        boolean needsPayload = node.config().flag("persist_items") || node.config().flag("deliver_payloads");
        if (children.isEmpty()) {
            if (needsPayload) {
                throw PubSub.error(PacketError.Condition.bad_request, "payload-required", "this node needs a payload");
            }
            return null;
        }
        String text = StoredXml.serialize(children.get(0));
        if (StoredXml.utf8Length(text) > limits.maxItemBytes()) {
            throw PubSub.error(PacketError.Condition.not_acceptable, "payload-too-big",
                    "items here are at most " + limits.maxItemBytes() + " bytes");
        }
        return text;
    }
}
