package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import im.parley.testing.TestCertificates;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Logging in with every SASL mechanism over STARTTLS and direct TLS (RFC 6120 §5, §6; XEP-0368). */
class SaslTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().build();

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-1", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-256-PLUS", "PLAIN"})
    void everyMechanismLogsInOverStartTls(String mechanism) {
        TestClient alice = server.login(server.newAccount(), b -> b.addEnabledSaslMechanism(mechanism));
        TestClient bob = server.newUser();
        alice.sendChat(bob.address(), "via " + mechanism);
        bob.receivesMessage(m -> ("via " + mechanism).equals(m.getBody()));
        assertTrue(alice.connection().isSecureConnection());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-1", "SCRAM-SHA-256", "PLAIN"})
    void directTlsLogsIn(String mechanism) {
        TestClient alice = server.login(server.newAccount(), b -> b
                .setPort(server.directTlsPort())
                .setSocketFactory(TestCertificates.clientContext().getSocketFactory())
                .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
                .addEnabledSaslMechanism(mechanism));
        TestClient bob = server.newUser();
        bob.sendChat(alice.address(), "over direct TLS");
        alice.receivesMessage(m -> "over direct TLS".equals(m.getBody()));
    }

    @Test
    void directTlsOffersMechanismsRightAway() throws Exception {
        try (RawClient raw = RawClient.directTls("127.0.0.1", server.directTlsPort(), "localhost")) {
            String features = raw.open("localhost");
            assertFalse(features.contains("starttls"), features);
            assertTrue(features.contains("<mechanism>PLAIN</mechanism>"), features);
            assertTrue(features.contains("<mechanism>SCRAM-SHA-256-PLUS</mechanism>"), features);
            assertTrue(features.contains("tls-server-end-point"), "XEP-0440 channel binding types: " + features);
        }
    }

    @Test
    void beforeTlsOnlyStartTlsIsOffered() throws Exception {
        try (RawClient raw = server.raw()) {
            String features = raw.open("localhost");
            assertTrue(features.contains("<starttls xmlns=\"urn:ietf:params:xml:ns:xmpp-tls\"><required/></starttls>"), features);
            assertFalse(features.contains("mechanism"), features);
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        Account account = server.newAccount();
        Account wrong = new Account(account.username(), account.domain(), "not-the-password");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> server.login(wrong));
        assertTrue(e.getMessage().contains("not-authorized"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> server.login(new Account("no-such-user", "localhost", "whatever-pw")));
    }

    @Test
    void usersOfASecondVirtualHostTalkToTheFirst() {
        TestClient remote = server.login(server.newAccount("example.test"));
        TestClient local = server.newUser();
        assertEquals("example.test", remote.address().getDomain());
        remote.sendChat(local.address(), "from the other domain");
        local.receivesMessage(m -> "from the other domain".equals(m.getBody())
                && m.getFrom().getDomain().toString().equals("example.test"));
    }
}
