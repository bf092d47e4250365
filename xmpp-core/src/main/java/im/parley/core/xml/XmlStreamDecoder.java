package im.parley.core.xml;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.dom4j.DocumentFactory;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.StreamError;

/**
 * Turns the bytes of one XML stream into {@link StreamEvent}s without blocking, enforcing
 * RFC 6120 §11's restrictions (no DTDs, comments, processing instructions or entity declarations)
 * and the configured stanza size and depth limits. Not thread-safe: one instance per stream, fed
 * by one thread at a time.
 */
public final class XmlStreamDecoder {
    /** Shared by all decoders: the factory holds the symbol tables every parser reuses. */
    private static final AsyncXMLInputFactory FACTORY = createFactory();
    private static final DocumentFactory DOCUMENTS = DocumentFactory.getInstance();

    private final int maxStanzaBytes;
    private final int maxDepth;
    private AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    private final List<Element> stack = new ArrayList<>();
    private boolean open;
    private boolean failed;
    private boolean halted;
    private long fed;
    private long stanzaStart = -1;
    private byte previousByte;

    public XmlStreamDecoder(int maxStanzaBytes, int maxDepth) {
        this.maxStanzaBytes = maxStanzaBytes;
        this.maxDepth = maxDepth;
        this.reader = FACTORY.createAsyncForByteArray();
    }

    private static AsyncXMLInputFactory createFactory() {
        AsyncXMLInputFactory factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /** Forgets the current stream: the next bytes must start a new stream header (RFC 6120 §4.3.3). */
    public void restart() {
        halted = false;
        reader = FACTORY.createAsyncForByteArray();
        stack.clear();
        open = false;
        fed = 0;
        stanzaStart = -1;
        previousByte = 0;
    }

    /**
     * Stops producing events until {@link #restart()}: called when an element such as STARTTLS
     * means the following bytes no longer belong to this XML stream.
     */
    public void halt() {
        halted = true;
    }

    /** Whether a failure has been reported; later input is ignored. */
    public boolean failed() {
        return failed;
    }

    /**
     * Parses the bytes and passes each complete event to the sink. After a {@link StreamEvent.Failure}
     * nothing more is produced.
     */
    public void decode(byte[] data, int offset, int length, Consumer<StreamEvent> sink) {
        if (failed || halted) {
            return;
        }
        try {
            if (!open) {
                refuseDeclarations(data, offset, length);
            }
            reader.getInputFeeder().feedInput(data, offset, length);
            fed += length;
            drain(sink);
            if (halted) {
                return;
            }
            if (stanzaStart >= 0 && fed - stanzaStart > maxStanzaBytes) {
                fail(sink, StreamError.Condition.policy_violation, "stanza larger than " + maxStanzaBytes + " bytes");
            } else if (!open && fed > maxStanzaBytes) {
                fail(sink, StreamError.Condition.policy_violation, "stream header too large");
            }
        } catch (RestrictedXmlException e) {
            fail(sink, e.condition, e.getMessage());
        } catch (XMLStreamException e) {
            fail(sink, StreamError.Condition.not_well_formed, shortMessage(e));
        }
    }

    /**
     * Before the stream header, {@code <!} can only start a DOCTYPE, an entity declaration or a
     * comment, all forbidden (RFC 6120 §11.1). Aalto's async parser would only call them malformed.
     */
    private void refuseDeclarations(byte[] data, int offset, int length) throws RestrictedXmlException {
        for (int i = offset; i < offset + length; i++) {
            if (data[i] == '!' && (i > offset ? data[i - 1] == '<' : previousByte == '<')) {
                throw new RestrictedXmlException("DTDs, entity declarations and comments are not allowed (RFC 6120 §11.1)");
            }
        }
        if (length > 0) {
            previousByte = data[offset + length - 1];
        }
    }

    private void fail(Consumer<StreamEvent> sink, StreamError.Condition condition, String text) {
        if (!failed) {
            failed = true;
            sink.accept(new StreamEvent.Failure(condition, text));
        }
    }

    private void drain(Consumer<StreamEvent> sink) throws XMLStreamException {
        int event;
        while (!failed && !halted && (event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            switch (event) {
                case XMLStreamConstants.START_DOCUMENT -> checkDeclaration();
                case XMLStreamConstants.START_ELEMENT -> startElement(sink);
                case XMLStreamConstants.END_ELEMENT -> endElement(sink);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text();
                case XMLStreamConstants.END_DOCUMENT -> {
                    return;
                }
                case XMLStreamConstants.DTD -> throw new RestrictedXmlException("DTDs are not allowed (RFC 6120 §11.1)");
                case XMLStreamConstants.COMMENT -> throw new RestrictedXmlException("comments are not allowed (RFC 6120 §11.1)");
                case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                        throw new RestrictedXmlException("processing instructions are not allowed (RFC 6120 §11.1)");
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                        throw new RestrictedXmlException("entity references other than the predefined ones are not allowed (RFC 6120 §11.1)");
                default -> throw new RestrictedXmlException("unexpected XML construct " + event);
            }
        }
    }

    private void checkDeclaration() throws RestrictedXmlException {
        String encoding = reader.getCharacterEncodingScheme();
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            throw new RestrictedXmlException(StreamError.Condition.unsupported_encoding, "only UTF-8 is supported, got " + encoding);
        }
    }

    private void startElement(Consumer<StreamEvent> sink) throws RestrictedXmlException {
        if (!open) {
            open = true;
            sink.accept(streamOpen());
            return;
        }
        if (stack.size() >= maxDepth) {
            throw new RestrictedXmlException(StreamError.Condition.policy_violation, "elements nested deeper than " + maxDepth);
        }
        if (stack.isEmpty()) {
            stanzaStart = Math.max(0, reader.getLocationInfo().getStartingByteOffset());
        }
        Element element = DOCUMENTS.createElement(qname(reader.getLocalName(), reader.getPrefix(), reader.getNamespaceURI()));
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = reader.getNamespacePrefix(i);
            String uri = reader.getNamespaceURI(i);
            if (prefix != null && !prefix.isEmpty() && !prefix.equals(element.getNamespacePrefix())) {
                element.addNamespace(prefix, uri);
            }
        }
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String ns = reader.getAttributeNamespace(i);
            if (ns == null || ns.isEmpty()) {
                element.addAttribute(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            } else {
                element.addAttribute(qname(reader.getAttributeLocalName(i), reader.getAttributePrefix(i), ns),
                        reader.getAttributeValue(i));
            }
        }
        if (!stack.isEmpty()) {
            stack.get(stack.size() - 1).add(element);
        }
        stack.add(element);
    }

    private static QName qname(String local, String prefix, String uri) {
        if (uri == null || uri.isEmpty()) {
            return DOCUMENTS.createQName(local);
        }
        return DOCUMENTS.createQName(local, prefix == null ? "" : prefix, uri);
    }

    private StreamEvent.Open streamOpen() {
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String ns = reader.getAttributeNamespace(i);
            String name = reader.getAttributeLocalName(i);
            if (ns == null || ns.isEmpty()) {
                attributes.put(name, reader.getAttributeValue(i));
            } else if (XMLConstants.XML_NS_URI.equals(ns)) {
                attributes.put("xml:" + name, reader.getAttributeValue(i));
            }
        }
        String defaultNs = reader.getNamespaceContext().getNamespaceURI("");
        return new StreamEvent.Open(reader.getLocalName(), reader.getNamespaceURI(), defaultNs, Map.copyOf(attributes));
    }

    private void endElement(Consumer<StreamEvent> sink) throws XMLStreamException {
        if (stack.isEmpty()) {
            sink.accept(new StreamEvent.Close());
            failed = true; // nothing may follow the closing tag
            return;
        }
        Element done = stack.remove(stack.size() - 1);
        if (stack.isEmpty()) {
            long size = reader.getLocationInfo().getEndingByteOffset() - stanzaStart;
            stanzaStart = -1;
            if (size > maxStanzaBytes) {
                fail(sink, StreamError.Condition.policy_violation, "stanza larger than " + maxStanzaBytes + " bytes");
                return;
            }
            sink.accept(new StreamEvent.Child(done));
        }
    }

    private void text() throws XMLStreamException {
        if (stack.isEmpty()) {
            // Between stanzas only whitespace is allowed (keepalives, RFC 6120 §4.6.1).
            if (!reader.isWhiteSpace() && !reader.getText().isBlank()) {
                throw new RestrictedXmlException(StreamError.Condition.bad_format, "text outside of stanzas");
            }
            return;
        }
        String text = reader.getText();
        if (!text.isEmpty()) {
            stack.get(stack.size() - 1).addText(text);
        }
    }

    private static String shortMessage(XMLStreamException e) {
        String m = e.getMessage();
        if (m == null) {
            return "malformed XML";
        }
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    /** A construct RFC 6120 forbids, or a limit broken. */
    private static final class RestrictedXmlException extends XMLStreamException {
        private static final long serialVersionUID = 1L;
        private final transient StreamError.Condition condition;

        RestrictedXmlException(String message) {
            this(StreamError.Condition.restricted_xml, message);
        }

        RestrictedXmlException(StreamError.Condition condition, String message) {
            super(message);
            this.condition = condition;
        }
    }
}
