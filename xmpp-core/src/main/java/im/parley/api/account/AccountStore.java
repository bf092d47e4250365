package im.parley.api.account;

import java.util.List;
import java.util.Optional;

/** Storage of accounts; implemented in memory here and with Hibernate in the storage module. */
public interface AccountStore {

    Optional<StoredAccount> find(String username, String domain);

    /** Stores a new account; returns false if it already exists. */
    boolean create(StoredAccount account);

    /** Replaces an account's credentials; returns false if it does not exist. */
    boolean updateCredentials(String username, String domain, List<ScramCredential> credentials);

    /** Deletes an account; returns false if it did not exist. */
    boolean delete(String username, String domain);

    /**
     * Usernames of a domain in Unicode code point order (the order of their UTF-8 bytes), for
     * admin listings. Offset and limit must not be negative.
     */
    List<String> list(String domain, int offset, int limit);

    long count(String domain);
}
