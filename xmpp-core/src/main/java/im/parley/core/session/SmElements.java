package im.parley.core.session;

import im.parley.core.stream.StreamErrorException;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.StreamError;

/** The stream management elements (XEP-0198) a client sends: enable, r, a and resume. */
final class SmElements {
    private static final Logger LOG = LoggerFactory.getLogger(SmElements.class);
    private static final String STANZAS_NS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    private SmElements() {
    }

    static boolean isSm(Element element) {
        return StreamManagement.NS.equals(element.getNamespaceURI());
    }

    static String failed(String condition) {
        return "<failed xmlns='" + StreamManagement.NS + "'><" + condition + " xmlns='" + STANZAS_NS + "'/></failed>";
    }

    /** Before a resource is bound only {@code <resume/>} makes sense (XEP-0198 §5). */
    static void beforeBind(Element element, ClientSession session, SessionServices services) throws StreamErrorException {
        switch (element.getName()) {
            case "resume" -> resume(element, session, services);
            case "enable" -> session.send(failed("unexpected-request")); // §3: enable comes after binding
            default -> throw new StreamErrorException(StreamError.Condition.not_authorized, "bind a resource first");
        }
    }

    /** On an established session. */
    static void established(Element element, ClientSession session, SessionServices services) throws StreamErrorException {
        switch (element.getName()) {
            case "enable" -> enable(element, session, services);
            case "r" -> session.link().answerAckRequest();
            case "a" -> session.link().acknowledged(count(element));
            case "resume" -> session.send(failed("unexpected-request")); // a bound session cannot resume another
            default -> throw new StreamErrorException(StreamError.Condition.unsupported_stanza_type,
                    "<" + element.getName() + "/> is not a stream management element");
        }
    }

    private static void enable(Element element, ClientSession session, SessionServices services) {
        String resume = element.attributeValue("resume");
        String id = session.link().enable("true".equals(resume) || "1".equals(resume));
        if (id != null) {
            services.registry().resumable(id, session);
        }
    }

    /** Only the account that made a session may resume it. */
    private static boolean sameAccount(ClientSession previous, ClientSession fresh) {
        return previous.address() != null && previous.username() != null
                && previous.username().equals(fresh.username()) && previous.domain().equals(fresh.domain());
    }

    private static void resume(Element element, ClientSession fresh, SessionServices services) throws StreamErrorException {
        String previd = element.attributeValue("previd");
        long h = count(element);
        ClientSession previous = previd == null ? null : services.registry().resumable(previd);
        if (previous == null || !sameAccount(previous, fresh)) {
            // §5: unknown or expired; the client binds a new session instead. If the session is on
            // another node, it ends there now, so what the client missed reaches its new session.
            LOG.debug("No session to resume under {}", previd);
            int dot = previd == null ? -1 : previd.lastIndexOf('.');
            if (dot > 0 && previous == null) {
                services.delivery().endResumable(previd.substring(dot + 1), previd,
                        new org.xmpp.packet.JID(fresh.username(), fresh.domain(), null));
            }
            services.metrics().resumptions.labelValues("failed").inc();
            fresh.send(failed("item-not-found"));
            return;
        }
        services.metrics().resumptions.labelValues("resumed").inc();
        int again = previous.link().takeOver(fresh.link().connection(), h, previous);
        previous.resumed();
        fresh.abandon();
        LOG.debug("{} resumed; {} stanzas sent again", previous.address(), again);
    }

    /** The 'h' attribute: a count modulo 2^32. */
    static boolean isAck(Element element) {
        return "a".equals(element.getName()) && isSm(element);
    }

    /** The count in an {@code <a/>} or {@code <resume/>}, or -1 when it is not a count from 0 to 2^32 - 1. */
    static long countOrNegative(Element element) {
        try {
            long h = Long.parseLong(element.attributeValue("h", ""));
            return h < 0 || h > 0xFFFF_FFFFL ? -1 : h;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long count(Element element) throws StreamErrorException {
        long h = countOrNegative(element);
        if (h < 0) {
            throw new StreamErrorException(StreamError.Condition.invalid_xml,
                    "'h' must be a count from 0 to 4294967295");
        }
        return h;
    }
}
