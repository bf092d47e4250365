package im.parley.load;

import java.util.ArrayList;
import java.util.List;
import org.dom4j.Element;

/** Reads the few facts a load client needs from what the server sends: offered mechanisms and error conditions. */
final class Received {
    static final String STREAM_ERRORS_NS = "urn:ietf:params:xml:ns:xmpp-streams";

    private Received() {
    }

    static List<String> mechanisms(Element features) {
        List<String> names = new ArrayList<>();
        Element mechanisms = features.element("mechanisms");
        if (mechanisms != null) {
            for (Element m : mechanisms.elements("mechanism")) {
                names.add(m.getTextTrim());
            }
        }
        return names;
    }

    /** Whether the features include {@code <name xmlns='namespace'/>}. */
    static boolean offers(Element features, String name, String namespace) {
        for (Element child : features.elements()) {
            if (name.equals(child.getName()) && namespace.equals(child.getNamespaceURI())) {
                return true;
            }
        }
        return false;
    }

    static String errorCondition(Element stanza) {
        Element error = stanza.element("error");
        return error == null ? "error without condition" : firstChildName(error, Stanzas.STANZAS_NS);
    }

    static String firstChildName(Element parent, String namespace) {
        for (Element child : parent.elements()) {
            if (namespace.equals(child.getNamespaceURI()) && !"text".equals(child.getName())) {
                return child.getName();
            }
        }
        return "unknown";
    }
}
