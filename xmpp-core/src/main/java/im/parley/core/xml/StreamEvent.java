package im.parley.core.xml;

import java.util.Map;
import org.dom4j.Element;
import org.xmpp.packet.StreamError;

/** What the decoder hands to the session layer: stream open and close, top-level elements, failures. */
public sealed interface StreamEvent {

    /**
     * The opening stream tag (RFC 6120 §4.7).
     *
     * @param name the element's local name (must be "stream")
     * @param namespace its namespace (must be http://etherx.jabber.org/streams)
     * @param defaultNamespace the content namespace declared as default (jabber:client for clients)
     * @param attributes unprefixed attributes, plus {@code xml:lang} under that key
     */
    record Open(String name, String namespace, String defaultNamespace, Map<String, String> attributes)
            implements StreamEvent {
        public String attribute(String key) {
            return attributes.get(key);
        }
    }

    /** A complete first-level child of the stream: a stanza or a negotiation element. */
    record Child(Element element) implements StreamEvent {
    }

    /** STARTTLS succeeded at the transport: the client will open a new stream over TLS (RFC 6120 §5.4.3.3). */
    record TlsStarted() implements StreamEvent {
    }

    /** The closing stream tag. */
    record Close() implements StreamEvent {
    }

    /** The input broke a rule; the stream must end with this error. */
    record Failure(StreamError.Condition condition, String text) implements StreamEvent {
    }
}
