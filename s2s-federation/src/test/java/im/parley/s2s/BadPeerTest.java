package im.parley.s2s;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import im.parley.testing.TestClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Peers that misbehave are refused with the stream error RFC 6120 names, and the server's other
 * streams carry on. The server trusts the test certificate, which names localhost and
 * example.test, so a peer presenting it proves example.test and nothing else.
 */
class BadPeerTest {
    static final TwoServers NET = new TwoServers();
    static final FederationModule ALPHA_S2S = new FederationModule(NET.loopback);
    static final FederationModule BETA_S2S = new FederationModule(NET.loopback);

    @RegisterExtension
    @Order(1)
    static final ParleyServer alpha = TwoServers.server("localhost", ALPHA_S2S, TwoServers.s2s("  connect_timeout: 2s\n"
            + "  trust_store: " + TestTrust.trustStore() + "\n  trust_store_password: changeit\n  secure_domains: [evil.test]\n")).build();

    @RegisterExtension
    @Order(2)
    static final ParleyServer beta = TwoServers.server("example.test", BETA_S2S, TwoServers.s2s("")).build();

    @BeforeAll
    static void ports() {
        NET.register("localhost", ALPHA_S2S);
        NET.register("example.test", BETA_S2S);
    }

    /** Whatever a bad peer did, users of the two servers still talk. */
    @AfterEach
    void othersCarryOn() {
        TestClient romeo = alpha.newUser();
        TestClient juliet = beta.newUser();
        String body = "still here " + System.nanoTime();
        romeo.sendChat(juliet.account().jid(), body);
        juliet.receivesMessage(m -> body.equals(m.getBody()));
    }

    private RawClient peer(String from, String namespace) throws IOException {
        RawClient raw = new RawClient("127.0.0.1", ALPHA_S2S.port());
        raw.send("<?xml version='1.0'?><stream:stream xmlns='" + namespace + "' xmlns:stream='http://etherx.jabber.org/streams'"
                + " xmlns:db='jabber:server:dialback' from='" + from + "' to='localhost' version='1.0'>");
        return raw;
    }

    /** Opens a stream, does STARTTLS presenting the test certificate, and reads the new features. */
    private RawClient securePeer(String from) throws IOException {
        RawClient raw = peer(from, "jabber:server");
        raw.readUntil("</stream:features>");
        raw.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        raw.readUntil("<proceed");
        raw.upgrade(TestTrust.presentingTestCertificate(), "localhost");
        raw.send("<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
                + " xmlns:db='jabber:server:dialback' from='" + from + "' to='localhost' version='1.0'>");
        return raw;
    }

    @Test
    void aDialbackKeyThatIsNotTheAuthoritativeServersIsRefused() throws Exception {
        // The peer claims beta's domain without beta's certificate in play: dialback asks beta, which denies it.
        try (RawClient raw = peer("example.test", "jabber:server")) {
            raw.readUntil("</stream:features>");
            raw.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            raw.readUntil("<proceed");
            raw.upgrade(im.parley.testing.TestCertificates.clientContext(), "localhost");
            raw.send("<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
                    + " xmlns:db='jabber:server:dialback' to='localhost' version='1.0'>");
            raw.readUntil("</stream:features>");
            raw.send("<db:result from='example.test' to='localhost'>0123456789abcdef</db:result>");
            String answer = raw.readUntilClosed();
            assertTrue(answer.contains("type='invalid'") && answer.contains("<not-authorized"), answer);
        }
    }

    @Test
    void stanzasFromADomainTheStreamDidNotAuthenticateAreRefused() throws Exception {
        try (RawClient raw = securePeer("example.test")) {
            String features = raw.readUntil("</stream:features>");
            assertTrue(features.contains("<mechanism>EXTERNAL</mechanism>"), features);
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>"
                    + Base64.getEncoder().encodeToString("example.test".getBytes()) + "</auth>");
            raw.readUntil("<success");
            raw.send("<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
                    + " from='example.test' to='localhost' version='1.0'>");
            raw.readUntil("</stream:features>");
            raw.send("<message from='mallory@evil.test' to='someone@localhost'><body>spoofed</body></message>");
            String answer = raw.readUntilClosed();
            assertTrue(answer.contains("<invalid-from"), answer);
        }
    }

    @Test
    void aCertificateForAnotherDomainDoesNotAuthenticate() throws Exception {
        try (RawClient raw = securePeer("evil.test")) {
            String features = raw.readUntil("</stream:features>");
            assertFalse(features.contains("EXTERNAL"), features);
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>");
            raw.readUntil("<not-authorized/>");
            // evil.test must prove itself with a certificate (secure_domains), so dialback is no way round.
            raw.send("<db:result from='evil.test' to='localhost'>0123456789abcdef</db:result>");
            String answer = raw.readUntilClosed();
            assertTrue(answer.contains("<not-authorized"), answer);
        }
    }

    @Test
    void aStreamThatNeverAuthenticatesIsClosed() throws Exception {
        try (RawClient raw = peer("slow.test", "jabber:server")) {
            raw.readUntil("</stream:features>");
            String answer = raw.readUntil("<connection-timeout", Duration.ofSeconds(10));
            assertTrue(answer.contains("<stream:error"), answer);
        }
    }

    @Test
    void aClientNamespaceOnTheServerPortIsRefused() throws Exception {
        try (RawClient raw = peer("example.test", "jabber:client")) {
            assertTrue(raw.readUntilClosed().contains("<invalid-namespace"));
        }
    }

    @Test
    void malformedXmlEndsTheStream() throws Exception {
        try (RawClient raw = peer("example.test", "jabber:server")) {
            raw.readUntil("</stream:features>");
            raw.send("<message><body>oops</message>");
            assertTrue(raw.readUntilClosed().contains("<not-well-formed"));
        }
    }

    @Test
    void anUnknownDomainIsRefused() throws Exception {
        try (RawClient raw = new RawClient("127.0.0.1", ALPHA_S2S.port())) {
            raw.send("<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
                    + " from='example.test' to='elsewhere.test' version='1.0'>");
            assertTrue(raw.readUntilClosed().contains("<host-unknown"));
        }
    }
}
