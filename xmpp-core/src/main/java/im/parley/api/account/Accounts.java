package im.parley.api.account;

import java.util.List;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * Account operations shared by the admin CLI, admin commands and in-band registration. Creating
 * and deleting publish {@link im.parley.api.event.AccountCreated} and
 * {@link im.parley.api.event.AccountDeleted}; deleting also ends the account's sessions.
 */
public interface Accounts {

    boolean exists(JID account);

    Optional<StoredAccount> find(JID account);

    void create(JID account, String password) throws AccountException;

    void changePassword(JID account, String password) throws AccountException;

    void delete(JID account) throws AccountException;

    /** Whether the password is the account's; for PLAIN and for XEP-0077 password checks. */
    boolean verify(JID account, String password);

    List<JID> list(String domain, int offset, int limit);

    long count(String domain);

    /**
     * Checks a requested username and returns its canonical (nodeprepped) form.
     *
     * @throws AccountException with {@link AccountException.Reason#INVALID_USERNAME}
     */
    String normalizeUsername(String username) throws AccountException;
}
