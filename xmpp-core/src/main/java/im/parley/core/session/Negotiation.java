package im.parley.core.session;

import im.parley.core.sasl.SaslExchange;
import im.parley.core.stream.StreamErrorException;
import im.parley.core.stream.StreamXml;
import org.dom4j.Element;
import org.xmpp.packet.StreamError;

/** What a client may send before it has authenticated: STARTTLS, SASL and pre-auth IQs (registration). */
final class Negotiation {
    private Negotiation() {
    }

    static void handle(Element element, ClientSession session, SessionServices services, SaslExchange sasl)
            throws StreamErrorException {
        String ns = element.getNamespaceURI();
        boolean tlsMissing = services.c2s().requireTls() && !session.secure();
        if (StreamXml.TLS_NS.equals(ns)) {
            session.refuseStartTls();
        } else if (SaslExchange.isSasl(element)) {
            if (tlsMissing) {
                session.send("<failure xmlns='" + StreamXml.SASL_NS + "'><encryption-required/>"
                        + "<text xml:lang='en'>start TLS first</text></failure>");
            } else {
                sasl.handle(element);
            }
        } else if (StreamXml.CLIENT_NS.equals(ns) && "iq".equals(element.getName()) && !tlsMissing) {
            services.stanzas().preAuth(element, session);
        } else {
            throw new StreamErrorException(StreamError.Condition.not_authorized,
                    tlsMissing ? "start TLS and authenticate first" : "authenticate first");
        }
    }
}
