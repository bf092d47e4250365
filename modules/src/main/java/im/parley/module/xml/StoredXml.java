package im.parley.module.xml;

import java.nio.charset.StandardCharsets;
import org.dom4j.Element;

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
        return im.parley.api.xml.XmlText.parse(text);
    }

    /** Whether an element has nothing in it: no attributes besides namespaces, no children, no text. */
    public static boolean isEmpty(Element element) {
        return element.attributeCount() == 0 && element.elements().isEmpty() && element.getText().isBlank();
    }
}
