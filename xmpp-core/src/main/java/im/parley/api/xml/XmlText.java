package im.parley.api.xml;

import java.io.StringReader;
import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.xml.sax.SAXException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * XML that the server wrote itself (stored rows, stanzas passed between cluster nodes) read back
 * into elements and stanzas. Not for what clients send: that goes through the stream parser.
 */
public final class XmlText {
    /** Building a reader costs more than parsing a stanza; each thread keeps one (a reader is not thread-safe). */
    private static final ThreadLocal<SAXReader> READERS = ThreadLocal.withInitial(XmlText::newReader);

    private XmlText() {
    }

    private static SAXReader newReader() {
        SAXReader reader = SAXReader.createDefault();
        try {
            // The server never writes a DOCTYPE; refusing one keeps tampered text from reaching files or the network.
            reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (SAXException e) {
            throw new IllegalStateException("the XML parser cannot refuse DOCTYPEs", e);
        }
        return reader;
    }

    /**
     * Parses text into an element with no parent.
     *
     * @throws IllegalStateException if the text is not XML (a damaged row or message)
     */
    public static Element parse(String text) {
        try {
            Document document = READERS.get().read(new StringReader(text));
            return (Element) document.getRootElement().detach();
        } catch (DocumentException e) {
            throw new IllegalStateException("XML cannot be read: " + e.getMessage(), e);
        }
    }

    /** The stanza an element is, by its name. */
    public static Packet stanza(Element element) {
        return switch (element.getName()) {
            case "message" -> new Message(element, true);
            case "presence" -> new Presence(element, true);
            case "iq" -> new IQ(element, true);
            default -> throw new IllegalArgumentException("<" + element.getName() + "/> is not a stanza");
        };
    }

    /** Parses a stanza's text. */
    public static Packet stanza(String text) {
        return stanza(parse(text));
    }
}
