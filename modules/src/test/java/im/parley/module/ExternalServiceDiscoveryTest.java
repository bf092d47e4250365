package im.parley.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.config.ConfigException;
import im.parley.module.disco.DiscoModule;
import im.parley.module.extdisco.ExtDiscoModule;
import im.parley.module.ping.PingModule;
import im.parley.testing.Account;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** XEP-0215: logged-in users learn the STUN and TURN servers, with TURN credentials that the TURN server can check. */
class ExternalServiceDiscoveryTest {
    private static final String SECRET = "turn-shared-secret";

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new PingModule(), new ExtDiscoModule())
            .yaml("""
                    extdisco:
                      services:
                        - type: stun
                          host: stun.example.org
                        - type: turn
                          host: turn.example.org
                          secret: turn-shared-secret
                          credential_lifetime: 2h
                        - type: turns
                          host: turn.example.org
                          name: TURN over TLS
                          secret: turn-shared-secret""").build();

    @Test
    void theServerAdvertisesTheFeature() throws Exception {
        TestClient alice = server.newUser();
        assertTrue(ServiceDiscoveryManager.getInstanceFor(alice.connection()).serverSupportsFeature(ExtDiscoModule.NS));
    }

    @Test
    void listsStunAndTurnWithDefaultsFilledIn() throws Exception {
        TestClient alice = server.newUser();
        List<Element> services = services(alice, null);
        assertEquals(3, services.size());
        Element stun = services.get(0);
        assertEquals(List.of("stun", "stun.example.org", "3478", "udp"), attributes(stun, "type", "host", "port", "transport"));
        assertNull(stun.attributeValue("username"), "STUN needs no credentials");
        assertNull(stun.attributeValue("restricted"));
        assertEquals(List.of("turn", "turn.example.org", "3478", "udp", "1"), attributes(services.get(1), "type", "host", "port", "transport", "restricted"));
        assertEquals(List.of("turns", "5349", "tcp", "TURN over TLS"), attributes(services.get(2), "type", "port", "transport", "name"));
    }

    @Test
    void turnCredentialsVerifyWithTheSecretAndExpireAsConfigured() throws Exception {
        TestClient alice = server.newUser();
        Instant before = Instant.now();
        Element turn = services(alice, "turn").get(0);
        String username = turn.attributeValue("username");
        String[] parts = username.split(":", 2);
        assertEquals(alice.account().jid().toBareJID(), parts[1], "the user name names the bare JID");
        Instant expiry = Instant.ofEpochSecond(Long.parseLong(parts[0]));
        assertTrue(!expiry.isBefore(before.plus(Duration.ofHours(2)).minusSeconds(1))
                && !expiry.isAfter(Instant.now().plus(Duration.ofHours(2))), "expiry " + expiry + " is not in 2h");
        assertEquals(expiry, Instant.parse(turn.attributeValue("expires")), "'expires' says the same in XEP-0082 form");
        assertTrue(turn.attributeValue("expires").endsWith("Z"), "UTC");
        assertEquals(hmacSha1(SECRET, username), turn.attributeValue("password"));
    }

    @Test
    void aTypeFilterKeepsOnlyThatTypeAndAnUnknownTypeGivesNothing() {
        TestClient alice = server.newUser();
        List<Element> turns = services(alice, "turns");
        assertEquals(1, turns.size());
        assertEquals("turns", turns.get(0).attributeValue("type"));
        assertTrue(services(alice, "ftp").isEmpty());
    }

    @Test
    void credentialsForOneServiceAndErrorsForOthers() throws Exception {
        TestClient alice = server.newUser();
        IQ answer = alice.request(new RawIq(IQ.Type.get, server.domain(), "credentials", ExtDiscoModule.NS,
                "<service host='turn.example.org' type='turn'/>"));
        List<Element> services = children(answer);
        assertEquals(1, services.size());
        assertEquals("3478", services.get(0).attributeValue("port"));
        assertEquals(hmacSha1(SECRET, services.get(0).attributeValue("username")), services.get(0).attributeValue("password"));

        assertEquals(StanzaError.Condition.item_not_found, alice.request(new RawIq(IQ.Type.get, server.domain(), "credentials",
                ExtDiscoModule.NS, "<service host='elsewhere.example.org' type='turn'/>")).getError().getCondition());
        assertEquals(StanzaError.Condition.bad_request, alice.request(new RawIq(IQ.Type.get, server.domain(), "credentials",
                ExtDiscoModule.NS, "<service host='turn.example.org'/>")).getError().getCondition());
    }

    @Test
    void aClientThatHasNotLoggedInIsRefused() throws Exception {
        Account account = server.newAccount();
        try (RawClient raw = server.raw()) {
            raw.open(account.domain());
            raw.startTls(account.domain());
            raw.send("<iq type='get' id='ext1' to='" + account.domain() + "'><services xmlns='urn:xmpp:extdisco:2'/></iq>");
            String answer = raw.readUntil("</iq>");
            assertTrue(answer.contains("type=\"error\"") || answer.contains("type='error'"), answer);
            assertTrue(answer.contains("service-unavailable"), answer);
            assertFalse(answer.contains(SECRET) || answer.contains("username"), answer);
        }
    }

    @Test
    void invalidConfigStopsTheServerNamingTheKey() {
        assertBootFails("extdisco:\n  services:\n    - type: stun\n      host: stun.example.org\n      port: 70000",
                "extdisco.services[0].port", "at most 65535");
        assertBootFails("extdisco:\n  services:\n    - type: ftp\n      host: ftp.example.org",
                "extdisco.services[0].type", "stun, turn, turns");
        assertBootFails("extdisco:\n  services:\n    - type: turn\n      host: turn.example.org",
                "extdisco.services[0]", "'secret' is required");
        assertBootFails("extdisco:\n  services:\n    - type: stun\n      host: \"turn:stun.example.org\"",
                "extdisco.services[0]", "'host'");
    }

    private static void assertBootFails(String yaml, String key, String problem) {
        ParleyServer broken = ParleyServer.with(new ExtDiscoModule()).yaml(yaml).build();
        ConfigException e = assertThrows(ConfigException.class, broken::start);
        broken.stop();
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    private static List<Element> services(TestClient client, String type) {
        return children(client.request(new ServicesRequest(server.domain(), type)));
    }

    private static List<Element> children(IQ answer) {
        assertEquals(IQ.Type.result, answer.getType(), answer.toXML().toString());
        return parse(((UnparsedIQ) answer).getContent().toString()).elements("service");
    }

    private static Element parse(String xml) {
        try {
            return DocumentHelper.parseText(xml).getRootElement();
        } catch (org.dom4j.DocumentException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> attributes(Element e, String... names) {
        return java.util.Arrays.stream(names).map(e::attributeValue).toList();
    }

    /** The TURN server's check, written independently of the module. */
    private static String hmacSha1(String secret, String username) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }

    /** A request for the services, of one type or (null) all. */
    private static final class ServicesRequest extends IQ {
        private final String type;

        ServicesRequest(String to, String type) {
            super("services", ExtDiscoModule.NS);
            this.type = type;
            setType(Type.get);
            setTo(Jids.smack(to));
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.optAttribute("type", type);
            xml.setEmptyElement();
            return xml;
        }
    }
}
