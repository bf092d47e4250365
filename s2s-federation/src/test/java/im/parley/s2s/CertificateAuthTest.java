package im.parley.s2s;

import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.util.UUID;
import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmpp.packet.JID;

/**
 * Servers with certificates their peers trust authenticate with SASL EXTERNAL (XEP-0178) and
 * need no dialback; one of them is reached on its direct TLS port (XEP-0368).
 */
class CertificateAuthTest {
    static final TwoServers NET = new TwoServers();
    static final FederationModule ALPHA_S2S = new FederationModule(NET.loopback);
    static final FederationModule BETA_S2S = new FederationModule(NET.loopback);
    static final String TRUSTING = "  require_valid_certificates: true\n  trust_store: " + TestTrust.trustStore()
            + "\n  trust_store_password: changeit\n";

    @RegisterExtension
    @Order(1)
    static final ParleyServer alpha = TwoServers.server("localhost", ALPHA_S2S, TwoServers.s2s(TRUSTING))
            .admins("admin@localhost").build();

    @RegisterExtension
    @Order(2)
    static final ParleyServer beta = TwoServers.server("example.test", BETA_S2S,
            "s2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: 0\n" + TRUSTING).build();

    @BeforeAll
    static void ports() {
        NET.register("localhost", ALPHA_S2S);
        NET.registerDirectTls("example.test", BETA_S2S);
    }

    @Test
    void trustedCertificatesAuthenticateBothWaysWithoutDialback() throws Exception {
        TestClient romeo = alpha.newUser();
        TestClient juliet = beta.newUser();
        romeo.sendChat(juliet.account().jid(), "over certificates");
        juliet.receivesMessage(m -> "over certificates".equals(m.getBody()));
        juliet.sendChat(new JID(romeo.jid().toString()), "and back");
        romeo.receivesMessage(m -> "and back".equals(m.getBody()));

        Account adminAccount = new Account("admin", "localhost", "admin-secret-" + UUID.randomUUID());
        alpha.server().accounts().create(adminAccount.jid(), adminAccount.password());
        TestClient admin = alpha.login(adminAccount);
        IQ result = admin.request(new RawIq(IQ.Type.set, "localhost", "command", "http://jabber.org/protocol/commands", null)
                .attribute("node", S2sConnectionsCommand.NODE).attribute("action", "execute"));
        String xml = result.toXML().toString();
        assertTrue(xml.contains("<value>sasl-external</value>"), xml);
        assertTrue(!xml.contains("<value>dialback</value>"), xml);
    }
}
