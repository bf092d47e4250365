package im.parley.core.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.StreamError;

class XmlStreamDecoderTest {
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='example.org' version='1.0' xml:lang='en'>";

    private final List<StreamEvent> events = new ArrayList<>();
    private final XmlStreamDecoder decoder = new XmlStreamDecoder(10_000, 16);

    private void feed(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        decoder.decode(b, 0, b.length, events::add);
    }

    @Test
    void streamHeaderAndStanzasSplitAcrossChunks() {
        String input = HEADER + " <message to='a@example.org' id='1'><body>hi &amp; bye</body>"
                + "<x xmlns='urn:x' xmlns:p='urn:p' p:attr='v'/></message>\n<presence/></stream:stream>";
        for (int i = 0; i < input.length(); i += 7) {
            feed(input.substring(i, Math.min(input.length(), i + 7)));
        }
        StreamEvent.Open open = assertInstanceOf(StreamEvent.Open.class, events.get(0));
        assertEquals("stream", open.name());
        assertEquals("http://etherx.jabber.org/streams", open.namespace());
        assertEquals("jabber:client", open.defaultNamespace());
        assertEquals("example.org", open.attribute("to"));
        assertEquals("en", open.attribute("xml:lang"));
        StreamEvent.Child message = assertInstanceOf(StreamEvent.Child.class, events.get(1));
        assertEquals("jabber:client", message.element().getNamespaceURI());
        assertEquals("hi & bye", message.element().elementText("body"));
        String xml = message.element().asXML();
        assertTrue(xml.startsWith("<message xmlns=\"jabber:client\" to=\"a@example.org\" id=\"1\"><body>hi &amp; bye</body>"
                + "<x xmlns=\"urn:x\" xmlns:p=\"urn:p\" p:attr=\"v\""), xml);
        assertInstanceOf(StreamEvent.Child.class, events.get(2));
        assertInstanceOf(StreamEvent.Close.class, events.get(3));
    }

    @Test
    void doctypeIsRestrictedXml() {
        feed("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;'>]>"
                + "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");
        assertFailure(StreamError.Condition.restricted_xml);
    }

    @Test
    void undeclaredEntityIsRejected() {
        feed(HEADER + "<message><body>&lol9;</body></message>");
        StreamEvent.Failure failure = assertInstanceOf(StreamEvent.Failure.class, events.get(events.size() - 1));
        assertTrue(failure.condition() == StreamError.Condition.restricted_xml
                || failure.condition() == StreamError.Condition.not_well_formed, failure.toString());
    }

    @Test
    void commentsAndProcessingInstructionsAreRestricted() {
        feed(HEADER + "<!-- hello -->");
        assertFailure(StreamError.Condition.restricted_xml);
        events.clear();
        XmlStreamDecoder other = new XmlStreamDecoder(10_000, 16);
        byte[] b = (HEADER + "<?foo bar?>").getBytes(StandardCharsets.UTF_8);
        other.decode(b, 0, b.length, events::add);
        assertFailure(StreamError.Condition.restricted_xml);
    }

    @Test
    void oversizedStanzaIsPolicyViolation() {
        feed(HEADER + "<message><body>");
        for (int i = 0; i < 30; i++) {
            feed("x".repeat(500));
        }
        assertFailure(StreamError.Condition.policy_violation);
    }

    @Test
    void deepNestingIsPolicyViolation() {
        feed(HEADER + "<message>" + "<a>".repeat(20));
        assertFailure(StreamError.Condition.policy_violation);
    }

    @Test
    void malformedXmlIsNotWellFormed() {
        feed(HEADER + "<message><body></message>");
        assertFailure(StreamError.Condition.not_well_formed);
    }

    @Test
    void restartAcceptsANewHeader() {
        feed(HEADER + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        decoder.restart();
        feed(HEADER + "<presence/>");
        assertEquals(4, events.size(), events.toString());
        assertInstanceOf(StreamEvent.Open.class, events.get(2));
    }

    private void assertFailure(StreamError.Condition condition) {
        StreamEvent last = events.get(events.size() - 1);
        StreamEvent.Failure failure = assertInstanceOf(StreamEvent.Failure.class, last, events.toString());
        assertEquals(condition, failure.condition(), failure.text());
    }
}
