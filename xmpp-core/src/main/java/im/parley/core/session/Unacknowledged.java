package im.parley.core.session;

import im.parley.api.routing.Router;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * What happens to stanzas a client never acknowledged when its session ends for good (XEP-0198
 * §5): messages are routed again, so they reach the user's other devices or offline storage,
 * stamped with when they were first sent (XEP-0203); requests are answered with
 * service-unavailable; presence is dropped, as it is out of date.
 */
final class Unacknowledged {
    private Unacknowledged() {
    }

    static void reroute(List<StreamManagement.Unacked> left, Router router, String domain) {
        for (StreamManagement.Unacked u : left) {
            if (u.stanza() instanceof Message message && isPersonal(message)) {
                Message again = message.createCopy();
                if (again.getChildElement("delay", "urn:xmpp:delay") == null) {
                    Element delay = again.addChildElement("delay", "urn:xmpp:delay");
                    delay.addAttribute("from", domain);
                    delay.addAttribute("stamp", DateTimeFormatter.ISO_INSTANT.format(u.sentAt().atOffset(ZoneOffset.UTC)));
                }
                router.route(again);
            } else if (u.stanza() instanceof IQ iq && (iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set)
                    && iq.getFrom() != null) {
                IQ error = IQ.createResultIQ(iq);
                if (iq.getChildElement() != null) {
                    error.setChildElement(iq.getChildElement().createCopy());
                }
                error.setError(PacketError.Condition.service_unavailable);
                router.route(error);
            }
        }
    }

    /** Messages meant for the person (chat and normal); group chat and headlines are not kept. */
    private static boolean isPersonal(Message message) {
        Message.Type type = message.getType();
        return type == null || type == Message.Type.chat || type == Message.Type.normal;
    }
}
