package im.parley.core.routing;

import im.parley.api.Phase;
import im.parley.api.StanzaErrors;
import im.parley.api.StanzaException;
import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.core.dispatch.Interceptors;
import im.parley.core.dispatch.IqRegistry;
import im.parley.core.metrics.ServerMetrics;
import im.parley.core.session.ClientSession;
import im.parley.core.session.SessionServices;
import java.util.Optional;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

/**
 * Everything a client sends passes here: checked (RFC 6120 §8), stamped with the sender's full
 * JID so no one can speak for another, run through INBOUND interceptors, then routed.
 */
public final class StanzaIntake implements SessionServices.StanzaSink {
    private final StanzaRouter router;
    private final Interceptors interceptors;
    private final IqRegistry iqs;
    private final ServerMetrics metrics;

    public StanzaIntake(StanzaRouter router, Interceptors interceptors, IqRegistry iqs, ServerMetrics metrics) {
        this.router = router;
        this.interceptors = interceptors;
        this.iqs = iqs;
        this.metrics = metrics;
    }

    @Override
    public void fromClient(Element element, ClientSession session) {
        metrics.stanzasIn.labelValues(element.getName()).inc();
        long start = System.nanoTime();
        try {
            intake(element, session);
        } finally {
            metrics.routing.labelValues(element.getName()).observe((System.nanoTime() - start) / 1e9);
        }
    }

    private void intake(Element element, ClientSession session) {
        if (!checkFrom(element, session)) {
            return;
        }
        Packet stanza = parse(element);
        stanza.setFrom(session.address());
        try {
            validate(stanza, element);
            Packet passed = interceptors.run(Phase.INBOUND, stanza, session);
            if (passed == null) {
                return;
            }
            if (passed instanceof Presence presence) {
                router.presenceFromClient(presence, session);
            } else {
                router.route(passed, session);
            }
        } catch (StanzaException e) {
            if (!StanzaErrors.isError(stanza)) {
                Packet error = StanzaErrors.reply(stanza, e);
                error.setFrom(stanza.getTo() == null ? null : stanza.getTo());
                error.setTo(session.address());
                session.deliver(error);
            }
        }
    }

    /** RFC 6120 §8.1.2.1: a 'from' other than the client's own address ends the stream with invalid-from. */
    private static boolean checkFrom(Element element, ClientSession session) {
        String from = element.attributeValue("from");
        if (from == null) {
            return true;
        }
        try {
            JID claimed = new JID(from);
            JID own = session.address();
            if (claimed.equals(own) || (claimed.getResource() == null && claimed.toBareJID().equals(own.toBareJID()))) {
                return true;
            }
        } catch (IllegalArgumentException e) {
            // falls through to invalid-from
        }
        session.close(new StreamError(StreamError.Condition.invalid_from, "'from' must be your own address", "en"));
        return false;
    }

    private static Packet parse(Element element) {
        return "message".equals(element.getName()) || "presence".equals(element.getName())
                ? im.parley.api.xml.XmlText.stanza(element) : new IQ(element, true);
    }

    private static void validate(Packet stanza, Element element) throws StanzaException {
        String to = element.attributeValue("to");
        if (to != null) {
            try {
                new JID(to);
            } catch (IllegalArgumentException e) {
                element.addAttribute("to", null);
                throw new StanzaException(PacketError.Condition.jid_malformed, "'" + to + "' is not a valid address");
            }
        }
        String type = element.attributeValue("type");
        if (stanza instanceof IQ iq) {
            validateIq(iq, type);
        } else if (stanza instanceof Presence presence) {
            validatePresence(presence, type);
        } else if (type != null && !isMessageType(type)) {
            // RFC 6121 §5.2.2: a message of unknown type is treated as normal.
            element.addAttribute("type", null);
        }
    }

    private static boolean isMessageType(String type) {
        return switch (type) {
            case "chat", "error", "groupchat", "headline", "normal" -> true;
            default -> false;
        };
    }

    private static void validateIq(IQ iq, String type) throws StanzaException {
        if (iq.getID() == null || iq.getID().isEmpty()) {
            throw new StanzaException(PacketError.Condition.bad_request, "an IQ needs an id");
        }
        if (type == null || !(type.equals("get") || type.equals("set") || type.equals("result") || type.equals("error"))) {
            throw new StanzaException(PacketError.Condition.bad_request, "an IQ needs a type of get, set, result or error");
        }
        if ((type.equals("get") || type.equals("set")) && iq.getElement().elements().size() != 1) {
            throw new StanzaException(PacketError.Condition.bad_request, "an IQ request carries exactly one payload");
        }
    }

    private static void validatePresence(Presence presence, String type) throws StanzaException {
        if (type != null) {
            try {
                Presence.Type.valueOf(type);
            } catch (IllegalArgumentException e) {
                throw new StanzaException(PacketError.Condition.bad_request, "unknown presence type '" + type + "'");
            }
        }
        String priority = presence.getElement().elementTextTrim("priority");
        if (priority != null) {
            try {
                int p = Integer.parseInt(priority);
                if (p < -128 || p > 127) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new StanzaException(PacketError.Condition.bad_request, "priority must be a number from -128 to 127");
            }
        }
    }

    /** IQs before authentication: only handlers registered for that (in-band registration) answer. */
    @Override
    public void preAuth(Element element, ClientSession session) {
        IQ iq = new IQ(element, true);
        IqType type = "get".equals(element.attributeValue("type")) ? IqType.GET
                : "set".equals(element.attributeValue("type")) ? IqType.SET : null;
        if (type == null) {
            return;
        }
        Element child = iq.getChildElement();
        Optional<IqRegistry.Registered> handler = child == null ? Optional.empty()
                : iqs.find(new IqRegistry.Key(IqScope.SERVER, type, child.getNamespaceURI(), child.getName()))
                        .filter(IqRegistry.Registered::preAuth);
        iq.setFrom((JID) null);
        IQ reply = handler.isPresent()
                ? IqDispatcher.run(handler.get(), iq, session, child.getNamespaceURI(), metrics, iqs.failures())
                : IqDispatcher.errorReply(iq, new PacketError(PacketError.Condition.service_unavailable));
        if (reply != null) {
            reply.setTo((JID) null);
            reply.setFrom((JID) null);
            reply.setID(iq.getID());
            session.reply(reply);
        }
    }
}
