package im.parley.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** By default nobody can register from a client, but users still change their password. */
class RegistrationDisabledTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new RegisterModule()).build();

    @Test
    void registrationIsRefusedWithServiceUnavailable() throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(TestClient.configuration(server, new Account("x", "localhost", "x")).build());
        c.connect();
        AccountManager accounts = AccountManager.getInstance(c);
        // XEP-0077 §3.1: a server without registration answers the form request with service-unavailable.
        XMPPException.XMPPErrorException noForm = assertThrows(XMPPException.XMPPErrorException.class,
                accounts::getAccountInstructions);
        assertEquals(StanzaError.Condition.service_unavailable, noForm.getStanzaError().getCondition());
        XMPPException.XMPPErrorException refused = assertThrows(XMPPException.XMPPErrorException.class,
                () -> accounts.createAccount(Localpart.from("intruder"), "some-password"));
        assertEquals(StanzaError.Condition.service_unavailable, refused.getStanzaError().getCondition());
        c.disconnect();
    }

    @Test
    void aLoggedInUserStillChangesTheirPassword() throws Exception {
        Account account = server.newAccount();
        TestClient user = server.login(account);
        AccountManager.getInstance(user.connection()).changePassword("a-brand-new-password");
        user.close();
        server.login(new Account(account.username(), account.domain(), "a-brand-new-password"));
    }
}
