package im.parley.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.disco.DiscoModule;
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

/** XEP-0077 with registration allowed: create, conflict, limits, password change, removal. */
class RegistrationTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new RegisterModule())
            .yaml("register:\n  allow_registration: true\n  registrations_per_address: 0").build();

    private static XMPPTCPConnection unauthenticated() throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(TestClient.configuration(server, new Account("x", "localhost", "x")).build());
        c.connect();
        return c;
    }

    @Test
    void aNewUserRegistersLogsInChangesPasswordAndRemovesTheAccount() throws Exception {
        XMPPTCPConnection c = unauthenticated();
        AccountManager accounts = AccountManager.getInstance(c);
        assertTrue(accounts.supportsAccountCreation());
        accounts.createAccount(Localpart.from("newcomer"), "first-password");
        XMPPException.XMPPErrorException again = assertThrows(XMPPException.XMPPErrorException.class,
                () -> accounts.createAccount(Localpart.from("newcomer"), "other-password"));
        assertEquals(StanzaError.Condition.conflict, again.getStanzaError().getCondition());
        c.disconnect();

        TestClient user = server.login(new Account("newcomer", "localhost", "first-password"));
        AccountManager.getInstance(user.connection()).changePassword("second-password");
        user.close();
        assertThrows(IllegalStateException.class, () -> server.login(new Account("newcomer", "localhost", "first-password")));
        TestClient back = server.login(new Account("newcomer", "localhost", "second-password"));
        try {
            AccountManager.getInstance(back.connection()).deleteAccount();
        } catch (org.jivesoftware.smack.SmackException.NotConnectedException e) {
            // Smack drops the pending answer when the stream error that follows it (XEP-0077 §3.2:
            // the server closes the account's streams) is read before the answer is handed over.
            org.junit.jupiter.api.Assertions.assertTrue(String.valueOf(e.getMessage()).contains("not-authorized"), e.toString());
        }
        assertThrows(IllegalStateException.class, () -> server.login(new Account("newcomer", "localhost", "second-password")));
    }

    @Test
    void weakPasswordsAndBadUserNamesAreNotAcceptable() throws Exception {
        XMPPTCPConnection c = unauthenticated();
        AccountManager accounts = AccountManager.getInstance(c);
        XMPPException.XMPPErrorException weak = assertThrows(XMPPException.XMPPErrorException.class,
                () -> accounts.createAccount(Localpart.from("shortpw"), "abc"));
        assertEquals(StanzaError.Condition.not_acceptable, weak.getStanzaError().getCondition());
        c.disconnect();
    }

}
