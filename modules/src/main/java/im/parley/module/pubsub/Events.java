package im.parley.module.pubsub;

import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** The event notification messages of XEP-0060 §7.1.2.1. */
public final class Events {
    private Events() {
    }

    /** A message carrying {@code <event/>} with a copy of the given child. */
    public static Message message(JID from, JID to, NodeStore.Node node, Element child) {
        Message m = new Message();
        m.setFrom(from);
        m.setTo(to);
        // XEP-0060 §12.4: headline by default, so clients neither store nor show it as chat.
        if ("headline".equals(node.config().value("notification_type"))) {
            m.setType(Message.Type.headline);
        }
        m.addChildElement("event", PubSub.EVENT).add(child.createCopy());
        return m;
    }
}
