package im.parley.core.session;

import im.parley.api.event.SessionBound;
import im.parley.core.stream.StreamXml;
import java.security.SecureRandom;
import java.util.Base64;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.StreamError;

/** Resource binding (RFC 6120 §7) and the legacy session request (RFC 3921 §3, kept optional). */
final class ResourceBinder {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceBinder.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResourceBinder() {
    }

    static boolean isBindRequest(Element e) {
        return isIqSetWith(e, "bind", StreamXml.BIND_NS);
    }

    static boolean isSessionRequest(Element e) {
        return isIqSetWith(e, "session", StreamXml.SESSION_NS);
    }

    private static boolean isIqSetWith(Element e, String child, String ns) {
        return "iq".equals(e.getName()) && StreamXml.CLIENT_NS.equals(e.getNamespaceURI())
                && "set".equals(e.attributeValue("type")) && e.element(org.dom4j.QName.get(child, ns)) != null;
    }

    static void answerSession(Element request, ClientSession session) {
        IQ result = new IQ(IQ.Type.result, request.attributeValue("id"));
        session.reply(result);
    }

    static void bind(Element request, ClientSession session, SessionServices services) {
        IQ iq = new IQ(request, true);
        Element bind = iq.getChildElement();
        String requested = bind.elementTextTrim("resource");
        String resource;
        try {
            resource = requested == null || requested.isEmpty() ? generated() : JID.resourceprep(requested);
            if (resource == null || resource.isEmpty()) {
                throw new IllegalArgumentException("empty resource");
            }
        } catch (IllegalArgumentException e) {
            // RFC 6120 §7.7.2.1: a resource that cannot be processed is bad-request.
            reject(iq, session, PacketError.Condition.bad_request, "invalid resource");
            return;
        }
        JID full = new JID(session.username(), session.domain(), resource, true);
        session.bound(full);
        ClientSession replaced = services.registry().bind(session);
        if (replaced != null && replaced != session) {
            // RFC 6120 §7.7.2.2: the newer session wins; the older one ends with <conflict/>.
            LOG.info("{} was bound again; closing the older stream", full);
            replaced.replaced();
        }
        services.routes().route(full)
                .filter(r -> !r.node().equals(services.node()))
                .ifPresent(elsewhere -> {
                    // The same rule across cluster nodes: the node holding the older stream closes it.
                    LOG.info("{} was bound again on another node; closing the older stream there", full);
                    services.delivery().close(elsewhere, new StreamError(StreamError.Condition.conflict,
                            "replaced by a new connection", "en"));
                });
        services.routes().put(session.route());
        services.metrics().sessions.set(services.registry().count());
        IQ result = IQ.createResultIQ(iq);
        result.setTo((JID) null);
        result.setFrom((JID) null);
        result.setChildElement("bind", StreamXml.BIND_NS).addElement("jid").setText(full.toString());
        session.reply(result);
        services.events().publish(new SessionBound(session));
    }

    private static void reject(IQ request, ClientSession session, PacketError.Condition condition, String text) {
        IQ error = IQ.createResultIQ(request);
        error.setTo((JID) null);
        error.setFrom((JID) null);
        error.setChildElement(request.getChildElement().createCopy());
        error.setType(IQ.Type.error);
        PacketError pe = new PacketError(condition);
        pe.setText(text, "en");
        error.setError(pe);
        session.reply(error);
    }

    private static String generated() {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        return "parley-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
