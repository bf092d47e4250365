package im.parley.core.session;

import im.parley.api.StreamStage;
import im.parley.core.sasl.SaslExchange;
import im.parley.core.stream.StreamXml;
import java.util.ArrayList;
import java.util.List;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/** The stream features offered at each step of negotiation (RFC 6120 §4.3.2). */
final class StreamFeatureOffer {
    private static final String SASL_CB_NS = "urn:xmpp:sasl-cb:0";

    private final SessionServices services;
    private final Connection connection;

    StreamFeatureOffer(SessionServices services, Connection connection) {
        this.services = services;
        this.connection = connection;
    }

    List<Element> features(ClientSession session, SaslExchange sasl, boolean authenticated) {
        List<Element> features = new ArrayList<>();
        if (authenticated) {
            features.add(element("bind", StreamXml.BIND_NS));
            Element sessionFeature = element("session", StreamXml.SESSION_NS);
            sessionFeature.addElement("optional");
            features.add(sessionFeature);
            features.add(element("csi", ClientState.NS)); // XEP-0352 §3
            if (!session.link().managed()) {
                features.add(element("sm", StreamManagement.NS)); // XEP-0198 §2
            }
            features.addAll(services.features().offered(StreamStage.AFTER_AUTH, session));
            return features;
        }
        boolean secure = connection.secure();
        boolean tlsRequired = services.c2s().requireTls() && !secure;
        if (!secure && connection.canStartTls()) {
            Element starttls = element("starttls", StreamXml.TLS_NS);
            if (services.c2s().requireTls()) {
                starttls.addElement("required");
            }
            features.add(starttls);
            connection.offerStartTls(true);
        }
        if (!tlsRequired) {
            Element mechanisms = element("mechanisms", StreamXml.SASL_NS);
            for (String m : sasl.offered()) {
                mechanisms.addElement("mechanism").setText(m);
            }
            features.add(mechanisms);
            if (sasl.offered().stream().anyMatch(m -> m.endsWith("-PLUS"))) {
                // XEP-0440: tell clients which channel binding type we support.
                Element cb = element("sasl-channel-binding", SASL_CB_NS);
                cb.addElement("channel-binding").addAttribute("type", "tls-server-end-point");
                features.add(cb);
            }
            features.addAll(services.features().offered(StreamStage.BEFORE_AUTH, session));
        }
        return features;
    }

    private static Element element(String name, String namespace) {
        return DocumentHelper.createElement(QName.get(name, namespace));
    }
}
