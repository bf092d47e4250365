package im.parley.module.extdisco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.session.LocalSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** The XEP-0215 handlers called directly, for the origins a socket test cannot produce. */
class ExternalServicesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ExternalService TURN = new ExternalService(ExternalService.Type.TURN, "turn.example.org",
            null, null, null, "secret", Duration.ofMinutes(10));
    private static final Origin ALICE = new FixedOrigin(Origin.Kind.CLIENT, new JID("alice@example.org/phone"));

    @Test
    void otherServersAndTheServerItselfAreForbidden() {
        ExternalServices services = new ExternalServices(List.of(TURN), CLOCK);
        for (Origin origin : List.of(new FixedOrigin(Origin.Kind.REMOTE, new JID("evil.example")),
                new FixedOrigin(Origin.Kind.SERVER, new JID("example.org")),
                new FixedOrigin(Origin.Kind.CLUSTER, new JID("example.org")))) {
            StanzaException e = assertThrows(StanzaException.class, () -> services.services(request("services"), origin));
            assertEquals(PacketError.Condition.forbidden, e.condition(), origin.kind().toString());
            e = assertThrows(StanzaException.class, () -> services.credentials(credentialsFor("turn.example.org"), origin));
            assertEquals(PacketError.Condition.forbidden, e.condition(), origin.kind().toString());
        }
    }

    @Test
    void noConfiguredServicesIsAnEmptyList() throws StanzaException {
        IQ result = new ExternalServices(List.of(), CLOCK).services(request("services"), ALICE);
        assertEquals(IQ.Type.result, result.getType());
        assertTrue(result.getChildElement().elements().isEmpty());
    }

    @Test
    void credentialsExpireAfterTheConfiguredLifetime() throws StanzaException {
        Element service = new ExternalServices(List.of(TURN), CLOCK).credentials(credentialsFor("TURN.example.org"), ALICE)
                .getChildElement().element("service");
        assertEquals("2030-01-01T00:10:00Z", service.attributeValue("expires"));
        assertEquals("1893456600:alice@example.org", service.attributeValue("username"));
        assertEquals(TurnCredentials.hmacSha1("secret", "1893456600:alice@example.org"), service.attributeValue("password"));
    }

    @Test
    void aPortThatIsNotANumberIsABadRequest() {
        IQ request = credentialsFor("turn.example.org");
        request.getChildElement().element("service").addAttribute("port", "http");
        StanzaException e = assertThrows(StanzaException.class,
                () -> new ExternalServices(List.of(TURN), CLOCK).credentials(request, ALICE));
        assertEquals(PacketError.Condition.bad_request, e.condition());
    }

    @Test
    void theConfigNeverPrintsTheSecret() {
        assertTrue(!TURN.toString().contains("secret=secret") && TURN.toString().contains("***"), TURN.toString());
    }

    private static IQ request(String element) {
        IQ iq = new IQ(IQ.Type.get);
        iq.setFrom("alice@example.org/phone");
        iq.setTo("example.org");
        iq.setChildElement(element, ExtDiscoModule.NS);
        return iq;
    }

    private static IQ credentialsFor(String host) {
        IQ iq = request("credentials");
        iq.getChildElement().addElement("service").addAttribute("host", host).addAttribute("type", "turn");
        return iq;
    }

    /** A sender of a given kind, without a session. */
    private record FixedOrigin(Kind kind, JID jid) implements Origin {
        @Override
        public Optional<LocalSession> session() {
            return Optional.empty();
        }
    }
}
