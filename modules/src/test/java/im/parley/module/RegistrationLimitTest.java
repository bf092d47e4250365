package im.parley.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.register.RegisterModule;
import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.parts.Localpart;

/** One address cannot create accounts without limit. */
class RegistrationLimitTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new RegisterModule())
            .yaml("register:\n  allow_registration: true\n  registrations_per_address: 3").build();

    private static XMPPTCPConnection unauthenticated() throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(TestClient.configuration(server, new Account("x", "localhost", "x")).build());
        c.connect();
        return c;
    }

    @Test
    void oneAddressCannotRegisterWithoutLimit() throws Exception {
        XMPPTCPConnection c = unauthenticated();
        AccountManager accounts = AccountManager.getInstance(c);
        XMPPException.XMPPErrorException limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            try {
                accounts.createAccount(Localpart.from("bulk" + i), "long-enough-password");
            } catch (XMPPException.XMPPErrorException e) {
                limited = e;
            }
        }
        assertTrue(limited != null, "registrations were never limited");
        assertEquals(StanzaError.Condition.resource_constraint, limited.getStanzaError().getCondition());
        c.disconnect();
    }
}
