package im.parley.api.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An account as stored: its address parts and salted credentials.
 *
 * @param username the nodeprepped localpart
 * @param domain the served domain
 */
public record StoredAccount(String username, String domain, List<ScramCredential> credentials, Instant created) {

    public StoredAccount {
        credentials = List.copyOf(credentials);
        if (credentials.stream().map(ScramCredential::hash).distinct().count() != credentials.size()) {
            throw new IllegalArgumentException("an account has at most one credential per hash");
        }
    }

    public Optional<ScramCredential> credential(ScramHash hash) {
        return credentials.stream().filter(c -> c.hash() == hash).findFirst();
    }
}
