package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.util.UUID;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.junit.jupiter.api.Test;

/**
 * Real Smack clients log in before and after a restart of a server whose accounts are in a
 * database; a subclass per backend supplies the server.
 */
abstract class RestartKeepsAccounts {

    protected abstract ParleyServer server();

    @Test
    void accountLogsInAfterRestartAndAWrongPasswordStillFails() throws Exception {
        Account account = createAccount("secret-one");
        server().login(account);

        server().restart();

        TestClient again = server().login(account);
        assertTrue(again.isConnected());
        assertRefused(new Account(account.username(), account.domain(), "not-the-password"));
        server().server().accounts().delete(account.jid());
    }

    @Test
    void changedPasswordIsTheOneThatWorksAfterRestart() throws Exception {
        Account account = createAccount("secret-old");
        Account changed = new Account(account.username(), account.domain(), "secret-new");
        server().server().accounts().changePassword(account.jid(), changed.password());

        server().restart();

        assertTrue(server().login(changed).isConnected());
        assertRefused(account);
        server().server().accounts().delete(account.jid());
    }

    @Test
    void deletedAccountStaysDeletedAfterRestart() throws Exception {
        Account account = createAccount("secret-gone");
        server().server().accounts().delete(account.jid());

        server().restart();

        assertFalse(server().server().accounts().exists(account.jid()));
        assertRefused(account);
    }

    /**
     * A new account with a name no earlier run used: the MariaDB test database keeps accounts between
     * runs, so the fixture's counter-based names could collide with a leftover.
     */
    private Account createAccount(String password) throws Exception {
        Account account = new Account("restart-" + UUID.randomUUID(), server().domain(), password);
        server().server().accounts().create(account.jid(), account.password());
        return account;
    }

    private void assertRefused(Account account) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> server().login(account));
        // A SASL failure, not a connection problem that would make this test pass for the wrong reason.
        assertInstanceOf(SASLErrorException.class, e.getCause(), e.toString());
    }
}
