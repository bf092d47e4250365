package im.parley.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.xml.XmlText;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Packet;

/** Stanzas are written in the content namespace of the stream they go out on (RFC 6120 §4.8.3). */
class StanzaXmlTest {

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void aServerStanzaParsedFromTextIsWrittenForAClientWithOneNamespace() {
        // As a stanza from another server arrives at a node after crossing the cluster as text.
        Packet stanza = XmlText.stanza("<message xmlns='jabber:server' from='a@remote.example/r' to='b@localhost/r'>"
                + "<body>hi</body><x xmlns='jabber:x:oob'><url>u</url></x></message>");
        String xml = StanzaXml.toClient(stanza);
        assertEquals(1, count(xml, "xmlns=\"jabber:client\""), xml);
        assertEquals(0, count(xml, "jabber:server"), xml);
        assertTrue(xml.contains("<x xmlns=\"jabber:x:oob\">"), xml);
    }

    @Test
    void aClientStanzaIsWrittenForAServerStream() {
        Packet stanza = XmlText.stanza("<message xmlns='jabber:client' to='a@remote.example'><body>hi</body></message>");
        String xml = StanzaXml.toServer(stanza);
        assertEquals(1, count(xml, "xmlns=\"jabber:server\""), xml);
        assertEquals(0, count(xml, "jabber:client"), xml);
    }
}
