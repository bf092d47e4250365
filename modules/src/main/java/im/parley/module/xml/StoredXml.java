package im.parley.module.xml;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.xml.sax.SAXException;

/**
 * XML elements as the text modules keep in a document store (vCards, private XML), and back.
 * Shared by modules that store XML; it holds no module's logic.
 */
public final class StoredXml {
    private StoredXml() {
    }

    /** The element and everything in it as text, with the namespace declarations it needs. */
    public static String serialize(Element element) {
        return element.asXML();
    }

    /** Bytes the text takes in UTF-8: what limits are measured in, whatever the backend stores. */
    public static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Parses stored text back into an element with no parent, ready to add to a stanza.
     *
     * @throws IllegalStateException if the text is not XML (a damaged database row)
     */
    public static Element parse(String text) {
        try {
            SAXReader reader = SAXReader.createDefault();
            // Stored text never has a DOCTYPE; refusing one keeps a tampered row from reaching files or the network.
            reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = reader.read(new StringReader(text));
            return document.getRootElement().createCopy();
        } catch (DocumentException | SAXException e) {
            throw new IllegalStateException("stored XML cannot be read: " + e.getMessage(), e);
        }
    }

    /** Whether an element has nothing in it: no attributes besides namespaces, no children, no text. */
    public static boolean isEmpty(Element element) {
        return element.attributeCount() == 0 && element.elements().isEmpty() && element.getText().isBlank();
    }
}
