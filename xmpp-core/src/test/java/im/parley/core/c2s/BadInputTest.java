package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import im.parley.testing.TestClient;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile and broken input gets its standard error and ends only the offending stream; a
 * bystander's session keeps working through all of it.
 */
class BadInputTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().yaml("c2s:\n  address: 127.0.0.1\n  port: 0\n"
            + "  direct_tls_port: 0\n  max_stanza_size: 16KiB\n  max_xml_depth: 16").build();

    /** Proves the server still serves others: a message between two bystanders arrives. */
    private static void bystandersStillTalk() {
        TestClient a = server.newUser();
        TestClient b = server.newUser();
        a.sendChat(b.address(), "still fine");
        b.receivesMessage(m -> "still fine".equals(m.getBody()));
    }

    private static String loggedInThenSend(String xml) throws IOException {
        try (RawClient raw = server.raw()) {
            raw.login(server.newAccount());
            raw.send(xml);
            return raw.readUntilClosed();
        }
    }

    @Test
    void malformedXmlIsNotWellFormed() throws Exception {
        String answer = loggedInThenSend("<message to='a@localhost'><body>unclosed</message>");
        assertTrue(answer.contains("<not-well-formed xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>"), answer);
        assertTrue(answer.endsWith("</stream:stream>"), answer);
        bystandersStillTalk();
    }

    @Test
    void oversizedStanzaIsPolicyViolation() throws Exception {
        String answer = loggedInThenSend("<message to='a@localhost'><body>" + "x".repeat(40_000) + "</body></message>");
        assertTrue(answer.contains("<policy-violation"), answer);
        bystandersStillTalk();
    }

    @Test
    void deeplyNestedXmlIsPolicyViolation() throws Exception {
        String answer = loggedInThenSend("<message>" + "<a>".repeat(40) + "</message>");
        assertTrue(answer.contains("<policy-violation"), answer);
    }

    @Test
    void billionLaughsIsRestrictedXml() throws Exception {
        StringBuilder bomb = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>");
        for (int i = 1; i < 10; i++) {
            bomb.append("<!ENTITY lol").append(i).append(" '").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("'>");
        }
        bomb.append("]><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>&lol9;");
        try (RawClient raw = server.raw()) {
            raw.send(bomb.toString());
            String answer = raw.readUntilClosed();
            assertTrue(answer.contains("<restricted-xml"), answer);
            assertTrue(answer.contains("<stream:stream"), "a stream header precedes the error: " + answer);
        }
        bystandersStillTalk();
    }

    @Test
    void stanzaBeforeAuthenticationIsNotAuthorized() throws Exception {
        try (RawClient raw = server.raw()) {
            raw.open("localhost");
            raw.startTls("localhost");
            raw.send("<message to='someone@localhost'><body>spam</body></message>");
            String answer = raw.readUntilClosed();
            assertTrue(answer.contains("<not-authorized xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>"), answer);
        }
    }

    @Test
    void authenticatingWithoutTlsIsRefused() throws Exception {
        try (RawClient raw = server.raw()) {
            raw.open("localhost");
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGEAYg==</auth>");
            String answer = raw.readUntil("</failure>");
            assertTrue(answer.contains("<encryption-required/>"), answer);
        }
    }

    @Test
    void unknownMechanismIsInvalidMechanismAndTheStreamGoesOn() throws Exception {
        Account account = server.newAccount();
        try (RawClient raw = server.raw()) {
            raw.open("localhost");
            raw.startTls("localhost");
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='X-MADE-UP'>=</auth>");
            assertTrue(raw.readUntil("</failure>").contains("<invalid-mechanism/>"));
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>not base64!</auth>");
            assertTrue(raw.readUntil("</failure>").contains("<incorrect-encoding/>"));
            assertTrue(raw.authenticatePlain(account.username(), account.password()).contains("<success"));
        }
    }

    @Test
    void unknownHostAndWrongNamespaceEndTheStream() throws Exception {
        try (RawClient raw = server.raw()) {
            raw.send("<?xml version='1.0'?><stream:stream to='not-served.example' version='1.0' xmlns='jabber:client' "
                    + "xmlns:stream='http://etherx.jabber.org/streams'>");
            assertTrue(raw.readUntilClosed().contains("<host-unknown"));
        }
        try (RawClient raw = server.raw()) {
            raw.send("<?xml version='1.0'?><stream:stream to='localhost' version='1.0' xmlns='jabber:server' "
                    + "xmlns:stream='http://etherx.jabber.org/streams'>");
            assertTrue(raw.readUntilClosed().contains("<invalid-namespace"));
        }
        try (RawClient raw = server.raw()) {
            raw.send("<?xml version='1.0'?><stream:stream to='localhost' xmlns='jabber:client' "
                    + "xmlns:stream='http://etherx.jabber.org/streams'>");
            assertTrue(raw.readUntilClosed().contains("<unsupported-version"));
        }
    }

    @Test
    void spoofedFromIsInvalidFrom() throws Exception {
        String answer = loggedInThenSend("<message from='someone-else@localhost/x' to='a@localhost'><body>hi</body></message>");
        assertTrue(answer.contains("<invalid-from"), answer);
    }

    @Test
    void unknownTopLevelElementIsUnsupportedStanzaType() throws Exception {
        String answer = loggedInThenSend("<banana xmlns='urn:fruit'/>");
        assertTrue(answer.contains("<unsupported-stanza-type"), answer);
    }

    @Test
    void stanzaErrorsKeepTheStreamOpen() throws Exception {
        Account account = server.newAccount();
        try (RawClient raw = server.raw()) {
            String jid = raw.login(account);
            raw.send("<message to='bad@@jid' id='m1'><body>x</body></message>");
            String malformed = raw.readUntil("</message>");
            assertTrue(malformed.contains("type=\"error\"") && malformed.contains("<jid-malformed"), malformed);
            raw.send("<iq type='get' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertTrue(raw.readUntil("</iq>").contains("<bad-request"));
            raw.send("<presence><priority>999</priority></presence>");
            assertTrue(raw.readUntil("</presence>").contains("<bad-request"));
            raw.send("<iq type='get' id='p1' to='localhost'><query xmlns='urn:nothing'/></iq>");
            assertTrue(raw.readUntil("</iq>").contains("<service-unavailable"));
            assertFalse(raw.closed(), "the stream of " + jid + " is still open");
        }
    }
}
