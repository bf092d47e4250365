package im.parley.module.carbons;

import im.parley.api.routing.Route;
import im.parley.api.routing.Router;
import im.parley.api.routing.SessionDirectory;
import im.parley.api.session.LocalSession;
import java.util.Comparator;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * Makes the copies (XEP-0280 §6–§7): a message a device sends goes, wrapped in {@code <sent/>},
 * to the user's other devices with carbons on; a message a device receives goes, wrapped in
 * {@code <received/>}, to the user's devices with carbons on that did not get the message itself.
 */
final class Carbons {
    private static final String FORWARD_NS = "urn:xmpp:forward:0";
    private static final String HINTS_NS = "urn:xmpp:hints";

    private final SessionDirectory routes;
    private final Router router;

    Carbons(SessionDirectory routes, Router router) {
        this.routes = routes;
        this.router = router;
    }

    /** INBOUND: the sender's other devices. */
    Packet sent(Packet stanza, LocalSession sender) {
        if (stanza instanceof Message message && eligible(message) && !toSelf(message, sender.address())) {
            JID from = sender.address();
            for (Route route : routes.routes(from.asBareJID())) {
                if (!route.address().equals(from) && route.flagged(CarbonsModule.ENABLED)) {
                    router.route(copy("sent", message, from, route.address()));
                }
            }
        }
        return stanza;
    }

    /** DELIVERY: the recipient's other devices, copied once per message whichever device gets it. */
    Packet received(Packet stanza, LocalSession recipient) {
        if (stanza instanceof Message message) {
            Element hidden = message.getElement().element(org.dom4j.QName.get("private", CarbonsModule.NS));
            if (hidden != null) {
                // §7: no copies on either side; the marker is between the sender and the server.
                Message delivered = message.createCopy();
                delivered.getElement().remove(delivered.getElement().element(org.dom4j.QName.get("private", CarbonsModule.NS)));
                return delivered;
            }
        }
        if (!(stanza instanceof Message message) || !eligible(message) || toSelf(message, recipient.address())
                || message.getChildElement("delay", "urn:xmpp:delay") != null) {
            // Stamped messages come from storage, delivered late to one device: no copies of those.
            return stanza;
        }
        JID to = message.getTo();
        List<Route> all = routes.routes(recipient.address().asBareJID());
        List<JID> originals = to != null && to.equals(recipient.address()) ? List.of(to) : bareRecipients(message, all);
        // Of several devices that get the original, the first one's delivery makes the copies.
        if (!originals.isEmpty() && !originals.get(0).equals(recipient.address())) {
            return stanza;
        }
        for (Route route : all) {
            if (route.flagged(CarbonsModule.ENABLED) && !originals.contains(route.address())) {
                router.route(copy("received", message, recipient.address().asBareJID(), route.address()));
            }
        }
        return stanza;
    }

    /**
     * The devices a message to the bare JID reaches (RFC 6121 §8.5.2.1.1): the available ones
     * with the highest non-negative priority for chat, all available non-negative ones otherwise.
     */
    private static List<JID> bareRecipients(Message message, List<Route> all) {
        List<Route> available = all.stream().filter(r -> r.available() && r.priority() >= 0).toList();
        int top = available.stream().mapToInt(Route::priority).max().orElse(0);
        return available.stream()
                .filter(r -> message.getType() != Message.Type.chat || r.priority() == top)
                .map(Route::address)
                .sorted(Comparator.comparing(JID::toString))
                .toList();
    }

    /**
     * XEP-0280 §6.1: chat messages, normal ones with a body, and receipts and markers; not
     * errors, headlines, group chat, copies, or what the sender marked private or no-copy.
     */
    static boolean eligible(Message message) {
        Message.Type type = message.getType();
        if (type == Message.Type.error || type == Message.Type.headline || type == Message.Type.groupchat) {
            return false;
        }
        Element e = message.getElement();
        if (e.element(org.dom4j.QName.get("private", CarbonsModule.NS)) != null
                || e.element(org.dom4j.QName.get("no-copy", HINTS_NS)) != null
                || e.element(org.dom4j.QName.get("sent", CarbonsModule.NS)) != null
                || e.element(org.dom4j.QName.get("received", CarbonsModule.NS)) != null) {
            return false;
        }
        return type == Message.Type.chat || message.getBody() != null
                || e.element(org.dom4j.QName.get("received", "urn:xmpp:receipts")) != null
                || e.elements().stream().anyMatch(c -> "urn:xmpp:chat-markers:0".equals(c.getNamespaceURI()));
    }

    /** Between a user's own devices nobody else is in the conversation. */
    private static boolean toSelf(Message message, JID device) {
        return message.getTo() != null && message.getFrom() != null
                && message.getTo().toBareJID().equals(message.getFrom().toBareJID())
                && message.getTo().toBareJID().equals(device.toBareJID());
    }

    /** §6.2/§7: the copy comes from the user's bare JID and forwards the message as it was. */
    private static Message copy(String direction, Message original, JID from, JID to) {
        Message carbon = new Message();
        carbon.setType(original.getType());
        carbon.setFrom(from.asBareJID());
        carbon.setTo(to);
        Element forwarded = carbon.addChildElement(direction, CarbonsModule.NS).addElement("forwarded", FORWARD_NS);
        Element inner = original.getElement().createCopy();
        if (inner.attribute("from") == null && original.getFrom() != null) {
            inner.addAttribute("from", original.getFrom().toString());
        }
        forwarded.add(inner);
        return carbon;
    }
}
